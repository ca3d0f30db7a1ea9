package com.modelregistry.version;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A version as clients see it, with the aliases that point at it. */
@RegisterForReflection
@Schema(requiredProperties = {"modelId", "version", "artifactUri", "description", "metrics", "status", "aliases",
        "createdBy", "createdAt", "updatedAt"})
public record VersionView(
        long modelId,
        @Schema(description = "1, 2, 3 ... per model, given by the service and never given twice") int version,
        @Schema(description = "Where the trained artifact is; never fetched by the service, never changed")
        String artifactUri,
        @Schema(nullable = true) String description,
        @Schema(description = "Up to 50 named finite numbers, such as {\"accuracy\": 0.93}") Map<String, Double> metrics,
        VersionStatus status,
        @Schema(description = "The aliases that resolve to this version, sorted; latest on the highest ready one")
        List<String> aliases,
        @Schema(description = "The id of the user who recorded it") long createdBy,
        Instant createdAt,
        Instant updatedAt) {

    static VersionView of(ModelVersion version, List<String> aliases) {
        return new VersionView(version.modelId, version.number, version.artifactUri, version.description,
                version.metrics, version.status, aliases, version.createdBy, version.createdAt, version.updatedAt);
    }
}
