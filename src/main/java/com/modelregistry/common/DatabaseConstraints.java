package com.modelregistry.common;

import java.util.Optional;
import org.hibernate.exception.ConstraintViolationException;

/** Finds which database constraint a failed write broke, so services can answer 409 or 404 instead of 500. */
public final class DatabaseConstraints {

    private DatabaseConstraints() {
    }

    /** The name of the violated constraint, if the failure (or one of its causes) is a constraint violation. */
    public static Optional<String> violated(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConstraintViolationException violation && violation.getConstraintName() != null) {
                return Optional.of(violation.getConstraintName());
            }
        }
        return Optional.empty();
    }
}
