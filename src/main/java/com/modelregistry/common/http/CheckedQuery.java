package com.modelregistry.common.http;

import com.modelregistry.common.problem.Violation;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.ws.rs.QueryParam;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * On a {@code @BeanParam} record of query parameters: adds to its Bean Validation the values that did not convert
 * to their type ({@link QueryConverters}), typed parameters given empty ({@code ?size=}, which Quarkus REST would
 * read as absent), and the record's own {@link Rules}. Each is a violation named after its query parameter, so
 * every problem of a request comes back in one 400.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = CheckedQuery.Validator.class)
public @interface CheckedQuery {

    String message() default "has an invalid query parameter";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Rules between the parameters of one record, such as two that cannot be combined. */
    interface Rules {

        /** What breaks the rules, each named after its query parameter; empty when nothing does. */
        List<Violation> violations();
    }

    class Validator implements ConstraintValidator<CheckedQuery, Object> {

        /** The typed (not text) query parameters of each record, found once per class. */
        private static final ClassValue<List<String>> TYPED = new ClassValue<>() {
            @Override
            protected List<String> computeValue(Class<?> type) {
                // @QueryParam lands on a record's fields, not on its components
                return Arrays.stream(type.getDeclaredFields())
                        .filter(field -> field.getType() != String.class)
                        .filter(field -> field.isAnnotationPresent(QueryParam.class))
                        .map(field -> field.getAnnotation(QueryParam.class).value())
                        .toList();
            }
        };

        @Override
        public boolean isValid(Object parameters, ConstraintValidatorContext context) {
            if (parameters == null) {
                return true;
            }
            List<Violation> violations = new ArrayList<>(QueryFailures.take());
            for (String name : TYPED.get(parameters.getClass())) {
                if (QueryFailures.givenEmpty(name)) {
                    violations.add(new Violation(name, "must not be empty"));
                }
            }
            if (parameters instanceof Rules rules) {
                violations.addAll(rules.violations());
            }
            if (violations.isEmpty()) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            for (Violation violation : violations) {
                context.buildConstraintViolationWithTemplate(escape(violation.message()))
                        .addPropertyNode(violation.field())
                        .addConstraintViolation();
            }
            return false;
        }

        /** Messages are templates: a { or $ of a value quoted in one must not be read as an expression. */
        private static String escape(String message) {
            return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
        }
    }
}
