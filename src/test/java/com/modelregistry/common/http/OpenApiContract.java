package com.modelregistry.common.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The OpenAPI document as a judge of real answers: an answer passes when its operation declares its status, its media
 * type and any header marked required, and its body validates against the declared schema (JSON Schema 2020-12, the
 * dialect of OpenAPI 3.1, with the document's components for $ref). Remembers which operations it has seen answer.
 */
final class OpenApiContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private final JsonNode document;
    private final Set<String> exercised = new TreeSet<>();
    private final List<String> failures = new ArrayList<>();

    OpenApiContract(String document) {
        try {
            this.document = JSON.readTree(document);
        } catch (Exception e) {
            throw new IllegalArgumentException("the OpenAPI document is not JSON", e);
        }
    }

    /** Every operation of the document, as "METHOD /path/{template}". */
    Set<String> operations() {
        Set<String> all = new TreeSet<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(
                method -> all.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
        return all;
    }

    Set<String> exercised() {
        return exercised;
    }

    List<String> failures() {
        return failures;
    }

    /**
     * Checks one answer. {@code header} gives a response header's value or null; {@code body} is the raw body, empty
     * when there is none. Returns what is wrong with it (also kept in {@link #failures()}).
     */
    List<String> check(String method, String requestPath, int status, String contentType,
            Function<String, String> header, String body) {
        List<String> wrong = new ArrayList<>();
        Optional<String> template = templateOf(requestPath);
        if (template.isEmpty()) {
            wrong.add(method + " " + requestPath + " answered " + status + ": no path of the document matches");
            failures.addAll(wrong);
            return wrong;
        }
        String operation = method.toUpperCase(Locale.ROOT) + " " + template.get();
        JsonNode declared = document.path("paths").path(template.get()).path(method.toLowerCase(Locale.ROOT));
        if (declared.isMissingNode()) {
            wrong.add(operation + " answered " + status + ": the document has no such operation");
            failures.addAll(wrong);
            return wrong;
        }
        exercised.add(operation);
        JsonNode response = resolve(declared.path("responses").path(Integer.toString(status)));
        if (response.isMissingNode()) {
            wrong.add(operation + " answered " + status + ", which it does not declare (declared: "
                    + fieldNames(declared.path("responses")) + ")");
            failures.addAll(wrong);
            return wrong;
        }
        response.path("headers").fields().forEachRemaining(entry -> {
            if (resolve(entry.getValue()).path("required").asBoolean(false) && header.apply(entry.getKey()) == null) {
                wrong.add(operation + " answered " + status + " without its required " + entry.getKey() + " header");
            }
        });
        JsonNode content = response.path("content");
        if (body.isEmpty()) {
            if (!content.isMissingNode() && !content.isEmpty() && !method.equalsIgnoreCase("HEAD")) {
                wrong.add(operation + " answered " + status + " with no body, where " + fieldNames(content)
                        + " is declared");
            }
        } else {
            String mediaType = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
            JsonNode media = content.path(mediaType);
            if (media.isMissingNode()) {
                wrong.add(operation + " answered " + status + " with " + (mediaType.isEmpty() ? "no" : mediaType)
                        + " media type, which it does not declare (declared: " + fieldNames(content) + ")");
            } else if (media.has("schema")) {
                for (String error : validate(media.path("schema"), body)) {
                    wrong.add(operation + " answered " + status + " with a body the schema refuses: " + error
                            + " in " + abbreviate(body));
                }
            }
        }
        failures.addAll(wrong);
        return wrong;
    }

    /** What a declared schema says of a body; empty when it validates. */
    List<String> validate(JsonNode schema, String body) {
        JsonNode value;
        try {
            value = JSON.readTree(body);
        } catch (Exception e) {
            return List.of("not JSON");
        }
        // the schema is checked inside a copy that carries the document's components, so that its $refs resolve
        ObjectNode root = schema.deepCopy();
        root.set("components", document.path("components"));
        JsonSchema compiled = SCHEMAS.getSchema(root);
        return compiled.validate(value).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** A component schema by name, such as "Page". */
    JsonNode schema(String name) {
        return JSON.createObjectNode().put("$ref", "#/components/schemas/" + name);
    }

    /** The template of the document that a concrete path falls under, literal segments winning over parameters. */
    private Optional<String> templateOf(String requestPath) {
        List<String> matching = new ArrayList<>();
        document.path("paths").fieldNames().forEachRemaining(template -> {
            String regex = "\\Q" + template.replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q") + "\\E";
            if (Pattern.matches(regex, requestPath)) {
                matching.add(template);
            }
        });
        return matching.stream().min(Comparator.comparingLong(template -> template.chars().filter(c -> c == '{').count()));
    }

    /** Follows a $ref to components/responses or components/headers. */
    private JsonNode resolve(JsonNode node) {
        JsonNode ref = node.path("$ref");
        if (ref.isTextual() && ref.asText().startsWith("#/")) {
            return document.at(ref.asText().substring(1));
        }
        return node;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new LinkedHashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            names.add(it.next().getKey());
        }
        return names;
    }

    private static String abbreviate(String body) {
        return body.length() <= 300 ? body : body.substring(0, 300) + "...";
    }
}
