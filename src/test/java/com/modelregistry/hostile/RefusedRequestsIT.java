package com.modelregistry.hostile;

import static com.modelregistry.hostile.HostileAnswers.assertClean;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.modelregistry.testdb.Tokens;
import io.restassured.response.Response;
import java.net.http.HttpResponse;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Requests refused before they reach a service: a body of another type, an unknown method, a bad token. */
class RefusedRequestsIT {

    private static HostileTarget target;

    @BeforeContainer
    static void reachTheService() throws Exception {
        target = HostileTarget.shared();
    }

    @AfterContainer
    static void releaseTheService() {
        HostileTarget.release();
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void aBodyOfAnotherTypeGets415AndChangesNothing(@ForAll("otherContentTypes") String type) throws Exception {
        String before = target.snapshot();
        HttpResponse<String> response = target.send("POST", "/users/" + target.victim().id() + "/models",
                "{\"name\":\"typed\",\"framework\":\"sklearn\"}", target.admin(), type);
        assertClean(type, response);
        assertEquals(415, response.statusCode());
        assertEquals(before, target.snapshot());
    }

    @Provide
    Arbitrary<String> otherContentTypes() {
        return Arbitraries.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/json-patch+json");
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void anUnknownMethodGets405(@ForAll("unknownMethods") String method, @ForAll("resources") String resource)
            throws Exception {
        String before = target.snapshot();
        String path = target.fill(resource);
        // the JDK client refuses to send CONNECT
        Response response = given().config(HostileTarget.RAW).header("Authorization", "Bearer " + target.admin())
                .request(method, path);
        assertClean(method + " " + path, response.statusCode(), String.valueOf(response.contentType()),
                response.asString());
        assertEquals(405, response.statusCode(), method + " " + path);
        assertEquals(before, target.snapshot());
    }

    @Provide
    Arbitrary<String> unknownMethods() {
        return Arbitraries.of("PUT", "TRACE", "FOO", "CONNECT", "PROPFIND");
    }

    @Provide
    Arbitrary<String> resources() {
        return Arbitraries.of("/models/{model}", "/users/{user}", "/models");
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void aMalformedExpiredOrForeignTokenGets401AndChangesNothing(@ForAll("badTokens") String token) throws Exception {
        String before = target.snapshot();
        HttpResponse<String> response = target.send("PATCH", "/models/" + target.model(),
                "{\"name\":\"by a bad token\"}", token, "application/json");
        assertClean("token " + HostileRequests.abbreviate(token), response);
        assertEquals(401, response.statusCode());
        assertEquals(before, target.snapshot());
    }

    @Provide
    Arbitrary<String> badTokens() {
        var victim = target.victim();
        var claims = Tokens.claimsFor(victim.id(), victim.username(), "user");
        return Arbitraries.of("", "Bearer", "not.a.token", "a.b.c", Tokens.signedByStranger(claims),
                Tokens.unsigned(victim.token()), Tokens.tampered(victim.token(), "\"user\"", "\"admin\""),
                Tokens.signedByService(Tokens.claimsFor(victim.id(), victim.username(), "user").expiresAt(1)),
                "x".repeat(20_000));
    }
}
