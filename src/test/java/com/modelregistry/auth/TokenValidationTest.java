package com.modelregistry.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import com.modelregistry.Api.Account;
import com.modelregistry.Api;
import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.PostgresResource;
import com.modelregistry.testdb.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Only tokens the service signed, unaltered, unexpired and for a current user, are accepted. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
class TokenValidationTest {

    private static void refused(String description, String authorization) {
        var request = given();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        request.when().get("/models")
                .then().statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json")
                .body("status", equalTo(401));
    }

    @Test
    void aTokenMadeLikeTheServiceMakesThemIsAccepted() {
        Account user = Api.newUser();
        String token = Tokens.signedByService(Tokens.claimsFor(user.id(), user.username(), "user"));
        given().header("Authorization", "Bearer " + token).when().get("/models").then().statusCode(200);
    }

    @Test
    void everyOtherTokenIsRefused() {
        Account user = Api.newUser();
        String good = Tokens.signedByService(Tokens.claimsFor(user.id(), user.username(), "user"));

        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("no token", null);
        bad.put("empty bearer", "Bearer ");
        bad.put("not a JWT", "Bearer not-a-token");
        bad.put("another scheme", "Basic " + Base64.getEncoder().encodeToString("a:b".getBytes()));
        bad.put("tampered subject", "Bearer " + Tokens.tampered(good, "\"sub\":\"" + user.id() + "\"", "\"sub\":\"1\""));
        bad.put("tampered groups", "Bearer " + Tokens.tampered(good, "\"user\"]", "\"admin\"]"));
        bad.put("alg none", "Bearer " + Tokens.unsigned(good));
        bad.put("foreign key", "Bearer " + Tokens.signedByStranger(Tokens.claimsFor(user.id(), user.username(), "user")));
        bad.put("expired", "Bearer " + Tokens.signedByService(Tokens.claimsFor(user.id(), user.username(), "user")
                .issuedAt(System.currentTimeMillis() / 1000 - 7200).expiresAt(System.currentTimeMillis() / 1000 - 3600)));
        bad.put("other issuer", "Bearer " + Tokens.signedByService(
                Tokens.claimsFor(user.id(), user.username(), "user").issuer("someone-else")));
        bad.put("no token version", "Bearer " + Tokens.signedByService(
                Tokens.claimsFor(user.id(), user.username(), "user").remove("tver")));
        bad.put("stale token version", "Bearer " + Tokens.signedByService(
                Tokens.claimsFor(user.id(), user.username(), "user").claim("tver", 7)));
        bad.put("unknown user", "Bearer " + Tokens.signedByService(Tokens.claimsFor(987654321L, "ghost", "user")));
        bad.put("subject not an id", "Bearer " + Tokens.signedByService(
                Tokens.claimsFor(user.id(), user.username(), "user").subject("abc")));
        bad.forEach(TokenValidationTest::refused);
    }

    @Test
    void publicEndpointsIgnoreTokens() {
        given().header("Authorization", "Bearer not-a-token").when().get("/q/openapi").then().statusCode(200);
        given().header("Authorization", "Bearer not-a-token").when().get("/q/swagger-ui/").then().statusCode(200);
    }
}
