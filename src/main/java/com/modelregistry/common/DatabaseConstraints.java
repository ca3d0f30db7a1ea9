package com.modelregistry.common;

import jakarta.persistence.OptimisticLockException;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.hibernate.StaleStateException;
import org.hibernate.exception.ConstraintViolationException;

/** Finds which database constraint a failed write broke, so services can answer 409 or 404 instead of 500. */
public final class DatabaseConstraints {

    private DatabaseConstraints() {
    }

    /** The SQLSTATE of a constraint violation among the failure and its causes, such as 23514 for a check. */
    public static Optional<String> violationState(Throwable failure) {
        return violations(failure).map(ConstraintViolationException::getSQLState).filter(Objects::nonNull).findFirst();
    }

    /** The name of the violated constraint, if the failure (or one of its causes) is a constraint violation. */
    public static Optional<String> violated(Throwable failure) {
        return violations(failure).map(ConstraintViolationException::getConstraintName).filter(Objects::nonNull)
                .findFirst();
    }

    /** Whether the failure comes from a row that another request changed or deleted meanwhile. */
    public static boolean concurrentChange(Throwable failure) {
        return causes(failure).anyMatch(t -> t instanceof StaleStateException || t instanceof OptimisticLockException);
    }

    private static Stream<ConstraintViolationException> violations(Throwable failure) {
        return causes(failure).filter(ConstraintViolationException.class::isInstance)
                .map(ConstraintViolationException.class::cast);
    }

    /** The failure and its causes, outermost first. */
    private static Stream<Throwable> causes(Throwable failure) {
        return Stream.iterate(failure, Objects::nonNull, t -> t.getCause() == t ? null : t.getCause());
    }
}
