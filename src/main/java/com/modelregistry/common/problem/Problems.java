package com.modelregistry.common.problem;

import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Builds every problem body of the API: those of {@code common/http/ProblemMapper} and of the HTTP-edge handlers that
 * answer before or around Quarkus REST ({@code RequestLimits}, {@code ShutdownGate}). Callers give a status and a detail;
 * the type, the title and the media type are decided here alone, so no answer can drift from the others.
 */
public final class Problems {

    private Problems() {
    }

    public static Problem body(int status, String detail) {
        return body(status, detail, null);
    }

    /** @param violations the rejected inputs, or null when the problem is not about particular fields */
    public static Problem body(int status, String detail, List<Violation> violations) {
        return new Problem("about:blank", title(status), status, detail, violations);
    }

    /** An answer with the body and its media type, for the caller to add headers to. */
    public static RestResponse.ResponseBuilder<Problem> answer(int status, String detail, List<Violation> violations) {
        return RestResponse.ResponseBuilder.<Problem>create(status)
                .entity(body(status, detail, violations))
                .type(Problem.MEDIA_TYPE);
    }

    /** The status's reason phrase; 414 by the name RFC 9110 gives it (JAX-RS still has RFC 2616's "Request-URI"). */
    public static String title(int status) {
        if (status == 414) {
            return "URI Too Long";
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        return known != null ? known.getReasonPhrase() : "HTTP " + status;
    }
}
