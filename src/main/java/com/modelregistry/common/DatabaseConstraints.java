package com.modelregistry.common;

import jakarta.persistence.OptimisticLockException;
import java.util.Optional;
import org.hibernate.StaleStateException;
import org.hibernate.exception.ConstraintViolationException;

/** Finds which database constraint a failed write broke, so services can answer 409 or 404 instead of 500. */
public final class DatabaseConstraints {

    private DatabaseConstraints() {
    }

    /** The SQLSTATE of a constraint violation among the failure and its causes, such as 23514 for a check. */
    public static Optional<String> violationState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConstraintViolationException violation && violation.getSQLState() != null) {
                return Optional.of(violation.getSQLState());
            }
        }
        return Optional.empty();
    }

    /** Whether the failure comes from a row that another request changed or deleted meanwhile. */
    public static boolean concurrentChange(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StaleStateException || t instanceof OptimisticLockException) {
                return true;
            }
        }
        return false;
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
