package com.modelregistry.common.http;

import com.modelregistry.common.problem.Violation;
import java.util.ArrayList;
import java.util.List;
import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;

/**
 * The query parameters of the current request that could not be converted to their type. A converter cannot fail
 * the request itself (JAX-RS would answer 404, and only for the first), so it notes the failure here and
 * {@link CheckedQuery} reports every noted failure with the request's other violations in one 400.
 */
final class QueryFailures {

    private static final String PROPERTY = QueryFailures.class.getName();

    private QueryFailures() {
    }

    static void add(String parameter, String message) {
        ResteasyReactiveRequestContext request = CurrentRequestManager.get();
        @SuppressWarnings("unchecked")
        List<Violation> failures = (List<Violation>) request.getProperty(PROPERTY);
        if (failures == null) {
            failures = new ArrayList<>();
            request.setProperty(PROPERTY, failures);
        }
        failures.add(new Violation(parameter, message));
    }

    /** The failures noted so far, which are forgotten: each is reported once, by whichever check asks first. */
    static List<Violation> take() {
        ResteasyReactiveRequestContext request = CurrentRequestManager.get();
        if (request == null) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Violation> failures = (List<Violation>) request.getProperty(PROPERTY);
        if (failures == null) {
            return List.of();
        }
        request.removeProperty(PROPERTY);
        return failures;
    }

    /** Whether the request has this query parameter with an empty value ({@code ?size=}), which Quarkus REST reads as absent. */
    static boolean givenEmpty(String parameter) {
        ResteasyReactiveRequestContext request = CurrentRequestManager.get();
        if (request == null) {
            return false;
        }
        String raw = request.serverRequest().getQueryParam(parameter);
        return raw != null && raw.isEmpty();
    }
}
