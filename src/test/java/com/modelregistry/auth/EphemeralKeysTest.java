package com.modelregistry.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelregistry.Api.Account;
import com.modelregistry.Api;
import com.modelregistry.testdb.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Without configured keys, test (and dev) mode signs with a pair generated for the run, and login works. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
class EphemeralKeysTest {

    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    String publicKey;

    @Test
    void loginWorksWithAGeneratedKeyPair() {
        assertTrue(publicKey.contains("model-registry-public"), publicKey);
        Account user = Api.newUser();
        given().header("Authorization", "Bearer " + user.token()).when().get("/users/me")
                .then().statusCode(200).body("id", equalTo((int) user.id()));
    }
}
