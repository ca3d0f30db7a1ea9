package com.modelregistry.hostile;

import io.restassured.path.json.JsonPath;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of hostile requests for every operation the service's OpenAPI document declares: hostile path and query
 * values (SQL and HQL injection, NUL, lone surrogates, RTL marks, NaN, Infinity, 1e309, huge and negative numbers,
 * huge and empty strings) and bodies with wrong types, missing and extra fields, deep nesting and invalid JSON.
 */
final class HostileRequests {

    static final Arbitrary<String> TEXT = Arbitraries.oneOf(
            Arbitraries.of("' or '1'='1", "1; drop table users; --", "1 union select password_hash from users",
                    "from User u where 1=1", "id desc, (select 1)", "-createdAt; delete from models", "password_hash",
                    "NaN", "Infinity", "-Infinity", "1e309", "-1e309", "-1", "0", "-9223372036854775808",
                    "9223372036854775808", "99999999999999999999999", "0x7fffffff", "1.5", " 1", "", " ", "\u0000",
                    "a\u0000b", "\uD800", "\uDC00x", "\uD800\uC0AC", "\u202Eevil\u202C", "\u200F\u200E", "\uFEFF",
                    "%00", "%", "_", "\\", "'", "\"", "../../etc/passwd", "${jndi:ldap://x/a}",
                    "<script>alert(1)</script>", "null", "true", "[]", "{}"),
            Arbitraries.strings().all().ofMaxLength(40),
            Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(4),
            Arbitraries.strings().ascii().ofMinLength(256).ofMaxLength(3000),
            Arbitraries.longs().map(n -> Long.toString(n)));

    /** JSON values of every type, including texts JSON itself forbids. */
    static final Arbitrary<String> JSON_VALUE = Arbitraries.oneOf(
            Arbitraries.of("null", "true", "false", "0", "-1", "1e309", "-1e309", "NaN", "Infinity", "1.0E-400",
                    "99999999999999999999999999", "[]", "{}", "[1,2]", "{\"a\":1}", "\"\"", "\"\\u0000\"",
                    "\"\\ud800\"", "\"" + "x".repeat(5000) + "\"", "\"\\u202eevil\""),
            TEXT.map(HostileRequests::jsonString));

    /** Texts that services like this one mishandle: NUL, unpaired surrogates, direction marks, a BOM, long, empty. */
    static final List<String> TRICKY_TEXT = List.of("\u0000", "a\u0000b", "\uD800", "\uDC00x", "\uD800\uC0AC",
            "\u202Eevil\u202C", "\uFEFF", "x".repeat(5000), "", "' or '1'='1");

    /**
     * Percent-encoded bytes that are NUL or not UTF-8 (a surrogate, an overlong NUL, a stray byte, a cut sequence):
     * URLEncoder turns a lone surrogate into "?", so these are written out by hand.
     */
    static final List<String> TRICKY_BYTES = List.of("%00", "%ED%A0%80", "%C0%80", "%FF", "%E2%80");

    /** Bodies this close to the 64 KiB limit are left to the body-size properties. */
    private static final int LARGEST_BODY = 60_000;

    /** One operation of the OpenAPI document. */
    record Operation(String method, String path, List<String> queryParameters, List<String> bodyProperties) {

        boolean hasBody() {
            return !method.equals("GET") && !method.equals("DELETE");
        }
    }

    /**
     * A generated request. {@code id} is the hostile path value, or null for the id of the suite's own user or model
     * (which may be replaced while the suite runs); the text is what a failure report shows.
     */
    record HostileRequest(String method, String path, String id, String query, String body, boolean asVictim) {

        String target(long user, long model) {
            String first = Long.toString(path.startsWith("/models") ? model : user);
            return fill(first) + (query.isEmpty() ? "" : "?" + query);
        }

        /**
         * The path with the hostile value in one parameter and valid values in the others: in the first (the user or
         * model) or, in a nested path, the last (a version, alias or tag key), chosen by the value so that both are
         * tried; the victim's version 1, alias production and tag team are valid.
         */
        private String fill(String first) {
            Matcher parameters = PATH_PARAMETER.matcher(path);
            List<String> names = new ArrayList<>();
            while (parameters.find()) {
                names.add(parameters.group(1));
            }
            int hostile = id == null ? -1 : id.length() % 2 == 0 ? names.size() - 1 : 0;
            String filled = path;
            for (int i = 0; i < names.size(); i++) {
                String value = i == hostile ? id : i == 0 ? first : VALID_PATH_VALUES.get(names.get(i));
                filled = filled.replace("{" + names.get(i) + "}", value);
            }
            return filled;
        }

        boolean isWrite() {
            return !method.equals("GET");
        }

        @Override
        public String toString() {
            return method + " " + abbreviate(fill("{real id}") + (query.isEmpty() ? "" : "?" + query))
                    + (body == null ? "" : " body " + abbreviate(body)) + (asVictim ? " as the user" : " as the admin");
        }
    }

    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{(\\w+)}");

    /** Valid values of the path parameters after the first; a new one must be added here. */
    private static final Map<String, String> VALID_PATH_VALUES = Map.of(
            "version", "1", "alias", "production", "key", "team");

    private HostileRequests() {
    }

    /** Every API operation (not /q/) that the document declares. */
    @SuppressWarnings("unchecked")
    static List<Operation> operations(JsonPath openApi) {
        List<Operation> operations = new ArrayList<>();
        Map<String, Map<String, Object>> paths = openApi.getMap("paths");
        paths.forEach((path, methods) -> {
            if (path.startsWith("/q/")) {
                return;
            }
            methods.forEach((method, operation) -> {
                if (List.of("get", "post", "put", "patch", "delete").contains(method)) {
                    Map<String, Object> declared = (Map<String, Object>) operation;
                    operations.add(new Operation(method.toUpperCase(), path, queryParameters(declared),
                            bodyProperties(openApi, declared)));
                }
            });
        });
        return operations;
    }

    /**
     * Requests for one operation. {@code {id}} is the suite's own user or model a quarter of the time, else a hostile
     * value; the suite's user is never deleted, as the rest of the run would only meet 404 and 401.
     */
    static Arbitrary<HostileRequest> requests(Operation operation) {
        boolean keepVictim = operation.method().equals("DELETE") && operation.path().startsWith("/users");
        Arbitrary<String> id = keepVictim ? pathValue() : pathValue().injectNull(0.25);
        List<Arbitrary<String>> query = new ArrayList<>();
        for (String name : operation.queryParameters()) {
            query.add(TEXT.map(value -> encode(name) + "=" + encode(value)).injectNull(0.33));
        }
        Arbitrary<String> queryString = query.isEmpty() ? Arbitraries.just("")
                : Combinators.combine(query).as(parts -> String.join("&", parts.stream().filter(Objects::nonNull).toList()));
        Arbitrary<String> body = operation.hasBody() ? body(operation.bodyProperties()) : Arbitraries.just(null);
        return Combinators.combine(id, queryString, body,
                        Arbitraries.frequency(Tuple.of(3, false), Tuple.of(1, true)))
                .as((value, parameters, content, asVictim) -> new HostileRequest(operation.method(), operation.path(),
                        value, parameters, content, asVictim));
    }

    /**
     * One query parameter or body property of one operation, to be filled with a hostile text while the rest of the
     * request stays valid (a POST body complete, a PATCH body with that property alone), sent by the admin (who may
     * use every operation) on the suite user's rows. Unlike generated requests, whose other fields mostly fail
     * validation first, these reach the database.
     */
    record Field(Operation operation, String name, boolean inQuery) {

        HostileRequest with(String text) {
            if (inQuery) {
                return withEncoded(encode(text));
            }
            Map<String, String> fields = new LinkedHashMap<>();
            if (operation.method().equals("POST")) {
                operation.bodyProperties().forEach(property -> fields.put(property, validValue(property, unique())));
            }
            fields.put(name, jsonString(text));
            String body = fields.entrySet().stream()
                    .map(field -> jsonString(field.getKey()) + ":" + field.getValue())
                    .collect(Collectors.joining(",", "{", "}"));
            return new HostileRequest(operation.method(), operation.path(), null, "", body, false);
        }

        /** A query value sent as given, for bytes that no Java string encodes to (see {@link #TRICKY_BYTES}). */
        HostileRequest withEncoded(String percentEncoded) {
            return new HostileRequest(operation.method(), operation.path(), null,
                    encode(name) + "=" + percentEncoded, operation.hasBody() ? "{}" : null, false);
        }
    }

    static String unique() {
        return "tricky_" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Every query parameter and body property of every operation. */
    static List<Field> fields(List<Operation> operations) {
        List<Field> fields = new ArrayList<>();
        for (Operation operation : operations) {
            operation.queryParameters().forEach(name -> fields.add(new Field(operation, name, true)));
            operation.bodyProperties().forEach(name -> fields.add(new Field(operation, name, false)));
        }
        return fields;
    }

    /** A valid JSON value for each body property of the API; a new property must be added here. */
    private static String validValue(String property, String unique) {
        return switch (property) {
            case "email" -> jsonString(unique + "@example.com");
            case "username" -> jsonString(unique);
            case "password" -> jsonString("correct horse battery");
            case "name" -> jsonString("tricky model");
            case "framework" -> jsonString("sklearn");
            case "accuracy" -> "0.5";
            case "active" -> "true";
            case "role" -> jsonString("user");
            case "artifactUri" -> jsonString("s3://hostile/" + unique);
            case "description" -> jsonString("tricky version");
            case "metrics" -> "{\"accuracy\": 0.5}";
            case "status" -> jsonString("ready");
            case "version" -> "1";
            case "value" -> jsonString("tricky tag");
            default -> throw new IllegalArgumentException("no valid value known for body property " + property);
        };
    }

    /** Never a plain number: that could be the id of a row the suite does not own, such as the admin. */
    private static Arbitrary<String> pathValue() {
        return TEXT.filter(value -> !value.strip().matches("\\+?\\d+")).map(HostileRequests::encode);
    }

    private static Arbitrary<String> body(List<String> properties) {
        List<Arbitrary<String>> fields = new ArrayList<>();
        for (String property : properties) {
            fields.add(JSON_VALUE.map(value -> jsonString(property) + ":" + value).injectNull(0.25));
        }
        fields.add(TEXT.map(name -> jsonString(name) + ":1").injectNull(0.66));
        Arbitrary<String> object = Combinators.combine(fields).as(parts -> "{" + String.join(",",
                parts.stream().filter(Objects::nonNull).toList()) + "}");
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just("[".repeat(5000) + "]".repeat(5000))),
                Tuple.of(1, Arbitraries.just("{\"a\":".repeat(3000) + "1" + "}".repeat(3000))),
                Tuple.of(1, JSON_VALUE),
                Tuple.of(1, Arbitraries.just("{\"name\": \"unterminated")),
                Tuple.of(4, object.filter(text -> text.length() < LARGEST_BODY)));
    }

    @SuppressWarnings("unchecked")
    private static List<String> queryParameters(Map<String, Object> operation) {
        List<String> names = new ArrayList<>();
        if (operation.get("parameters") instanceof List<?> list) {
            for (Object parameter : list) {
                Map<String, Object> p = (Map<String, Object>) parameter;
                if ("query".equals(p.get("in"))) {
                    names.add((String) p.get("name"));
                }
            }
        }
        return names;
    }

    private static List<String> bodyProperties(JsonPath openApi, Map<String, Object> operation) {
        if (operation.get("requestBody") instanceof Map<?, ?> body && body.get("content") instanceof Map<?, ?> content
                && content.get("application/json") instanceof Map<?, ?> json
                && json.get("schema") instanceof Map<?, ?> schema && schema.get("$ref") instanceof String ref) {
            Map<String, Object> properties = openApi.getMap("components.schemas."
                    + ref.substring(ref.lastIndexOf('/') + 1) + ".properties");
            if (properties != null) {
                return List.copyOf(properties.keySet());
            }
        }
        return List.of();
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String jsonString(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    static String abbreviate(String text) {
        String flat = text.replace('\n', ' ');
        return flat.length() <= 160 ? flat : flat.substring(0, 160) + "… (" + flat.length() + " chars)";
    }
}
