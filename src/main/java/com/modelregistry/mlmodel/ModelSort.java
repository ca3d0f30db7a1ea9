package com.modelregistry.mlmodel;

import io.quarkus.panache.common.Sort.Direction;
import io.quarkus.panache.common.Sort.NullPrecedence;
import io.quarkus.panache.common.Sort;
import java.util.Arrays;
import java.util.Optional;

/** The orders the model list offers; ties are always broken by id descending, null accuracies come last. */
public enum ModelSort {
    NEWEST("-createdAt", Sort.by("createdAt", Direction.Descending)),
    OLDEST("createdAt", Sort.by("createdAt", Direction.Ascending)),
    MOST_ACCURATE("-accuracy", Sort.by("accuracy", Direction.Descending, NullPrecedence.NULLS_LAST)),
    LEAST_ACCURATE("accuracy", Sort.by("accuracy", Direction.Ascending, NullPrecedence.NULLS_LAST)),
    NAME_Z_TO_A("-name", Sort.by("name", Direction.Descending)),
    NAME_A_TO_Z("name", Sort.by("name", Direction.Ascending));

    public static final String ALLOWED = "createdAt, -createdAt, accuracy, -accuracy, name, -name";

    private final String parameter;
    private final Sort sort;

    ModelSort(String parameter, Sort sort) {
        this.parameter = parameter;
        this.sort = sort.and("id", Direction.Descending);
    }

    public static Optional<ModelSort> fromParameter(String value) {
        return Arrays.stream(values()).filter(s -> s.parameter.equals(value)).findFirst();
    }

    Sort sort() {
        return sort;
    }
}
