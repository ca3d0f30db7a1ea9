package com.modelregistry.mlmodel;

import java.util.Map;

/** What the model list is filtered and ordered by; a null filter (or no tags) is not applied. */
public record ModelSearch(String framework, Double minAccuracy, Long ownerId, String nameContains,
        Map<String, String> tags, ModelSort sort) {

    public ModelSearch {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** A search with no tag filter. */
    public ModelSearch(String framework, Double minAccuracy, Long ownerId, String nameContains, ModelSort sort) {
        this(framework, minAccuracy, ownerId, nameContains, Map.of(), sort);
    }

    public static ModelSearch ownedBy(long ownerId) {
        return new ModelSearch(null, null, ownerId, null, ModelSort.NEWEST);
    }
}
