package com.modelregistry.common;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelregistry.Api;
import com.modelregistry.testdb.PostgresResource;
import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, hostile input: requests generated from the service's own OpenAPI document, every operation with hostile
 * path and query values (SQL and HQL injection, NUL, lone surrogates, RTL marks, NaN, Infinity, 1e309, huge and
 * negative numbers, huge and empty strings), bodies with wrong types, missing and extra fields, deep nesting and
 * JSON-invalid numbers, bad tokens, bodies over the limit, wrong content types and unknown methods. Every answer must
 * be a documented success or a 4xx problem+json without a stack trace, and a refused write must change nothing.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
class HostileInputTest {

    private static final int REQUESTS = 1200;
    private static final RestAssuredConfig RAW = RestAssuredConfig.config()
            .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));

    private static final Arbitrary<String> HOSTILE = Arbitraries.oneOf(
            Arbitraries.of("' or '1'='1", "1; drop table users; --", "1 union select password_hash from users",
                    "from User u where 1=1", "id desc, (select 1)", "-createdAt; delete from models", "password_hash",
                    "NaN", "Infinity", "-Infinity", "1e309", "-1e309", "-1", "0", "-9223372036854775808",
                    "9223372036854775808", "99999999999999999999999", "0x7fffffff", "1.5", " 1", "", " ", "\u0000",
                    "a\u0000b", "\uD800", "\uDC00x", "\u202Eevil\u202C", "\u200F\u200E", "\uFEFF", "%00", "%",
                    "_", "\\", "'", "\"", "../../etc/passwd", "${jndi:ldap://x/a}", "<script>alert(1)</script>",
                    "null", "true", "[]", "{}"),
            Arbitraries.strings().all().ofMaxLength(40),
            Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(4),
            Arbitraries.strings().ascii().ofMinLength(256).ofMaxLength(3000),
            Arbitraries.longs().map(n -> Long.toString(n)));

    /** JSON values of every type, including texts JSON itself forbids. */
    private static final Arbitrary<String> HOSTILE_JSON_VALUE = Arbitraries.oneOf(
            Arbitraries.of("null", "true", "false", "0", "-1", "1e309", "-1e309", "NaN", "Infinity", "1.0E-400",
                    "99999999999999999999999999", "[]", "{}", "[1,2]", "{\"a\":1}", "\"\"", "\"\\u0000\"",
                    "\"\\ud800\"", "\"" + "x".repeat(5000) + "\"", "\"\\u202eevil\""),
            HOSTILE.map(text -> jsonString(text)));

    private final Random random = new Random();

    @Test
    void everyHostileRequestGetsAClean4xxOrADocumentedSuccess() throws Exception {
        JsonPath openApi = given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Map<String, Object>> paths = openApi.getMap("paths");
        Api.Account victim = Api.newUser();
        long model = Api.createModel(victim, "hostile-target", "sklearn", 0.5);
        String admin = Api.admin().token();

        List<String> failures = new ArrayList<>();
        int sent = 0;
        String before = snapshot();
        while (sent < REQUESTS) {
            for (Map.Entry<String, Map<String, Object>> path : paths.entrySet()) {
                if (path.getKey().startsWith("/q/")) {
                    continue;
                }
                for (String method : path.getValue().keySet()) {
                    if (!List.of("get", "post", "put", "patch", "delete").contains(method)) {
                        continue;
                    }
                    Object operation = path.getValue().get(method);
                    // the victim user is never deleted: the rest of the run would only meet 404 and 401
                    boolean keep = method.equals("delete") && path.getKey().startsWith("/users");
                    String id = keep ? hostilePathValue() : pathValue(victim.id(), model, path.getKey());
                    String target = path.getKey().replace("{id}", id).replace("{userId}", id);
                    RequestSpecification request = given().config(RAW).urlEncodingEnabled(true)
                            .header("Authorization", "Bearer " + token(admin, victim));
                    int queryLength = 0;
                    for (String name : queryParameters(operation)) {
                        if (random.nextInt(3) > 0) {
                            String value = HOSTILE.sample();
                            queryLength += java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).length();
                            request.queryParam(name, value);
                        }
                    }
                    if (!method.equals("get") && !method.equals("delete")) {
                        request.contentType("application/json").body(body(openApi, operation));
                    }
                    Response response;
                    try {
                        response = request.request(method.toUpperCase(), target);
                    } catch (Exception closedWhileSending) {
                        // RestAssured rethrows the socket's IOException undeclared
                        if (!(closedWhileSending instanceof java.net.SocketException)) {
                            throw closedWhileSending;
                        }
                        // a request line over 4 KiB is refused (414) and the connection closed as soon as the line
                        // is read; with a body still being sent the client sees a broken pipe instead of the 414
                        assertTrue(queryLength > 3000, "connection closed on a short request: " + closedWhileSending);
                        sent++;
                        continue;
                    }
                    sent++;
                    before = check(method, target, response, before, failures);
                }
            }
            sent += fixedCases(admin, victim, model, failures);
        }
        assertTrue(sent >= REQUESTS, "only " + sent + " requests sent");
        assertTrue(failures.isEmpty(), failures.size() + " bad answers of " + sent + ":\n"
                + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
    }

    /** Body over the limit, wrong content types, unknown methods, bad tokens: one round of each. */
    private int fixedCases(String admin, Api.Account victim, long model, List<String> failures) throws Exception {
        int sent = 0;
        String before = snapshot();
        // RestAssured insists on encoding form and multipart bodies itself, and gives up with a broken pipe when the
        // service refuses a large body before reading it: these go through the JDK client
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.URI models = java.net.URI.create(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port
                + "/users/" + victim.id() + "/models");
        // the service answers from the declared length, before any of the body: send only the head
        List<String> head = new ArrayList<>();
        try (java.net.Socket socket = new java.net.Socket("localhost", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /users/" + victim.id() + "/models HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + admin + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 70000\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                    socket.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                head.add(line.toLowerCase());
            }
        }
        if (head.isEmpty() || !head.get(0).contains(" 413 ")
                || head.stream().noneMatch(h -> h.startsWith("content-type: application/problem+json"))) {
            failures.add("body over the limit: expected 413 problem+json, got " + head);
        }
        sent++;
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/json-patch+json")) {
            java.net.http.HttpResponse<String> wrongType = client.send(java.net.http.HttpRequest.newBuilder(models)
                    .header("Authorization", "Bearer " + admin).header("Content-Type", type)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\":\"typed\",\"framework\":\"sklearn\"}"))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            String contentType = wrongType.headers().firstValue("Content-Type").orElse("");
            if (wrongType.statusCode() != 415 || !contentType.startsWith("application/problem+json")) {
                failures.add("content type " + type + ": expected 415 problem+json, got " + wrongType.statusCode()
                        + " " + contentType);
            }
            String after = snapshot();
            if (!after.equals(before)) {
                failures.add("a refused write changed the database: content type " + type);
            }
            before = after;
            sent++;
        }
        for (String method : List.of("PUT", "TRACE", "FOO", "CONNECT")) {
            for (String path : List.of("/models/" + model, "/users/" + victim.id(), "/models")) {
                Response unknown = given().config(RAW).header("Authorization", "Bearer " + admin)
                        .request(method, path);
                if (unknown.statusCode() != 405 && unknown.statusCode() != 400 && unknown.statusCode() != 501) {
                    failures.add(method + " " + path + " -> " + unknown.statusCode() + ", expected 405");
                }
                before = check(method.toLowerCase(), method + " " + path, unknown, before, failures);
                sent++;
            }
        }
        var claims = Tokens.claimsFor(victim.id(), victim.username(), "user");
        List<String> badTokens = List.of("", "Bearer", "not.a.token", "a.b.c", Tokens.signedByStranger(claims),
                Tokens.unsigned(victim.token()), Tokens.tampered(victim.token(), "\"user\"", "\"admin\""),
                Tokens.signedByService(Tokens.claimsFor(victim.id(), victim.username(), "user").expiresAt(1)),
                "x".repeat(20_000));
        for (String token : badTokens) {
            Response refused = given().config(RAW).header("Authorization", "Bearer " + token)
                    .contentType("application/json").body(Map.of("name", "by a bad token"))
                    .when().patch("/models/{id}", model);
            expect(401, refused, "bad token", failures);
            before = check("patch", "bad token", refused, before, failures);
            sent++;
        }
        return sent;
    }

    private String check(String method, String target, Response response, String before, List<String> failures)
            throws Exception {
        int status = response.statusCode();
        String body = response.asString();
        String what = method.toUpperCase() + " " + abbreviate(target) + " -> " + status + " " + abbreviate(body);
        if (status >= 500) {
            failures.add(what);
        }
        // known gap: 414 (request line over 4 KiB) is answered by the HTTP codec before any handler, with an empty
        // body instead of problem+json
        boolean httpLayer = status == 414;
        if (status >= 400 && !httpLayer && !String.valueOf(response.contentType()).startsWith("application/problem+json")) {
            failures.add("not problem+json: " + what);
        }
        // answers may echo the client's own text (a model named "select ...", an unknown property of that name), so
        // look for what only the server could have written: class names, stack frames, PostgreSQL's messages
        if (status >= 400 && (body.contains("Exception") || body.contains("\tat ") || body.contains("org.hibernate")
                || body.contains("com.modelregistry") || body.contains("io.vertx") || body.contains("SQLSTATE")
                || body.contains("ERROR: "))) {
            failures.add("leaks internals: " + what);
        }
        boolean write = !method.equals("get") && !method.equals("head") && !method.equals("options");
        String after = write ? snapshot() : before;
        if (write && status >= 400 && !after.equals(before)) {
            failures.add("a refused write changed the database: " + what);
        }
        return after;
    }

    private static void expect(int status, Response response, String what, List<String> failures) {
        if (response.statusCode() != status) {
            failures.add(what + ": expected " + status + ", got " + response.statusCode() + " "
                    + abbreviate(response.asString()));
        }
    }

    private String pathValue(long user, long model, String path) {
        return random.nextInt(4) == 0 ? Long.toString(path.startsWith("/models") ? model : user) : hostilePathValue();
    }

    /** Never a plain number: that could be the id of a row another test owns, such as the admin. */
    private static String hostilePathValue() {
        return java.net.URLEncoder.encode(HOSTILE.filter(v -> !v.strip().matches("\\+?\\d+")).sample(),
                java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    private String token(String admin, Api.Account victim) {
        return random.nextInt(4) == 0 ? victim.token() : admin;
    }

    @SuppressWarnings("unchecked")
    private static List<String> queryParameters(Object operation) {
        Object parameters = ((Map<String, Object>) operation).get("parameters");
        List<String> names = new ArrayList<>();
        if (parameters instanceof List<?> list) {
            for (Object parameter : list) {
                Map<String, Object> p = (Map<String, Object>) parameter;
                if ("query".equals(p.get("in"))) {
                    names.add((String) p.get("name"));
                }
            }
        }
        return names;
    }

    /** A body for the operation's schema with hostile values, missing, extra or nested fields, or not an object. */
    @SuppressWarnings("unchecked")
    private String body(JsonPath openApi, Object operation) {
        List<String> properties = new ArrayList<>();
        Object requestBody = ((Map<String, Object>) operation).get("requestBody");
        if (requestBody instanceof Map<?, ?> rb && rb.get("content") instanceof Map<?, ?> content
                && content.get("application/json") instanceof Map<?, ?> json
                && json.get("schema") instanceof Map<?, ?> schema && schema.get("$ref") instanceof String ref) {
            Map<String, Object> props = openApi.getMap("components.schemas." + ref.substring(ref.lastIndexOf('/') + 1)
                    + ".properties");
            if (props != null) {
                properties.addAll(props.keySet());
            }
        }
        switch (random.nextInt(8)) {
            case 0:
                return "[".repeat(5000) + "]".repeat(5000);
            case 1:
                return "{\"a\":".repeat(3000) + "1" + "}".repeat(3000);
            case 2:
                return HOSTILE_JSON_VALUE.sample();
            case 3:
                return "{\"name\": \"unterminated";
            default:
                StringBuilder object = new StringBuilder("{");
                for (String property : properties) {
                    if (random.nextInt(4) == 0) {
                        continue;
                    }
                    object.append(object.length() > 1 ? "," : "").append(jsonString(property)).append(':')
                            .append(HOSTILE_JSON_VALUE.sample());
                }
                if (random.nextInt(3) == 0) {
                    object.append(object.length() > 1 ? "," : "").append(jsonString(HOSTILE.sample())).append(":1");
                }
                object.append('}');
                // bodies over the limit are sent once, on purpose, in fixedCases: the service closes the connection
                // before reading them, which RestAssured reports as a broken pipe instead of the 413
                return object.length() < 60_000 ? object.toString() : "{}";
        }
    }

    private static String jsonString(String text) {
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

    /** A fingerprint of everything stored: users, models and the running counts. */
    private static String snapshot() throws Exception {
        try (Connection db = DriverManager.getConnection(PostgresResource.jdbcUrl(), "postgres", "postgres");
                Statement statement = db.createStatement();
                ResultSet row = statement.executeQuery("select (select md5(coalesce(string_agg(u::text, ',' order by id), '')) from users u)"
                        + " || (select md5(coalesce(string_agg(m::text, ',' order by id), '')) from models m)"
                        + " || (select coalesce(sum(models), 0) from model_counts)")) {
            row.next();
            return row.getString(1);
        }
    }

    private static String abbreviate(String text) {
        String flat = text.replace('\n', ' ');
        return flat.length() <= 160 ? flat : flat.substring(0, 160) + "…";
    }
}
