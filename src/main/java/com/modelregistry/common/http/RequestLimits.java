package com.modelregistry.common.http;

import com.modelregistry.common.problem.Problem;
import com.modelregistry.common.problem.Problems;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses, with problem+json and before any other handler, what the framework would refuse with an empty body or not
 * at all: over-long request targets (414), targets that are not URIs (400), bodies over
 * {@code quarkus.http.limits.max-body-size} (413; a chunked body that outgrows it would surface in the resource as an
 * I/O error), a Transfer-Encoding other than chunked (400; Vert.x would wait for a body end that never comes), and any
 * method but GET and HEAD on the operational endpoints (405). This keeps every error of the API in one shape.
 * HTTP/1.1 only: HTTP/2 is switched off (application.properties), as its bodies carry no Transfer-Encoding and an
 * HTTP/2 connection must not be closed for one stream's sake.
 */
@ApplicationScoped
public class RequestLimits {

    /**
     * The longest path and query served. Vert.x's decoder reads request lines up to
     * {@code quarkus.http.limits.max-initial-line-length} (set well above this); only past that does it answer 414
     * itself, with an empty body.
     */
    public static final int MAX_TARGET_LENGTH = 8192;

    /**
     * The longest form body served. The one form of the API, the OAuth2 login, needs a few hundred bytes (only 72 bytes
     * of a password count). Quarkus REST's form parser answers 500 past 1,000 fields (a fixed limit) or a 2 KiB field
     * that arrives over several reads; a form this short can hold neither.
     */
    public static final int MAX_FORM_LENGTH = 1536;

    /** Health, metrics and the API description: endpoints for reading only. */
    static final String OPERATIONAL_PATHS = "/q/(health|metrics|openapi|swagger-ui)(/.*)?";

    private final long bodyLimit;
    private final byte[] bodyTooLarge;
    private final byte[] formTooLarge;
    private final byte[] targetTooLong;
    private final byte[] expectationFailed;
    private final byte[] unknownCoding;
    private final byte[] malformedTarget;
    private final byte[] onlyReading;

    public RequestLimits(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize bodyLimit,
            ObjectMapper json) throws Exception {
        this.bodyLimit = bodyLimit.asLongValue();
        this.bodyTooLarge = json.writeValueAsBytes(Problems.body(413,
                "The request body is larger than " + this.bodyLimit + " bytes"));
        this.formTooLarge = json.writeValueAsBytes(Problems.body(413,
                "A form body may be at most " + MAX_FORM_LENGTH + " bytes"));
        this.targetTooLong = json.writeValueAsBytes(Problems.body(414,
                "The request's path and query are longer than " + MAX_TARGET_LENGTH + " characters"));
        this.expectationFailed = json.writeValueAsBytes(Problems.body(417,
                "The only expectation served is 100-continue"));
        this.unknownCoding = json.writeValueAsBytes(Problems.body(400,
                "The only Transfer-Encoding served is chunked, alone"));
        this.malformedTarget = json.writeValueAsBytes(Problems.body(400,
                "The request's path or query is not a well-formed URI: a % must start two hex digits, and characters"
                        + " such as space \\ | { } \" < > ^ ` must be percent-encoded"));
        this.onlyReading = json.writeValueAsBytes(Problems.body(405,
                "This endpoint only answers GET and HEAD"));
    }

    void register(@Observes Router router) {
        // a body without a declared length is read here, up to the limit, and handed to Quarkus REST from memory
        BodyHandler chunkedBody = BodyHandler.create(false).setBodyLimit(bodyLimit);
        BodyHandler chunkedForm = BodyHandler.create(false).setBodyLimit(MAX_FORM_LENGTH);
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            if (context.request().uri().length() > MAX_TARGET_LENGTH) {
                refuse(context, 414, targetTooLong);
                return;
            }
            if (!isUri(context.request().uri())) {
                refuse(context, 400, malformedTarget);
                return;
            }
            List<String> codings = context.request().headers().getAll(HttpHeaders.TRANSFER_ENCODING);
            if (!codings.isEmpty() && !(codings.size() == 1 && codings.get(0).trim().equalsIgnoreCase("chunked"))) {
                // any other coding leaves the body's end unknown: Vert.x would wait for it until the client gives up
                refuse(context, 400, unknownCoding);
                return;
            }
            boolean form = isForm(context);
            String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (declared != null) {
                if (isOver(declared, form ? MAX_FORM_LENGTH : bodyLimit)) {
                    refuse(context, 413, form ? formTooLarge : bodyTooLarge);
                } else {
                    context.next();
                }
            } else if (!codings.isEmpty()) {
                (form ? chunkedForm : chunkedBody).handle(context);
            } else {
                context.next();
            }
        }).failureHandler(context -> {
            // the body handler refuses with 413 (too large) or 417 (an Expect it cannot meet), maybe mid-body
            int status = context.statusCode();
            if (status == 413 && !context.response().headWritten()) {
                refuse(context, 413, isForm(context) ? formTooLarge : bodyTooLarge);
            } else if (status == 417 && !context.response().headWritten()) {
                refuse(context, 417, expectationFailed);
            } else {
                context.next();
            }
        });
        onlyReadingOperations(router);
    }

    /** Health and metrics are served on the management port, where only this rule of the public port applies. */
    void registerOnManagement(@Observes ManagementInterface management) {
        onlyReadingOperations(management.router());
    }

    /** The operational endpoints only read, whatever other method a framework handler would answer. */
    private void onlyReadingOperations(Router router) {
        router.routeWithRegex(OPERATIONAL_PATHS).order(Integer.MIN_VALUE + 1).handler(context -> {
            HttpMethod method = context.request().method();
            if (method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD)) {
                context.next();
            } else {
                context.response().setStatusCode(405)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.ALLOW, "GET, HEAD")
                        .end(Buffer.buffer(onlyReading));
            }
        });
    }

    /** Answers and closes the connection: the rest of what the client sends is not worth reading. */
    private static void refuse(RoutingContext context, int status, byte[] problem) {
        context.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(Buffer.buffer(problem))
                .onComplete(done -> context.request().connection().close());
    }

    /**
     * Whether the request target is a URI as java.net.URI reads one, the check Quarkus itself makes before routing
     * (with an empty 400), switched off there by Main so that the answer is problem+json.
     */
    private static boolean isUri(String target) {
        try {
            new URI(target);
            return true;
        } catch (URISyntaxException malformed) {
            return false;
        }
    }

    private static boolean isForm(RoutingContext context) {
        String type = context.request().getHeader(HttpHeaders.CONTENT_TYPE);
        return type != null && type.trim().regionMatches(true, 0, "application/x-www-form-urlencoded", 0, 33);
    }

    private static boolean isOver(String declared, long limit) {
        try {
            return Long.parseLong(declared.trim()) > limit;
        } catch (NumberFormatException notANumber) {
            return false;
        }
    }
}
