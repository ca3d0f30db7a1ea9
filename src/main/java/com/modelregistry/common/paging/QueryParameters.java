package com.modelregistry.common.paging;

import com.modelregistry.common.problem.InvalidInput;
import com.modelregistry.common.problem.Violation;
import com.modelregistry.common.text.NumberText;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Parses raw query parameters and collects every problem before failing, so that a client learns all its mistakes
 * from one 400 instead of one per request. Parameters arrive as strings because JAX-RS answers 404, not 400, when
 * it cannot convert a query parameter itself.
 */
public final class QueryParameters {

    /** Far longer than any cursor this service makes (a name key is at most 255 characters). */
    private static final int MAX_CURSOR_LENGTH = 2048;

    private final List<Violation> violations = new ArrayList<>();

    public int integer(String name, String raw, int defaultValue, int min, int max) {
        if (raw == null) {
            return defaultValue;
        }
        OptionalLong value = NumberText.whole(raw);
        if (value.isPresent() && value.getAsLong() >= min && value.getAsLong() <= max) {
            return (int) value.getAsLong();
        }
        reject(name, "must be a whole number from " + min + " to " + max);
        return defaultValue;
    }

    public Long id(String name, String raw) {
        if (raw == null) {
            return null;
        }
        OptionalLong value = NumberText.whole(raw);
        if (value.isPresent() && value.getAsLong() > 0) {
            return value.getAsLong();
        }
        reject(name, "must be a positive whole number");
        return null;
    }

    public Double fraction(String name, String raw) {
        if (raw == null) {
            return null;
        }
        OptionalDouble value = NumberText.decimal(raw);
        if (value.isPresent() && value.getAsDouble() >= 0.0 && value.getAsDouble() <= 1.0) {
            return value.getAsDouble();
        }
        reject(name, "must be a number from 0.0 to 1.0");
        return null;
    }

    public String text(String name, String raw, int maxLength) {
        if (raw == null) {
            return null;
        }
        if (raw.isEmpty() || raw.length() > maxLength) {
            reject(name, "must be 1 to " + maxLength + " characters");
            return null;
        }
        if (raw.indexOf('\0') >= 0) {
            reject(name, "must not contain NUL characters");
            return null;
        }
        return raw;
    }

    public PageRequest page(String page, String size) {
        return new PageRequest(
                integer("page", page, 0, 0, PageRequest.MAX_PAGE),
                integer("size", size, PageRequest.DEFAULT_SIZE, 1, PageRequest.MAX_SIZE));
    }

    /**
     * The keyset slice asked for with ?after= (empty: from the start), or null when the client asked for numbered
     * pages. The two ways cannot be mixed; a cursor only continues the order it was made for.
     */
    public KeysetRequest keyset(String after, String page, String size, String order) {
        if (after == null) {
            return null;
        }
        int pageSize = integer("size", size, PageRequest.DEFAULT_SIZE, 1, PageRequest.MAX_SIZE);
        if (page != null) {
            reject("page", "cannot be combined with after; follow the next cursor instead");
        }
        if (after.isEmpty()) {
            return new KeysetRequest(null, pageSize);
        }
        Cursor cursor = after.length() > MAX_CURSOR_LENGTH ? null : Cursor.decode(after).orElse(null);
        if (cursor == null) {
            reject("after", "is not a cursor from this service; pass the next value of a previous answer");
        } else if (!cursor.order().equals(order)) {
            reject("after", "was made for the order " + cursor.order() + ", not " + order);
        }
        return new KeysetRequest(cursor, pageSize);
    }

    /** The parameter's value, with an empty one (?name=) as "" where Quarkus REST would hand over null. */
    public static String presentEvenIfEmpty(String name, String value, UriInfo uri) {
        return value == null && uri.getQueryParameters().containsKey(name) ? "" : value;
    }

    public void reject(String name, String message) {
        violations.add(new Violation(name, message));
    }

    /** Throws a 400 carrying every problem found so far, if there is any. */
    public void check() {
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
    }
}
