package com.modelregistry.common;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses raw query parameters and collects every problem before failing, so that a client learns all its mistakes
 * from one 400 instead of one per request. Parameters arrive as strings because JAX-RS answers 404, not 400, when
 * it cannot convert a query parameter itself.
 */
public final class QueryParameters {

    private final List<Violation> violations = new ArrayList<>();

    public int integer(String name, String raw, int defaultValue, int min, int max) {
        if (raw == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the range
        }
        reject(name, "must be a whole number from " + min + " to " + max);
        return defaultValue;
    }

    public Long id(String name, String raw) {
        if (raw == null) {
            return null;
        }
        try {
            long value = Long.parseLong(raw.trim());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        reject(name, "must be a positive whole number");
        return null;
    }

    public Double fraction(String name, String raw) {
        if (raw == null) {
            return null;
        }
        try {
            double value = Double.parseDouble(raw.trim());
            if (value >= 0.0 && value <= 1.0) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
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

    public void reject(String name, String message) {
        violations.add(new Violation(name, message));
    }

    /** Throws a 400 carrying every problem found so far, if there is any. */
    public void check() {
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }
}
