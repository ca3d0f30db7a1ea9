package com.modelregistry.hostile;

import static com.modelregistry.hostile.HostileAnswers.assertClean;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelregistry.testdb.RawHttp;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Issue 12: tampered paging cursors and query strings that are not well-formed, on every listing. */
class MalformedQueriesIT {

    private static HostileTarget target;

    @BeforeContainer
    static void reachTheService() throws Exception {
        target = HostileTarget.shared();
    }

    @AfterContainer
    static void releaseTheService() {
        HostileTarget.release();
    }

    @Provide
    Arbitrary<String> tamperedCursorTargets() {
        Arbitrary<String> key = Arbitraries.oneOf(
                Arbitraries.of("+294277-01-01T00:00:00Z", "-290308-12-21T19:59:05.224192Z", "+10000-01-01T00:00:00Z",
                        "0000-12-31T23:59:59Z", "9999-12-31T23:59:59.999999999Z", "0x1p-2", "0.5d", " 0.5", "+0.5",
                        "1e400", "-0.0", "NaN", "", "\u0000", "\ud800"),
                Arbitraries.longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond())
                        .map(seconds -> Instant.ofEpochSecond(seconds).toString()),
                Arbitraries.doubles().map(String::valueOf),
                Arbitraries.strings().ofMaxLength(40));
        Arbitrary<String> id = Arbitraries.oneOf(Arbitraries.longs().map(String::valueOf),
                Arbitraries.of("+5", "05", "0x5", "", "99999999999999999999"));
        Arbitrary<String> order = Arbitraries.of("-createdAt", "createdAt", "-accuracy", "accuracy", "-name", "name",
                "users:-createdAt");
        return Combinators.combine(order, id, key, Arbitraries.of(true, false)).as((o, i, k, ofAUser) -> {
            String cursor = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(("1\n" + o + "\n" + i + "\n=" + k).getBytes(StandardCharsets.UTF_8));
            if (o.startsWith("users:")) {
                return "/users?after=" + cursor;
            }
            return (ofAUser && o.equals("-createdAt") ? "/users/{user}/models?" : "/models?sort=" + o + "&")
                    + "after=" + cursor;
        });
    }

    /** A cursor is opaque but not signed: whatever a client puts in one is a 400 at worst (issue 12). */
    @Property(tries = 300)
    void aTamperedCursorGetsACleanAnswer(@ForAll("tamperedCursorTargets") String template) throws Exception {
        String path = target.fill(template);
        HttpResponse<String> response = target.send("GET", path, null, target.admin(), "application/json");
        assertClean(path, response);
        assertTrue(List.of(200, 400).contains(response.statusCode()), path + " -> " + response.statusCode());
    }

    @Provide
    Arbitrary<String> malformedQueryStrings() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.of("%", "%z", "%zz", "%%", "%0", "%C0%AF", "%E2%82", "%FF", "%00", "\\", "|", "{", "}",
                        "\"", "<", ">", "^", "`", ";", "&&", "=", "[", "]", "#", "\u00e9", "size=", "page=x&size"),
                Arbitraries.strings().alpha().numeric().ofMaxLength(6));
        return piece.list().ofMinSize(1).ofMaxSize(8).map(pieces -> String.join("", pieces));
    }

    /** Sent as bytes on a socket: HTTP clients refuse to send a target that is not a URI, attackers do not. */
    @Property(tries = 200)
    void aMalformedQueryStringGetsACleanAnswerAndChangesNothing(@ForAll("malformedQueryStrings") String query,
            @ForAll("queryTargets") String template) throws Exception {
        String before = target.snapshot();
        String method = template.equals("/users") ? "POST" : "GET";
        String path = target.fill(template);
        RawHttp.Answer answer = RawHttp.send(target.port(), method + " " + path + "?" + query
                + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + target.admin()
                + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
        String what = method + " " + path + "?" + query;
        assertClean(what, answer.status(), answer.headers().getOrDefault("content-type", ""), answer.body());
        assertEquals(before, target.snapshot(), what);
    }

    @Provide
    Arbitrary<String> queryTargets() {
        return Arbitraries.of("/models", "/models/{model}", "/users", "/users/me", "/users/{user}/models", "/q/health");
    }
}
