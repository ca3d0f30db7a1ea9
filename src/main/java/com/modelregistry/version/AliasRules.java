package com.modelregistry.version;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** What makes an alias name acceptable: one to read ({@link Name}), and one to point or remove ({@link Settable}). */
final class AliasRules {

    /** The alias every model has: its highest-numbered ready version. It is computed, so nobody sets or removes it. */
    static final String LATEST = "latest";

    private AliasRules() {
    }

    /** Lower case, so that "Production" and "production" cannot name two aliases of one model. */
    @Pattern(regexp = "[a-z][a-z0-9_-]{0,62}",
            message = "must be 1 to 63 characters from a-z, 0-9, _ and -, starting with a letter")
    @Constraint(validatedBy = {})
    @Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
    @Retention(RUNTIME)
    @interface Name {
        String message() default "";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    @Name
    @Pattern(regexp = "(?!" + LATEST + "$).*",
            message = "is reserved: latest always resolves to the highest-numbered ready version")
    @Constraint(validatedBy = {})
    @Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
    @Retention(RUNTIME)
    @interface Settable {
        String message() default "";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }
}
