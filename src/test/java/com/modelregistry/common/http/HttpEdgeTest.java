package com.modelregistry.common.http;

import com.modelregistry.common.problem.Problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.modelregistry.Api;
import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.PostgresResource;
import com.modelregistry.testdb.RawHttp;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Methods and framing at the HTTP edge: what each path allows, and transfer codings this service cannot read. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
class HttpEdgeTest {

    @Test
    void operationalEndpointsAllowOnlyReading() throws Exception {
        int management = URI.create(PostgresResource.managementUri()).getPort();
        Map<String, Integer> ports = Map.of("/q/health", management, "/q/health/ready", management,
                "/q/metrics", management, "/q/openapi", RestAssured.port);
        for (String path : ports.keySet()) {
            for (String method : List.of("TRACE", "PROPFIND", "CONNECT", "POST", "DELETE")) {
                RawHttp.Answer answer = RawHttp.send(ports.get(path),
                        method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
                assertEquals(405, answer.status(), method + " " + path);
                assertEquals(Problem.MEDIA_TYPE, answer.headers().get("content-type"), method + " " + path);
                assertEquals(Set.of("GET", "HEAD"), methods(answer.headers().get("allow")), method + " " + path);
            }
        }
    }

    @Test
    void optionsListsTheMethodsOfThatPathOnly() throws Exception {
        String token = "Authorization: Bearer " + Api.newUser().token() + "\r\n";
        assertEquals(Set.of("GET", "HEAD", "OPTIONS"), allowed("/users/me", token));
        assertEquals(Set.of("GET", "HEAD", "OPTIONS", "PATCH", "DELETE"), allowed("/users/1", token));
        assertEquals(Set.of("GET", "HEAD", "OPTIONS", "POST"), allowed("/users", token));
        assertEquals(Set.of("GET", "HEAD", "OPTIONS", "POST"), allowed("/users/1/models", token));
        assertEquals(Set.of("GET", "HEAD", "OPTIONS"), allowed("/models", token));
    }

    @Test
    void aMethodNotAllowedSaysWhichAre() throws Exception {
        String token = "Authorization: Bearer " + Api.newUser().token() + "\r\n";
        for (String request : List.of("PUT /users/me", "DELETE /users", "PUT /models/1", "POST /models")) {
            RawHttp.Answer answer = RawHttp.send(RestAssured.port, request + " HTTP/1.1\r\nHost: localhost\r\n"
                    + token + "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
            assertEquals(405, answer.status(), request);
            assertEquals(Problem.MEDIA_TYPE, answer.headers().get("content-type"), request);
            assertEquals(allowed(request.split(" ")[1], token), methods(answer.headers().get("allow")), request);
        }
    }

    @Test
    void aTransferCodingOtherThanChunkedIsRefusedAtOnce() throws Exception {
        for (String coding : List.of("xchunked", "gzip", "identity", "chunked;x=1", "Chunked ")) {
            RawHttp.Answer answer = sendWithCoding(coding);
            if (coding.equals("Chunked ")) {
                assertEquals(400, answer.status(), "{} is an invalid user, read from a chunked body");
                assertTrue(answer.body().contains("violations"), answer.body());
                continue;
            }
            assertEquals(400, answer.status(), coding);
            assertEquals(Problem.MEDIA_TYPE, answer.headers().get("content-type"), coding);
            assertTrue(answer.body().contains("Transfer-Encoding"), answer.body());
        }
        // chunked before another coding: Vert.x's decoder refuses it itself, before any handler (a known limit)
        assertEquals(400, sendWithCoding("chunked, gzip").status());
    }

    /** The edge handlers answer before Quarkus REST runs, yet their bodies are built where the mapper's are. */
    @Test
    void aRefusalAtTheEdgeHasTheShapeOfOneFromTheMapper() throws Exception {
        String token = "Authorization: Bearer " + Api.newUser().token() + "\r\n";
        Map<String, Object> edge = body(RawHttp.send(RestAssured.port,
                "POST /q/openapi HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
        Map<String, Object> mapped = body(RawHttp.send(RestAssured.port, "PUT /users/me HTTP/1.1\r\nHost: localhost\r\n"
                + token + "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"));
        assertEquals(Map.of("type", "about:blank", "title", "Method Not Allowed", "status", 405),
                withoutDetail(edge), "from RequestLimits");
        assertEquals(withoutDetail(edge), withoutDetail(mapped), "from ProblemMapper");

        Map<String, Object> malformedTarget = body(RawHttp.send(RestAssured.port,
                "GET /models?q=%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
        Map<String, Object> malformedJson = body(RawHttp.send(RestAssured.port, "POST /users HTTP/1.1\r\n"
                + "Host: localhost\r\nContent-Type: application/json\r\nContent-Length: 1\r\n"
                + "Connection: close\r\n\r\n{"));
        assertEquals(Map.of("type", "about:blank", "title", "Bad Request", "status", 400),
                withoutDetail(malformedTarget), "from RequestLimits");
        assertEquals(withoutDetail(malformedTarget), withoutDetail(malformedJson), "from ProblemMapper");
    }

    private static Map<String, Object> body(RawHttp.Answer answer) throws Exception {
        assertEquals(Problem.MEDIA_TYPE, answer.headers().get("content-type"), answer.body());
        return new ObjectMapper().readValue(answer.body(), new TypeReference<Map<String, Object>>() { });
    }

    private static Map<String, Object> withoutDetail(Map<String, Object> problem) {
        Map<String, Object> shape = new HashMap<>(problem);
        assertTrue(shape.remove("detail") instanceof String, problem.toString());
        return shape;
    }

    private static RawHttp.Answer sendWithCoding(String coding) throws Exception {
        return RawHttp.send(RestAssured.port, "POST /users HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: " + coding + "\r\nConnection: close\r\n\r\n"
                + RawHttp.chunk("{}") + "0\r\n\r\n");
    }

    private static Set<String> allowed(String path, String token) throws Exception {
        RawHttp.Answer answer = RawHttp.send(RestAssured.port,
                "OPTIONS " + path + " HTTP/1.1\r\nHost: localhost\r\n" + token + "Connection: close\r\n\r\n");
        assertTrue(answer.status() == 200 || answer.status() == 204, path + " answered " + answer.status());
        return methods(answer.headers().get("allow"));
    }

    private static Set<String> methods(String allow) {
        return allow == null ? Set.of() : Stream.of(allow.split(",")).map(String::trim).collect(Collectors.toSet());
    }
}
