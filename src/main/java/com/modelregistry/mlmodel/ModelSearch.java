package com.modelregistry.mlmodel;

/** What the model list is filtered and ordered by; a null filter is not applied. */
public record ModelSearch(String framework, Double minAccuracy, Long ownerId, String nameContains, ModelSort sort) {

    public static ModelSearch ownedBy(long ownerId) {
        return new ModelSearch(null, null, ownerId, null, ModelSort.NEWEST);
    }
}
