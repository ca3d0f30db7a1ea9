package com.modelregistry.mlmodel;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import com.modelregistry.common.text.TextRules;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** What makes a model's name, framework and accuracy acceptable; null passes, each request says if it may be null. */
final class ModelRules {

    private ModelRules() {
    }

    /** -0.0 passes the accuracy range and JSON writes it back as -0.0; the same accuracy is stored once, as 0.0. */
    static Double withoutNegativeZero(Double accuracy) {
        return accuracy == null ? null : accuracy + 0.0;
    }

    @Pattern(regexp = TextRules.NOT_BLANK, message = TextRules.NOT_BLANK_MESSAGE)
    @Pattern(regexp = TextRules.NO_NUL, message = TextRules.NO_NUL_MESSAGE)
    @Size(max = 255)
    @Constraint(validatedBy = {})
    @Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
    @Retention(RUNTIME)
    @interface Name {
        String message() default "";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    @Pattern(regexp = TextRules.NOT_BLANK, message = TextRules.NOT_BLANK_MESSAGE)
    @Pattern(regexp = TextRules.NO_NUL, message = TextRules.NO_NUL_MESSAGE)
    @Size(max = 50)
    @Constraint(validatedBy = {})
    @Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
    @Retention(RUNTIME)
    @interface Framework {
        String message() default "";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    @DecimalMin("0.0")
    @DecimalMax("1.0")
    @Constraint(validatedBy = {})
    @Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
    @Retention(RUNTIME)
    @interface Accuracy {
        String message() default "";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }
}
