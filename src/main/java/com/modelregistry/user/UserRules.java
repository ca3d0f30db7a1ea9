package com.modelregistry.user;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import com.modelregistry.common.text.Utf8Length;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** What makes an email, username and password acceptable; null passes, each request says if it may be null. */
final class UserRules {

    private UserRules() {
    }

    /** On top of bean validation's address syntax: a domain with a dot, as mail between people needs. */
    @jakarta.validation.constraints.Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+")
    @Size(max = 255)
    @Constraint(validatedBy = {})
    @Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
    @Retention(RUNTIME)
    @interface Email {
        String message() default "";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    @Pattern(regexp = "[A-Za-z0-9_.-]{3,50}", message = "must be 3 to 50 characters from A-Z, a-z, 0-9, _ . -")
    @Constraint(validatedBy = {})
    @Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
    @Retention(RUNTIME)
    @interface Username {
        String message() default "";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** bcrypt reads at most 72 bytes; a longer password would be silently cut. */
    @Utf8Length(min = 8, max = 72)
    @Constraint(validatedBy = {})
    @Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
    @Retention(RUNTIME)
    @interface Password {
        String message() default "";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }
}
