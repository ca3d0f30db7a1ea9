package com.modelregistry.version;

import com.modelregistry.common.text.NotNullWhenGiven;
import jakarta.validation.constraints.AssertFalse;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A partial update of a version, as {@code mlmodel/ModelPatch} reads one: a null Optional is an absent property (left
 * unchanged), an empty one an explicit JSON null, which clears the description and is refused for the status and the
 * metrics (send {} to clear them). The metrics are replaced whole. The artifact is not a field of the patch but is
 * recognised, so that a client trying to change it learns why it cannot rather than that the property is unknown.
 */
public class VersionPatch {

    static final String ARTIFACT_FIXED = "cannot be changed: a version's artifact is fixed; record a new version"
            + " (POST to the model's versions) for a new artifact";

    private Optional<@VersionRules.Description String> description;
    @NotNullWhenGiven
    private Optional<VersionStatus> status;
    @NotNullWhenGiven
    private Optional<@VersionRules.Metrics Map<@VersionRules.MetricName String, @VersionRules.MetricValue Double>>
            metrics;
    /** Whether the body named artifactUri, whatever its value. */
    @Schema(hidden = true)
    @AssertFalse(message = ARTIFACT_FIXED)
    private boolean artifactUri;

    public void setDescription(String description) {
        this.description = Optional.ofNullable(description);
    }

    public void setStatus(VersionStatus status) {
        this.status = Optional.ofNullable(status);
    }

    public void setMetrics(Map<String, Double> metrics) {
        this.metrics = Optional.ofNullable(metrics);
    }

    /** Takes any JSON value, so that a wrong type is not reported first: the artifact cannot change at all. */
    @Schema(hidden = true)
    public void setArtifactUri(Object ignored) {
        this.artifactUri = true;
    }

    Optional<String> description() {
        return description;
    }

    Optional<VersionStatus> status() {
        return status;
    }

    Optional<Map<String, Double>> metrics() {
        return metrics;
    }
}
