package com.modelregistry.common.http;

import com.modelregistry.common.problem.ApiException;
import com.modelregistry.common.problem.Problem;
import com.modelregistry.common.problem.Problems;
import com.modelregistry.common.problem.TooManyRequests;
import com.modelregistry.common.problem.Unauthenticated;
import com.modelregistry.common.problem.Violation;
import com.modelregistry.common.db.DatabaseFailures;
import com.modelregistry.common.text.UnicodeText;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures become HTTP answers: every error body is {@code application/problem+json}, built by
 * {@link Problems}, and none carries a stack trace, class name or SQL. Unexpected failures are logged with an id the
 * client also sees.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    private static final String BEARER = "Bearer";
    /** How long a client should wait before retrying when the database is unavailable. */
    static final int RETRY_AFTER_SECONDS = 2;

    @ServerExceptionMapper
    public RestResponse<Problem> apiException(ApiException e) {
        RestResponse.ResponseBuilder<Problem> answer = Problems.answer(e.status(), e.getMessage(), e.violations());
        if (e instanceof Unauthenticated) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, BEARER);
        }
        if (e instanceof TooManyRequests tooMany) {
            answer.header(HttpHeaders.RETRY_AFTER, tooMany.retryAfterSeconds());
        }
        return answer.build();
    }

    /** Authentication is not proactive, so a missing, bad or revoked token surfaces here rather than before REST. */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class})
    public RestResponse<Problem> unauthenticated(RuntimeException e) {
        if (DatabaseFailures.unavailable(e)) {
            // the token could not be checked against the database: not the client's fault
            return unavailable();
        }
        return Problems.answer(401, "A valid bearer token is required", null)
                .header(HttpHeaders.WWW_AUTHENTICATE, BEARER)
                .build();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> forbidden(ForbiddenException e) {
        return problem(403, "This account may not do this", null);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> invalidBean(ConstraintViolationException e) {
        List<Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Violation(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Violation::field).thenComparing(Violation::message))
                .toList();
        return problem(400, "The request has invalid input", violations);
    }

    /** Lists the subtypes too, so that these win over the framework's own mappers for them. */
    @ServerExceptionMapper({JsonProcessingException.class, JsonParseException.class, MismatchedInputException.class,
            UnrecognizedPropertyException.class, InvalidFormatException.class})
    public RestResponse<Problem> unreadableJson(JsonProcessingException e) {
        if (e instanceof PropertyBindingException unknown) {
            return problem(400, "The request has invalid input",
                    List.of(new Violation(pathOf(unknown), "is not a known property")));
        }
        if (e instanceof UnicodeText.NotUnicode text) {
            return problem(400, "The request has invalid input",
                    List.of(new Violation(pathOf(text), UnicodeText.MESSAGE)));
        }
        if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            return problem(400, "The request has invalid input",
                    List.of(new Violation(pathOf(mismatch), "has the wrong type or format")));
        }
        if (e instanceof StreamConstraintsException || e.getCause() instanceof StreamConstraintsException) {
            return problem(400, "The request body goes past the JSON limits (nesting depth, number or text length)",
                    null);
        }
        if (e instanceof JsonParseException || e.getCause() instanceof JsonParseException) {
            return problem(400, "The request body is not well-formed JSON", null);
        }
        return problem(400, "The request body does not have the expected JSON shape", null);
    }

    @Inject
    AllowedMethods allowedMethods;

    @ServerExceptionMapper
    public RestResponse<Problem> http(WebApplicationException e, UriInfo uri) {
        // Quarkus REST wraps JSON it cannot parse in a plain 400; the cause says what was wrong
        if (e.getResponse().getStatus() == 400 && e.getCause() instanceof JsonProcessingException unreadable) {
            return unreadableJson(unreadable);
        }
        Response original = e.getResponse();
        int status = original.getStatus();
        RestResponse.ResponseBuilder<Problem> answer = Problems.answer(status, detailFor(status), null);
        String allow = original.getHeaderString(HttpHeaders.ALLOW);
        if (allow == null && status == 405) {
            // RFC 9110 wants an Allow header on every 405; Quarkus REST sends none when the path has other methods
            allow = allowedMethods.allow(uri.getPath()).orElse(null);
        }
        if (allow != null) {
            answer.header(HttpHeaders.ALLOW, allow);
        }
        return answer.build();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unexpected(Throwable e) {
        // the database's own rules, for anything that validation let through: still the client's input
        String state = DatabaseFailures.sqlState(e).orElse("");
        if (state.equals("23514") || state.equals("23502") || state.equals("22001")) {
            return problem(400, "The request breaks a rule of the stored data", null);
        }
        // invalid UTF-8 or a character PostgreSQL's encoding lacks: JSON input is checked first, this is the backstop
        if (state.equals("22021") || state.equals("22P05")) {
            return problem(400, "The request has text that the database cannot store", null);
        }
        if (DatabaseFailures.unavailable(e)) {
            return unavailable();
        }
        if (DatabaseFailures.concurrentChange(e)) {
            return problem(409, "Another request changed the same data at the same moment; try again", null);
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure, incident %s", incident);
        return problem(500, "An unexpected error occurred; incident " + incident, null);
    }

    private static RestResponse<Problem> unavailable() {
        return Problems.answer(503, "The database is unavailable; try again shortly", null)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .build();
    }

    static RestResponse<Problem> problem(int status, String detail, List<Violation> violations) {
        return Problems.answer(status, detail, violations).build();
    }

    private static String detailFor(int status) {
        return switch (status) {
            case 404 -> "No resource exists at this address";
            case 405 -> "This method is not allowed on this resource";
            case 406 -> "This resource can only answer with application/json";
            case 413 -> "The request body is too large";
            case 415 -> "The request body must be application/json";
            default -> Problems.title(status);
        };
    }

    /** The JSON property (or query parameter) a violation concerns, as the client named it. */
    private static String fieldOf(ConstraintViolation<?> violation) {
        String parameter = null;
        StringBuilder property = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                property.setLength(0);
            } else if (node.getKind() == ElementKind.PROPERTY) {
                if (!property.isEmpty()) {
                    property.append('.');
                }
                property.append(node.getName());
            }
        }
        if (!property.isEmpty()) {
            return property.toString();
        }
        return Objects.requireNonNullElse(parameter, "body");
    }

    private static String pathOf(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        return path.isEmpty() ? "body" : path;
    }
}
