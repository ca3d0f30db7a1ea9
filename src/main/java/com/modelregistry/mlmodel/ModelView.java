package com.modelregistry.mlmodel;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** A model as clients see it. */
@RegisterForReflection
public record ModelView(Long id, String name, String framework, Double accuracy, Long ownerId,
        Instant createdAt, Instant updatedAt) {

    public static ModelView of(MLModel model) {
        return new ModelView(model.id, model.name, model.framework, model.accuracy, model.ownerId,
                model.createdAt, model.updatedAt);
    }
}
