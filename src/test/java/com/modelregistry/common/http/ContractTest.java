package com.modelregistry.common.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelregistry.Api;
import com.modelregistry.Api.Account;
import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The API answers only what its OpenAPI document declares, and the document declares every answer a client gets. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
class ContractTest {

    @TestHTTPResource("/")
    URL service;

    private static OpenApiContract contract() {
        return new OpenApiContract(given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().asString());
    }

    @Test
    void aSessionOfEveryOperationGetsOnlyDeclaredAnswers() throws Exception {
        OpenApiContract contract = contract();
        new ContractSession(contract, service.getPort()).run();
        assertTrue(contract.failures().isEmpty(),
                "answers the document does not declare:\n" + String.join("\n", contract.failures()));
        Set<String> missed = new TreeSet<>(contract.operations());
        missed.removeAll(contract.exercised());
        assertEquals(Set.of(), missed, "operations of the document the session never called");
    }

    @Test
    void aPageIsNotASliceAndASliceIsNotAPage() {
        OpenApiContract contract = contract();
        Account user = Api.newUser();
        Api.createModel(user, "first", "sklearn", null);
        String page = user.request().get("/users/{id}/models", user.id()).then().statusCode(200).extract().asString();
        String slice = user.request().queryParam("after", "").get("/users/{id}/models", user.id())
                .then().statusCode(200).extract().asString();
        assertTrue(slice.contains("\"next\":null"), "the last slice must say next: null, not leave it out: " + slice);

        assertEquals(List.of(), contract.validate(contract.schema("ModelViewPage"), page), page);
        assertEquals(List.of(), contract.validate(contract.schema("ModelViewKeysetPage"), slice), slice);
        assertFalse(contract.validate(contract.schema("ModelViewKeysetPage"), page).isEmpty(), "a page passes as a slice");
        assertFalse(contract.validate(contract.schema("ModelViewPage"), slice).isEmpty(), "a slice passes as a page");
    }

    @Test
    void theCheckRefusesAnUndeclaredStatusMediaTypeOrBody() {
        OpenApiContract contract = contract();
        assertFalse(contract.check("GET", "/users/me", 418, "application/problem+json", name -> null,
                "{\"type\":\"about:blank\",\"title\":\"I'm a teapot\",\"status\":418,\"detail\":\"no\"}").isEmpty());
        assertFalse(contract.check("GET", "/users/me", 200, "text/html", name -> null, "<p>me</p>").isEmpty());
        assertFalse(contract.check("GET", "/users/me", 401, "application/problem+json", name -> "Bearer",
                "{\"status\":\"not a number\"}").isEmpty());
        assertFalse(contract.check("GET", "/nowhere", 200, "application/json", name -> null, "{}").isEmpty());
    }
}
