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

/** The query string is split on & only, as the URL standard says: a ; belongs to the value it stands in. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
class QuerySeparatorTest {

    @Test
    void aSemicolonInSortIsPartOfTheValueAndRefused() {
        Api.newUser().request().urlEncodingEnabled(false).when().get("/models?sort=name;x")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", equalTo(List.of("sort")));
    }

    @Test
    void aSemicolonInQIsSearchedFor() {
        Account owner = Api.newUser();
        long both = Api.createModel(owner, "a;b", "sklearn", 0.5);
        Api.createModel(owner, "a", "sklearn", 0.5);
        owner.request().urlEncodingEnabled(false).when().get("/models?ownerId=" + owner.id() + "&q=a;b")
                .then().statusCode(200)
                .body("items.id", equalTo(List.of((int) both)));
    }

    @Test
    void aSemicolonDoesNotStartAnotherParameter() {
        Account owner = Api.newUser();
        Api.createModel(owner, "a", "sklearn", 0.5);
        // one q of "a;ownerId=..." (no model has that name), not q=a plus an owner filter that finds model a
        owner.request().urlEncodingEnabled(false).when().get("/models?q=a;ownerId=" + owner.id())
                .then().statusCode(200)
                .body("items.size()", equalTo(0));
        owner.request().urlEncodingEnabled(false).when().get("/models?size=1;size=2")
                .then().statusCode(400)
                .body("violations.field", equalTo(List.of("size")));
    }
}
