package com.modelregistry.common.text;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Optional;

/**
 * For PATCH fields: an absent property (a null Optional) leaves the value unchanged, but an explicit JSON null
 * (an empty Optional) is refused because the field cannot be cleared.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = NotNullWhenGiven.Validator.class)
public @interface NotNullWhenGiven {

    String message() default "must not be null";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<NotNullWhenGiven, Optional<?>> {
        @Override
        public boolean isValid(Optional<?> value, ConstraintValidatorContext context) {
            return value == null || value.isPresent();
        }
    }
}
