package com.modelregistry.common.http;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Keeps client input out of the HTTP metrics' tags, whatever the framework puts there: a {@code uri} tag stays only
 * when it is one of the API's path templates (or a value Quarkus gives for no route, such as NOT_FOUND), and a {@code method}
 * only when HTTP defines it; anything else is recorded as UNKNOWN and OTHER. Quarkus tags a request whose method no
 * route has (405) with its raw path, and past 100 values Micrometer drops every new series, so 100 anonymous requests
 * blinded the metrics (issue 12).
 */
@Singleton
public class HttpMetricTags implements MeterFilter {

    /** What Quarkus records for a request that matched no route, and the operational endpoints' own paths. */
    static final Set<String> OTHER_URIS = Set.of("NOT_FOUND", "REDIRECTION", "UNKNOWN", "root", "/q/health",
            "/q/health/live", "/q/health/ready", "/q/health/started", "/q/metrics");
    static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE",
            "CONNECT");

    private final AllowedMethods routes;

    public HttpMetricTags(AllowedMethods routes) {
        this.routes = routes;
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        if (!id.getName().startsWith("http.server.")) {
            return id;
        }
        List<Tag> tags = new ArrayList<>();
        boolean changed = false;
        for (Tag tag : id.getTagsAsIterable()) {
            Tag kept = switch (tag.getKey()) {
                case "uri" -> routes.templates().contains(tag.getValue()) || OTHER_URIS.contains(tag.getValue())
                        ? tag : Tag.of("uri", "UNKNOWN");
                case "method" -> METHODS.contains(tag.getValue()) ? tag : Tag.of("method", "OTHER");
                default -> tag;
            };
            changed |= kept != tag;
            tags.add(kept);
        }
        return changed ? id.replaceTags(tags) : id;
    }
}
