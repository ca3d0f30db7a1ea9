package com.modelregistry.hostile;

import static com.modelregistry.hostile.HostileAnswers.assertClean;
import static com.modelregistry.hostile.HostileAnswers.assertProblemHead;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelregistry.common.http.RequestLimits;
import com.modelregistry.testdb.RawHttp;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile OAuth2 password-grant forms, which the OpenAPI document does not describe: tricky texts and large forms. On
 * a service of its own: after the other suites' failed logins from this address, the login limits would answer 429
 * before a form reached the lookup.
 */
class LoginFormsIT {

    private static final String FORM_LOGIN_HEAD = "POST /auth/token HTTP/1.1\r\nHost: localhost\r\n"
            + "Content-Type: application/x-www-form-urlencoded\r\n";

    private static HostileTarget target;

    @BeforeContainer
    static void reachTheService() throws Exception {
        target = HostileTarget.start();
    }

    @AfterContainer
    static void stopTheService() {
        if (target != null) {
            target.stop();
        }
    }

    @Provide
    Arbitrary<String> trickyFormLogins() {
        List<String> values = new ArrayList<>(HostileRequests.TRICKY_BYTES);
        HostileRequests.TRICKY_TEXT.forEach(text -> values.add(HostileRequests.encode(text)));
        List<String> forms = new ArrayList<>();
        for (String value : values) {
            // a new username each time, so that the login throttle does not answer 429 before the lookup
            forms.add("grant_type=password&username=" + value + "&password=correct%20horse%20battery");
            forms.add("grant_type=password&username=" + HostileRequests.unique() + "&password=" + value);
        }
        return Arbitraries.of(forms);
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void aTrickyTextInAFormLoginGetsACleanAnswer(@ForAll("trickyFormLogins") String form) throws Exception {
        HttpResponse<String> response = target.send("POST", "/auth/token", form, target.admin(),
                "application/x-www-form-urlencoded");
        String what = "form login " + HostileRequests.abbreviate(form);
        assertClean(what, response);
        // 413: a form field over Quarkus' 2 KiB limit for one form attribute
        assertTrue(List.of(400, 401, 413).contains(response.statusCode()), what + " -> " + response.statusCode());
    }

    /**
     * A form field over 2 KiB, or over 1,000 fields, answered 500 from Quarkus REST's form parser when the body arrived
     * over several network reads (found by {@link #aTrickyTextInAFormLoginGetsACleanAnswer}); forms are now cut at
     * {@link RequestLimits#MAX_FORM_LENGTH}, which neither fits in. Pieces of 500 bytes reach the parser separately.
     */
    @Property(tries = 20)
    void aLargeFormLoginArrivingInPiecesGetsAClean4xx(@ForAll @IntRange(min = 500, max = 60_000) int length,
            @ForAll boolean manyFields) throws Exception {
        String form = "grant_type=password&password=x&username="
                + (manyFields ? "u&" + "a=1&".repeat(length / 4) : "u".repeat(length));
        List<String> head = RawHttp.exchangeInPieces(target.port(), FORM_LOGIN_HEAD, form, 500);
        String what = form.length() + " bytes, many fields " + manyFields + ": " + head;
        assertFalse(head.isEmpty(), "no answer");
        String status = head.get(0).split(" ")[1];
        assertTrue(status.startsWith("4"), what);
        if (form.length() > RequestLimits.MAX_FORM_LENGTH) {
            assertEquals("413", status, what);
        }
        assertTrue(head.stream().anyMatch(line -> line.startsWith("content-type: application/problem+json")), what);
    }

    @Example
    void aChunkedFormOverItsLimitGets413() throws Exception {
        List<String> head = RawHttp.exchange(target.port(), FORM_LOGIN_HEAD + "Transfer-Encoding: chunked\r\n\r\n",
                16_384);
        assertProblemHead(413, head);
    }
}
