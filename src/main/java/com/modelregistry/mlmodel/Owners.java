package com.modelregistry.mlmodel;

import io.smallrye.mutiny.Uni;

/**
 * What the model feature needs to know of the users who own models, implemented by the user feature. Declared here
 * so that models depend on no user class: the dependency runs one way, from user to mlmodel.
 */
public interface Owners {

    /** Whether a user with this id exists; runs in the caller's reactive session. */
    Uni<Boolean> exists(long userId);
}
