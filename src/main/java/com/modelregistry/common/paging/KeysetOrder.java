package com.modelregistry.common.paging;

import com.modelregistry.common.problem.InvalidInput;
import com.modelregistry.common.problem.Violation;
import io.quarkus.panache.common.Sort;
import io.quarkus.panache.common.Sort.Direction;
import io.quarkus.panache.common.Sort.NullPrecedence;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * One order a list can be read in by cursor: a sort key (an entity property) in one direction, ties broken by id
 * descending, and for a nullable key the rows without one last, in id order. The order writes the cursor after a row
 * and checks the cursor a client sends back; {@link Keyset} reads the rows after it.
 *
 * @param name how cursors name the order; unique among the orders of all lists, so no cursor crosses lists
 * @param field the entity property of the sort key
 */
public record KeysetOrder<E>(String name, String field, KeyType type, boolean ascending, boolean nullable,
        Function<E, Object> keyOf, ToLongFunction<E> idOf, Sort sort) {

    /** Far longer than any cursor this service makes (a name key is at most 255 characters). */
    private static final int MAX_CURSOR_LENGTH = 2048;
    private static final String NOT_A_CURSOR =
            "is not a cursor from this service; pass the next value of a previous answer";

    public static <E> KeysetOrder<E> of(String name, String field, KeyType type, boolean ascending, boolean nullable,
            Function<E, Object> keyOf, ToLongFunction<E> idOf) {
        Direction direction = ascending ? Direction.Ascending : Direction.Descending;
        Sort byField = nullable ? Sort.by(field, direction, NullPrecedence.NULLS_LAST) : Sort.by(field, direction);
        return new KeysetOrder<>(name, field, type, ascending, nullable, keyOf, idOf,
                byField.and("id", Direction.Descending));
    }

    /** The cursor that points just after this row. */
    public Cursor cursorAfter(E row) {
        Object key = keyOf.apply(row);
        return new Cursor(name, key == null ? null : type.write(key), idOf.applyAsLong(row));
    }

    /**
     * The position a client's ?after= points at: null for an empty one (from the start). A cursor that this service
     * did not make, or made for another order, answers 400 naming after.
     */
    public Position positionAfter(String after) {
        if (after == null || after.isEmpty()) {
            return null;
        }
        Cursor cursor = after.length() > MAX_CURSOR_LENGTH ? null : Cursor.decode(after).orElse(null);
        if (cursor == null) {
            throw refused(NOT_A_CURSOR);
        }
        if (!cursor.order().equals(name)) {
            throw refused("was made for the order " + cursor.order() + ", not " + name);
        }
        if (cursor.key() == null) {
            if (!nullable) {
                throw refused(NOT_A_CURSOR);
            }
            return new Position(null, cursor.id());
        }
        Optional<Object> key = type.read(cursor.key());
        return new Position(key.orElseThrow(() -> refused(NOT_A_CURSOR)), cursor.id());
    }

    private static InvalidInput refused(String message) {
        return new InvalidInput(List.of(new Violation("after", message)));
    }
}
