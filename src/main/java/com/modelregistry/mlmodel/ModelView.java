package com.modelregistry.mlmodel;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.modelregistry.version.VersionView;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A model as clients see it. {@code versions} only with {@code ?expand=versions}. */
@RegisterForReflection
@Schema(requiredProperties = {"id", "name", "framework", "accuracy", "ownerId", "tags", "createdAt", "updatedAt"})
public record ModelView(Long id, String name, String framework, @Schema(nullable = true, description = "From 0 to 1; null when the model has no score") Double accuracy, Long ownerId,
        @Schema(description = "Key/value tags, sorted by key; {} when none") Map<String, String> tags,
        Instant createdAt, Instant updatedAt,
        @Schema(description = "Only with ?expand=versions: the newest 100 versions, newest first; the version list"
                + " pages further")
        @JsonInclude(JsonInclude.Include.NON_NULL) List<VersionView> versions) {

    public static ModelView of(MLModel model) {
        return new ModelView(model.id, model.name, model.framework, model.accuracy, model.ownerId,
                new TreeMap<>(model.tags), model.createdAt, model.updatedAt, null);
    }

    static ModelView withVersions(MLModel model, List<VersionView> versions) {
        return new ModelView(model.id, model.name, model.framework, model.accuracy, model.ownerId,
                new TreeMap<>(model.tags), model.createdAt, model.updatedAt, versions);
    }
}
