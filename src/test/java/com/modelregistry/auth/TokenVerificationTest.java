package com.modelregistry.auth;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.modelregistry.Api.Account;
import com.modelregistry.Api;
import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.PostgresResource;
import com.modelregistry.testdb.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With the verified-token cache on (the default): a token sent again is not verified again, but a token that fails
 * verification is refused every time it is sent, and a remembered token is still refused once it is revoked.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
class TokenVerificationTest {

    private static final int USES = 3;

    @Inject
    TokenVerification verification;

    private static int status(String token) {
        return given().header("Authorization", "Bearer " + token).when().get("/users/me").then().extract().statusCode();
    }

    @Test
    void aTokenSentAgainIsNotVerifiedAgain() {
        Account user = Api.newUser();
        double remembered = verification.rememberedCount();
        double verified = verification.verifiedCount();

        for (int i = 0; i < USES; i++) {
            assertEquals(200, status(user.token()));
        }

        assertEquals(USES - 1, verification.rememberedCount() - remembered, "uses answered from memory");
        assertEquals(1, verification.verifiedCount() - verified, "verifications");
        assertNotNull(verification.verified().cache().getIfPresent(user.token()));
    }

    @Test
    void aTokenThatFailsVerificationIsRefusedOnItsFirstUseAndEveryLaterOne() {
        Account user = Api.newUser();
        String good = user.token();
        assertEquals(200, status(good));
        long now = System.currentTimeMillis() / 1000;

        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("tampered subject, from a remembered token",
                Tokens.tampered(good, "\"sub\":\"" + user.id() + "\"", "\"sub\":\"1\""));
        bad.put("tampered groups, from a remembered token", Tokens.tampered(good, "\"user\"]", "\"admin\"]"));
        bad.put("signed with a foreign key",
                Tokens.signedByStranger(Tokens.claimsFor(user.id(), user.username(), "user")));
        bad.put("expired", Tokens.signedByService(Tokens.claimsFor(user.id(), user.username(), "user")
                .issuedAt(now - 7200).expiresAt(now - 3600)));
        bad.put("alg none", Tokens.unsigned(good));

        double remembered = verification.rememberedCount();
        double verified = verification.verifiedCount();
        bad.forEach((kind, token) -> {
            for (int use = 1; use <= USES; use++) {
                assertEquals(401, status(token), kind + ", use " + use);
            }
            assertNull(verification.verified().cache().getIfPresent(token), kind + " was remembered");
        });
        // refusals move neither count: what strangers send cannot steer the metrics
        assertEquals(remembered, verification.rememberedCount());
        assertEquals(verified, verification.verifiedCount());
        assertEquals(200, status(good));
    }

    @Test
    void aRememberedTokenIsRefusedOnceRevokedOnEveryLaterUse() {
        Account user = Api.newUser();
        assertEquals(200, status(user.token()));
        assertEquals(200, status(user.token()));

        user.request().contentType(ContentType.JSON).body(Map.of("password", "a brand new password"))
                .when().patch("/users/{id}", user.id()).then().statusCode(200);

        for (int use = 1; use <= USES; use++) {
            assertEquals(401, status(user.token()), "use " + use + " after the password change");
        }
        // still remembered as verified: the refusal came from the revocation check that runs on every request
        assertNotNull(verification.verified().cache().getIfPresent(user.token()));
    }
}
