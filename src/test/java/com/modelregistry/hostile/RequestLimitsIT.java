package com.modelregistry.hostile;

import static com.modelregistry.hostile.HostileAnswers.assertClean;
import static com.modelregistry.hostile.HostileAnswers.assertProblemHead;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelregistry.testdb.RawHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Bodies, request targets and expectations past what the service accepts, each refused with problem+json. */
class RequestLimitsIT {

    private static HostileTarget target;

    @BeforeContainer
    static void reachTheService() throws Exception {
        target = HostileTarget.shared();
    }

    @AfterContainer
    static void releaseTheService() {
        HostileTarget.release();
    }

    /** The service answers from the declared length, before any of the body: only the head is sent. */
    @Property(tries = 10)
    void aDeclaredBodyOverTheLimitGets413BeforeItIsRead(@ForAll @IntRange(min = 65_537, max = 100_000_000) int length)
            throws Exception {
        String before = target.snapshot();
        List<String> head = RawHttp.exchange(target.port(),
                target.createModelHead() + "Content-Length: " + length + "\r\n\r\n", 0);
        assertProblemHead(413, head);
        assertEquals(before, target.snapshot());
    }

    /** No length declared: the service reads up to the limit, then refuses. */
    @Property(tries = 10)
    void aChunkedBodyOverTheLimitGets413AndChangesNothing(@ForAll @IntRange(min = 65_537, max = 300_000) int length)
            throws Exception {
        String before = target.snapshot();
        List<String> head = RawHttp.exchange(target.port(),
                target.createModelHead() + "Transfer-Encoding: chunked\r\n\r\n", length);
        assertProblemHead(413, head);
        assertEquals(before, target.snapshot());
    }

    /** The other side of the two properties above: a chunked body within the limit is served as any other. */
    @Example
    void aChunkedBodyWithinTheLimitIsServed() throws Exception {
        List<String> head = RawHttp.exchange(target.port(), target.createModelHead()
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + RawHttp.chunk("{\"name\":\"sent in\",")
                + RawHttp.chunk("\"framework\":\"sklearn\"}") + "0\r\n\r\n", 0);
        assertFalse(head.isEmpty(), "no answer");
        assertTrue(head.get(0).contains(" 201 "), head.toString());
    }

    @Example
    void anExpectationOtherThan100ContinueGets417ProblemJson() throws Exception {
        String before = target.snapshot();
        List<String> head = RawHttp.exchange(target.port(), target.createModelHead()
                + "Transfer-Encoding: chunked\r\nExpect: a-miracle\r\n\r\n"
                + RawHttp.chunk("{\"name\":\"hoped for\",\"framework\":\"sklearn\"}") + "0\r\n\r\n", 0);
        assertProblemHead(417, head);
        assertEquals(before, target.snapshot());
    }

    /** The limits above are enforced for HTTP/1.1; HTTP/2 is switched off, so a client asking for it gets HTTP/1.1. */
    @Example
    void http2IsNotOffered() throws Exception {
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build()
                .send(HttpRequest.newBuilder(URI.create(target.service().baseUri() + "/models/" + target.model()))
                        .header("Authorization", "Bearer " + target.admin()).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals(HttpClient.Version.HTTP_1_1, response.version());
    }

    @Property(tries = 10)
    void aRequestTargetOverTheLimitGets414ProblemJson(@ForAll @IntRange(min = 8_193, max = 60_000) int length)
            throws Exception {
        String prefix = "/models?name=";
        HttpResponse<String> response = target.send("GET", prefix + "n".repeat(length - prefix.length()), null,
                target.admin(), "application/json");
        assertClean("target of " + length, response);
        assertEquals(414, response.statusCode());
    }

    /**
     * Known limit, kept visible: a request line past {@code quarkus.http.limits.max-initial-line-length} (64 KiB) is
     * refused by Vert.x's HTTP decoder before any handler of the service runs, so its 414 has an empty body.
     */
    @Example
    void aRequestLinePastTheDecoderLimitIsRefusedByVertxWith414() throws Exception {
        List<String> head = RawHttp.exchange(target.port(), "GET /models?name=" + "n".repeat(70_000)
                + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + target.admin() + "\r\n\r\n", 0);
        assertFalse(head.isEmpty(), "no answer");
        assertTrue(head.get(0).contains(" 414 "), head.toString());
    }
}
