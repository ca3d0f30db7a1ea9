package com.modelregistry.mlmodel;

import com.modelregistry.common.paging.Cursor;
import com.modelregistry.common.text.NumberText;
import io.quarkus.panache.common.Sort.Direction;
import io.quarkus.panache.common.Sort.NullPrecedence;
import io.quarkus.panache.common.Sort;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalDouble;

/** The orders the model list offers; ties are always broken by id descending, null accuracies come last. */
public enum ModelSort {
    NEWEST("-createdAt", "createdAt", false),
    OLDEST("createdAt", "createdAt", true),
    MOST_ACCURATE("-accuracy", "accuracy", false),
    LEAST_ACCURATE("accuracy", "accuracy", true),
    NAME_Z_TO_A("-name", "name", false),
    NAME_A_TO_Z("name", "name", true);

    public static final String ALLOWED = "createdAt, -createdAt, accuracy, -accuracy, name, -name";

    private final String parameter;
    private final String field;
    private final boolean ascending;
    private final Sort sort;

    ModelSort(String parameter, String field, boolean ascending) {
        this.parameter = parameter;
        this.field = field;
        this.ascending = ascending;
        Direction direction = ascending ? Direction.Ascending : Direction.Descending;
        Sort byField = nullable() ? Sort.by(field, direction, NullPrecedence.NULLS_LAST) : Sort.by(field, direction);
        this.sort = byField.and("id", Direction.Descending);
    }

    public static Optional<ModelSort> fromParameter(String value) {
        return Arrays.stream(values()).filter(s -> s.parameter.equals(value)).findFirst();
    }

    /** The value of ?sort= for this order; cursors remember it. */
    public String parameter() {
        return parameter;
    }

    Sort sort() {
        return sort;
    }

    String field() {
        return field;
    }

    boolean ascending() {
        return ascending;
    }

    /** Whether some rows have no sort key (unscored models); they come last, in id order. */
    boolean nullable() {
        return field.equals("accuracy");
    }

    /** The model's sort key as a cursor stores it. */
    String keyOf(MLModel model) {
        return switch (field) {
            case "createdAt" -> model.createdAt.toString();
            case "accuracy" -> model.accuracy == null ? null : Double.toString(model.accuracy);
            default -> model.name;
        };
    }

    /** The sort key of a cursor as the query compares it; throws IllegalArgumentException for a key it never made. */
    Object parseKey(String key) {
        if (key == null) {
            if (!nullable()) {
                throw new IllegalArgumentException("this order has no rows without a key");
            }
            return null;
        }
        return switch (field) {
            case "createdAt" -> Cursor.timeKey(key).orElseThrow(() -> new IllegalArgumentException("not a time key"));
            case "accuracy" -> {
                OptionalDouble accuracy = NumberText.decimal(key);
                if (accuracy.isEmpty() || accuracy.getAsDouble() < 0.0 || accuracy.getAsDouble() > 1.0) {
                    throw new IllegalArgumentException("not an accuracy key");
                }
                yield accuracy.getAsDouble();
            }
            default -> key;
        };
    }
}
