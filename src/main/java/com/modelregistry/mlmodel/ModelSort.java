package com.modelregistry.mlmodel;

import com.modelregistry.common.http.QueryValue;
import com.modelregistry.common.paging.KeyType;
import com.modelregistry.common.paging.KeysetOrder;
import io.quarkus.panache.common.Sort;
import java.util.function.ToLongFunction;

/** The orders the model list offers; ties are always broken by id descending, null accuracies come last. */
public enum ModelSort implements QueryValue {
    NEWEST(KeysetOrder.of("-createdAt", "createdAt", KeyType.TIME, false, false, model -> model.createdAt, id())),
    OLDEST(KeysetOrder.of("createdAt", "createdAt", KeyType.TIME, true, false, model -> model.createdAt, id())),
    MOST_ACCURATE(KeysetOrder.of("-accuracy", "accuracy", KeyType.FRACTION, false, true, model -> model.accuracy, id())),
    LEAST_ACCURATE(KeysetOrder.of("accuracy", "accuracy", KeyType.FRACTION, true, true, model -> model.accuracy, id())),
    NAME_Z_TO_A(KeysetOrder.of("-name", "name", KeyType.TEXT, false, false, model -> model.name, id())),
    NAME_A_TO_Z(KeysetOrder.of("name", "name", KeyType.TEXT, true, false, model -> model.name, id()));

    private final KeysetOrder<MLModel> keyset;

    ModelSort(KeysetOrder<MLModel> keyset) {
        this.keyset = keyset;
    }

    private static ToLongFunction<MLModel> id() {
        return model -> model.id;
    }

    /** The value of ?sort= for this order; cursors remember it. */
    @Override
    public String parameter() {
        return keyset.name();
    }

    /** This order as cursors read it. */
    public KeysetOrder<MLModel> keyset() {
        return keyset;
    }

    Sort sort() {
        return keyset.sort();
    }
}
