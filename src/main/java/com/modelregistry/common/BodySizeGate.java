package com.modelregistry.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a request whose declared body is over {@code quarkus.http.limits.max-body-size} with 413 problem+json.
 * Quarkus refuses it too, but earlier and with an empty body; this handler runs first, on the same rule, so that
 * every error of the API has the same shape. A body without a declared length is still cut off by Quarkus.
 */
@ApplicationScoped
public class BodySizeGate {

    private final long limit;
    private final byte[] refusal;

    public BodySizeGate(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit,
            ObjectMapper json) throws Exception {
        this.limit = limit.asLongValue();
        this.refusal = json.writeValueAsBytes(new Problem("Request Entity Too Large", 413,
                "The request body is larger than " + this.limit + " bytes"));
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (declared != null && isOver(declared)) {
                context.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(io.vertx.core.buffer.Buffer.buffer(refusal))
                        .onComplete(done -> context.request().connection().close());
                return;
            }
            context.next();
        });
    }

    private boolean isOver(String declared) {
        try {
            return Long.parseLong(declared.trim()) > limit;
        } catch (NumberFormatException notANumber) {
            return false;
        }
    }
}
