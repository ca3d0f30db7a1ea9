package com.modelregistry.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses over-long request targets (414) and bodies over {@code quarkus.http.limits.max-body-size} (413) with
 * problem+json, before any other handler. Left to Quarkus, both are refused with an empty body, and a chunked body
 * that outgrows the limit surfaces in the resource as an I/O error; this keeps every error of the API in one shape.
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

    private final long bodyLimit;
    private final byte[] bodyTooLarge;
    private final byte[] formTooLarge;
    private final byte[] targetTooLong;
    private final byte[] expectationFailed;

    public RequestLimits(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize bodyLimit,
            ObjectMapper json) throws Exception {
        this.bodyLimit = bodyLimit.asLongValue();
        this.bodyTooLarge = json.writeValueAsBytes(new Problem("Request Entity Too Large", 413,
                "The request body is larger than " + this.bodyLimit + " bytes"));
        this.formTooLarge = json.writeValueAsBytes(new Problem("Request Entity Too Large", 413,
                "A form body may be at most " + MAX_FORM_LENGTH + " bytes"));
        this.targetTooLong = json.writeValueAsBytes(new Problem("URI Too Long", 414,
                "The request's path and query are longer than " + MAX_TARGET_LENGTH + " characters"));
        this.expectationFailed = json.writeValueAsBytes(new Problem("Expectation Failed", 417,
                "The only expectation served is 100-continue"));
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
            boolean form = isForm(context);
            String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (declared != null) {
                if (isOver(declared, form ? MAX_FORM_LENGTH : bodyLimit)) {
                    refuse(context, 413, form ? formTooLarge : bodyTooLarge);
                } else {
                    context.next();
                }
            } else if (context.request().headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
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
    }

    /** Answers and closes the connection: the rest of what the client sends is not worth reading. */
    private static void refuse(RoutingContext context, int status, byte[] problem) {
        context.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(Buffer.buffer(problem))
                .onComplete(done -> context.request().connection().close());
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
