package com.modelregistry.version;

import io.smallrye.mutiny.Uni;

/**
 * What the version feature needs to know of models, implemented by the model feature. Declared here so that versions
 * depend on no model class: the dependency runs one way, from mlmodel to version.
 */
public interface VersionedModels {

    /** The id of the model's owner, or null when there is no such model; runs in the caller's reactive session. */
    Uni<Long> ownerOf(long modelId);

    /**
     * Takes the model's next version number: raises its counter under the model's row lock, so that concurrent
     * creates are numbered one after the other, and a number is never given twice. Null when there is no such model.
     */
    Uni<Integer> nextVersionNumber(long modelId);
}
