package com.modelregistry.common.http;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Splits the query string on {@code &} only, as the URL standard does: Vert.x also splits on {@code ;}, so that
 * {@code ?sort=name;x} would be read as {@code sort=name}. A query with a {@code ;} is decoded again with the
 * {@code ;} kept in its value, into the parameters the request's routing context holds and Quarkus REST reads (which
 * is how Quarkus REST itself replaces them when a filter changes the request URI). Other queries cost one scan.
 */
@ApplicationScoped
public class AmpersandQuery {

    /** Vert.x's own limit on the parameters it decodes. */
    private static final int MAX_PARAMETERS = 1024;

    void register(@Observes Router router) {
        // after RequestLimits, which has refused a query that is not well-formed
        router.route().order(Integer.MIN_VALUE + 3).handler(context -> {
            String uri = context.request().uri();
            int query = uri.indexOf('?');
            if (query >= 0 && uri.indexOf(';', query) >= 0) {
                Map<String, List<String>> decoded;
                try {
                    decoded = new QueryStringDecoder(uri, StandardCharsets.UTF_8, true, MAX_PARAMETERS, true)
                            .parameters();
                } catch (IllegalArgumentException malformed) {
                    // left to Vert.x's own decoding, which refuses it as it refuses any malformed query
                    context.next();
                    return;
                }
                MultiMap parameters = context.queryParams();
                parameters.clear();
                decoded.forEach(parameters::add);
            }
            context.next();
        });
    }
}
