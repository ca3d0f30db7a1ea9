package com.modelregistry.version;

import jakarta.validation.constraints.NotNull;
import java.util.Map;

/** A request to record a version of a model: where its artifact is, and optionally what it is and how it scored. */
public record NewVersion(
        @NotNull @VersionRules.ArtifactUri String artifactUri,
        @VersionRules.Description String description,
        @VersionRules.Metrics Map<@VersionRules.MetricName String, @VersionRules.MetricValue Double> metrics) {

    public NewVersion {
        metrics = metrics == null ? Map.of() : metrics;
    }
}
