package com.modelregistry.auth;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.modelregistry.Api.Account;
import com.modelregistry.Api;
import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.PostgresResource;
import com.modelregistry.testdb.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code registry.auth.token-cache.enabled=false}: every request's token is verified, and none is remembered. */
@QuarkusTest
@TestProfile(TokenCacheOffTest.CacheOff.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
class TokenCacheOffTest {

    public static class CacheOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("registry.auth.token-cache.enabled", "false");
        }
    }

    @Inject
    TokenVerification verification;

    private static int status(String token) {
        return given().header("Authorization", "Bearer " + token).when().get("/users/me").then().extract().statusCode();
    }

    @Test
    void tokensAreVerifiedEachTimeAndNoneIsRemembered() {
        Account user = Api.newUser();
        String tampered = Tokens.tampered(user.token(), "\"user\"]", "\"admin\"]");
        for (int use = 0; use < 3; use++) {
            assertEquals(200, status(user.token()));
            assertEquals(401, status(tampered));
        }
        assertNull(verification.verified());
        assertEquals(0, verification.rememberedCount());
        assertEquals(0, verification.verifiedCount());
    }
}
