package com.modelregistry.common;

import static org.hamcrest.Matchers.equalTo;

import com.modelregistry.Api;
import com.modelregistry.Api.Account;
import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Typed query parameters: a value that does not convert to its type answers 400 naming the parameter (JAX-RS alone
 * would answer 404), an empty one too, and every problem of a request comes back in the same 400.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
class TypedQueryParametersTest {

    @Test
    void valuesThatAreNotOfTheirTypeAnswer400NamingTheParameterOnEveryList() {
        Account user = Api.newUser();
        List<String> lists = List.of("/models", "/users/" + user.id() + "/models");
        for (String list : lists) {
            for (String query : List.of("size=abc", "size=1e2", "page=0x10", "page=1.0", "size=99999999999")) {
                refused(user, list + "?" + query, query.substring(0, query.indexOf('=')));
            }
        }
        for (String query : List.of("minAccuracy=0x1p-2", "minAccuracy=abc", "ownerId=abc", "ownerId=1.5",
                "sort=newest", "sort=-CREATEDAT")) {
            refused(user, "/models?" + query, query.substring(0, query.indexOf('=')));
        }
        Api.asAdmin().when().get("/users?size=abc").then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", equalTo(List.of("size")));
        user.request().when().get("/users/{id}?expand=everything", user.id()).then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", equalTo(List.of("expand")));
    }

    @Test
    void emptyTypedValuesAnswer400NamingTheParameter() {
        Account user = Api.newUser();
        for (String name : List.of("size", "page", "minAccuracy", "ownerId", "sort")) {
            refused(user, "/models?" + name + "=", name);
        }
        user.request().when().get("/users/{id}?expand=", user.id()).then().statusCode(400)
                .body("violations.field", equalTo(List.of("expand")));
    }

    @Test
    void anEmptyAfterStartsFromTheFirstSlice() {
        Account user = Api.newUser();
        long model = Api.createModel(user, "m", "sklearn", 0.5);
        user.request().when().get("/users/{id}/models?after=", user.id())
                .then().statusCode(200).body("items.id", equalTo(List.of((int) model)));
    }

    @Test
    void everyProblemOfARequestComesBackInOne400() {
        Account user = Api.newUser();
        user.request().when().get("/models?size=abc&page=-1&minAccuracy=2&sort=x&ownerId=0&q=")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", equalTo(List.of("minAccuracy", "ownerId", "page", "size", "sort")));
        user.request().when().get("/models?page=abc&after=&size=0")
                .then().statusCode(400)
                .body("violations.field", equalTo(List.of("page", "size")));
    }

    @Test
    void validTypedValuesAreRead() {
        Account user = Api.newUser();
        long model = Api.createModel(user, "m", "sklearn", 0.75);
        user.request().when().get("/models?ownerId={id}&minAccuracy=7.5E-1&sort=accuracy&size=1&page=0", user.id())
                .then().statusCode(200)
                .body("items.id", equalTo(List.of((int) model)))
                .body("size", equalTo(1));
        user.request().when().get("/models?ownerId={id}&minAccuracy=0.76", user.id())
                .then().statusCode(200).body("items.size()", equalTo(0));
    }

    private static void refused(Account user, String target, String parameter) {
        user.request().urlEncodingEnabled(false).when().get(target)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", equalTo(List.of(parameter)));
    }
}
