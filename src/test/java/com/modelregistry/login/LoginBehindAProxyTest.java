package com.modelregistry.login;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.modelregistry.Api;
import com.modelregistry.Api.Account;
import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.PostgresResource;
import com.modelregistry.testdb.SqlRecorder;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The login limits as an attacker meets them, behind a proxy at 127.0.0.1 that the service trusts: there the
 * {@code X-Forwarded-For} header names the client, so each test can play as many clients as it needs.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
@TestProfile(LoginBehindAProxyTest.BehindAProxy.class)
class LoginBehindAProxyTest {

    public static class BehindAProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "registry.auth.trusted-proxies", "127.0.0.1, 10.0.0.0/8",
                    "registry.auth.login.address.max-failures", "10",
                    "registry.auth.login.account.max-failures", "3",
                    // long enough that a loaded machine cannot let the delay pass between two assertions
                    "registry.auth.login.account.first-delay", "4S",
                    "registry.auth.login.account.max-delay", "8S");
        }
    }

    @Test
    void aFloodOfMadeUpNamesFromOneAddressIsRefusedBeforeAnyLookup() {
        Account user = Api.newUser();
        for (int i = 0; i < 10; i++) {
            attempt(viaProxy("198.51.100.7"), Api.unique("nobody_"), "guess").then().statusCode(401);
        }
        try (SqlRecorder sql = SqlRecorder.start()) {
            for (int i = 0; i < 20; i++) {
                attempt(viaProxy("198.51.100.7"), Api.unique("nobody_"), "guess").then().statusCode(429)
                        .contentType("application/problem+json")
                        .header("Retry-After", h -> Integer.parseInt(h) > 0, equalTo(true));
            }
            // the address is refused whatever it names, a real account with its password included
            attempt(viaProxy("198.51.100.7"), user.username(), Api.PASSWORD).then().statusCode(429);
            assertEquals(List.of(), sql.statements(), "a refused address must cost no lookup and so no bcrypt");
            attempt(viaProxy("198.51.100.8"), user.username(), Api.PASSWORD).then().statusCode(200);
            assertFalse(sql.statements().isEmpty(), "the recorder sees the lookup of a login that is let through");
        }
        attempt(viaProxy("10.1.2.3, 198.51.100.9, 10.0.0.1"), user.username(), Api.PASSWORD).then().statusCode(200);
    }

    @Test
    void aForwardedForHeaderFromAPeerNotTrustedIsIgnored() {
        for (int i = 0; i < 10; i++) {
            attempt(Api.from("127.0.0.2").header("X-Forwarded-For", "203.0.113." + i), Api.unique("nobody_"), "guess")
                    .then().statusCode(401);
        }
        attempt(Api.from("127.0.0.2").header("X-Forwarded-For", "203.0.113.99"), Api.unique("nobody_"), "guess")
                .then().statusCode(429);
    }

    @Test
    void theRightMostAddressNotTrustedIsTheClientSoAPrependedOneCannotEscape() {
        for (int i = 0; i < 10; i++) {
            attempt(viaProxy("192.0.2." + i + ", 198.51.100.20"), Api.unique("nobody_"), "guess").then().statusCode(401);
        }
        attempt(viaProxy("192.0.2.99, 198.51.100.20"), Api.unique("nobody_"), "guess").then().statusCode(429);
    }

    @Test
    void anUnreadableForwardedForHeaderNeverAnswers500() {
        Account user = Api.newUser();
        for (String header : List.of("garbage", "", " , ,", "1.2.3.4.5", "999.1.1.1", "[2001:db8::1", "unknown",
                "example.com", "2001:db8::1, nonsense", "198.51.100.30:8080", "[2001:db8::7]:443", "x".repeat(4000))) {
            attempt(viaProxy(header), user.username(), Api.PASSWORD).then().statusCode(200);
        }
    }

    @Test
    void pastTheAccountCeilingEveryAddressWaitsAShortGrowingDelayNotALock() throws Exception {
        Account victim = Api.newUser();
        for (int i = 1; i <= 3; i++) {
            attempt(viaProxy("192.0.2." + (100 + i)), victim.username(), "guess " + i).then().statusCode(401);
        }
        attempt(viaProxy("192.0.2.104"), victim.username(), "guess 4").then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", h -> Integer.parseInt(h), both(greaterThan(0)).and(lessThanOrEqualTo(4)));
        String wait = attempt(viaProxy("192.0.2.200"), victim.username(), Api.PASSWORD).then().statusCode(429)
                .extract().header("Retry-After");
        // a delay, not a lock: once it has passed, the owner's right password works from any address
        Thread.sleep(Integer.parseInt(wait) * 1_000L + 100);
        attempt(viaProxy("192.0.2.200"), victim.username(), Api.PASSWORD).then().statusCode(200);
    }

    private static RequestSpecification viaProxy(String forwardedFor) {
        return given().header("X-Forwarded-For", forwardedFor);
    }

    private static Response attempt(RequestSpecification from, String username, String password) {
        return from.contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .when().post("/auth/token");
    }
}
