package com.modelregistry.version;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import com.modelregistry.common.text.TextRules;
import jakarta.inject.Singleton;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** What makes a version's artifact, description and metrics acceptable; null passes, each request says if it may. */
final class VersionRules {

    static final int MAX_METRICS = 50;

    private VersionRules() {
    }

    /**
     * An absolute, hierarchical URI of at most 2,048 characters whose scheme the operator allows
     * ({@code registry.artifact-schemes}). It carries no password: the registry would show it to every reader.
     */
    @Size(max = 2048)
    @Pattern(regexp = TextRules.NO_NUL, message = TextRules.NO_NUL_MESSAGE)
    @Constraint(validatedBy = ArtifactUriValidator.class)
    @Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
    @Retention(RUNTIME)
    @interface ArtifactUri {
        String message() default "";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    @Size(max = 2000)
    @Pattern(regexp = TextRules.NO_NUL, message = TextRules.NO_NUL_MESSAGE)
    @Constraint(validatedBy = {})
    @Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
    @Retention(RUNTIME)
    @interface Description {
        String message() default "";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** Up to 50 entries; each name is checked by {@link MetricName}, each value by {@link MetricValue}. */
    @Size(max = MAX_METRICS)
    @Constraint(validatedBy = {})
    @Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
    @Retention(RUNTIME)
    @interface Metrics {
        String message() default "";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    @NotNull
    @Pattern(regexp = "[A-Za-z0-9_.-]{1,64}", message = "must be 1 to 64 letters, digits, '_', '.' or '-'")
    @Constraint(validatedBy = {})
    @Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
    @Retention(RUNTIME)
    @interface MetricName {
        String message() default "";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** A finite number: JSON has no NaN, but a literal such as 1e400 reads as infinity. */
    @NotNull
    @Constraint(validatedBy = FiniteValidator.class)
    @Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
    @Retention(RUNTIME)
    @interface MetricValue {
        String message() default "must be a finite number";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    public static class FiniteValidator implements ConstraintValidator<MetricValue, Double> {
        @Override
        public boolean isValid(Double value, ConstraintValidatorContext context) {
            return value == null || Double.isFinite(value);
        }
    }

    /** Reads the allowed schemes from registry.artifact.schemes (REGISTRY_ARTIFACT_SCHEMES). */
    @Singleton
    static class ArtifactUriValidator implements ConstraintValidator<ArtifactUri, String> {

        private final Set<String> allowed;

        ArtifactUriValidator(@ConfigProperty(name = "registry.artifact.schemes") Set<String> schemes) {
            this.allowed = schemes.stream().map(scheme -> scheme.trim().toLowerCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet());
        }

        @Override
        public boolean isValid(String text, ConstraintValidatorContext context) {
            if (text == null) {
                return true;
            }
            String problem = problemWith(text);
            if (problem == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
            return false;
        }

        /** What is wrong with the URI, or null when nothing is. Messages carry no braces: they are templates. */
        private String problemWith(String text) {
            URI uri;
            try {
                uri = new URI(text);
            } catch (URISyntaxException notAUri) {
                return "must be a URI (" + notAUri.getReason().replace('{', '(').replace('}', ')') + ")";
            }
            String schemes = allowed.stream().sorted().collect(Collectors.joining(", "));
            if (!uri.isAbsolute() || uri.isOpaque()) {
                return "must be an absolute URI such as s3://bucket/path, with a scheme among " + schemes;
            }
            if (!allowed.contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
                return "must have one of the schemes " + schemes;
            }
            String userInfo = uri.getRawUserInfo();
            if (userInfo != null && userInfo.contains(":")) {
                return "must not carry a password";
            }
            return null;
        }
    }
}
