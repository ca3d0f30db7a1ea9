package com.modelregistry.common.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The path templates of the API and the methods each allows, read once from the resource classes: for OPTIONS, for the
 * Allow header of a 405, and for the HTTP metrics' {@code uri} tags. Quarkus REST answers OPTIONS with the methods of every path of a resource class (OPTIONS /users/me listed POST,
 * PATCH and DELETE). Here the most specific template that matches decides, as a router does: /users/me is a path of
 * its own, not /users/{id}.
 */
@ApplicationScoped
public class AllowedMethods {

    private record Template(String text, Pattern path, int literals, String allow) {
    }

    private final List<Template> templates;
    private final Set<String> texts;

    public AllowedMethods(BeanManager beans) {
        Map<String, Set<String>> methodsByPath = new TreeMap<>();
        for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Path root = bean.getBeanClass().getAnnotation(Path.class);
            if (root == null) {
                continue;
            }
            for (Method method : bean.getBeanClass().getMethods()) {
                httpMethod(method).ifPresent(verb -> {
                    Path sub = method.getAnnotation(Path.class);
                    String path = root.value() + (sub == null ? "" : "/" + sub.value());
                    methodsByPath.computeIfAbsent(path.replaceAll("/+", "/"), p -> new TreeSet<>()).add(verb);
                });
            }
        }
        List<Template> found = new ArrayList<>();
        methodsByPath.forEach((path, methods) -> {
            if (methods.contains("GET")) {
                methods.add("HEAD");
            }
            methods.add("OPTIONS");
            found.add(template(path, String.join(", ", methods)));
        });
        found.sort(Comparator.comparingInt(Template::literals).reversed());
        this.templates = List.copyOf(found);
        this.texts = Set.copyOf(methodsByPath.keySet());
    }

    /** Every path template of the API, as JAX-RS and the HTTP metrics write it ({@code /users/{id}}). */
    public Set<String> templates() {
        return texts;
    }

    /** The Allow header for a request path, or empty when no resource has that path. */
    public Optional<String> allow(String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return templates.stream().filter(t -> t.path().matcher(trimmed).matches()).findFirst().map(Template::allow);
    }

    void register(@Observes Router router) {
        router.options().order(Integer.MIN_VALUE + 2).handler(context -> {
            Optional<String> allow = allow(context.normalizedPath());
            if (allow.isEmpty()) {
                context.next();
                return;
            }
            context.response().putHeader(HttpHeaders.ALLOW, allow.get()).end();
        });
    }

    private static Optional<String> httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return Optional.of(verb.value());
            }
        }
        return Optional.empty();
    }

    /** A JAX-RS path template as a pattern: a {name} is one segment; its literal characters rank its specificity. */
    private static Template template(String path, String allow) {
        StringBuilder regex = new StringBuilder();
        int literals = 0;
        for (String part : path.split("(?=\\{)|(?<=\\})")) {
            if (part.startsWith("{")) {
                regex.append("[^/]+");
            } else {
                regex.append(Pattern.quote(part));
                literals += part.length();
            }
        }
        return new Template(path, Pattern.compile(regex.toString()), literals, allow);
    }
}
