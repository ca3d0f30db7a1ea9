package com.modelregistry.common.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.modelregistry.Api;
import com.modelregistry.Api.Account;
import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

/**
 * Every statement a request runs finds its plan in Hibernate's plan cache after its first run. A native select that
 * misses each time (common/db/PlanPerCall) fills the cache and pushes the HQL plans out: both show here as misses
 * that keep growing. Hibernate's statistics are on in the test profile for this count.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
class PlanCacheTest {

    @Inject
    Mutiny.SessionFactory sessions;

    @Test
    void repeatedRequestsFindEveryPlanCached() {
        Statistics statistics = sessions.getStatistics();
        Account owner = Api.newUser();
        long model = Api.createModel(owner, "cached-plans", "sklearn", 0.9);

        requests(owner, model);
        Map<String, Long> before = misses(statistics);
        for (int round = 0; round < 5; round++) {
            requests(owner, model);
        }
        Map<String, Long> after = misses(statistics);

        // a statement first seen after the warm-up (another part of the service) may miss once, never again
        Map<String, Long> missedAgain = after.entrySet().stream()
                .filter(entry -> before.containsKey(entry.getKey())
                        ? entry.getValue() > before.get(entry.getKey()) : entry.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
        assertEquals(Map.of(), missedAgain, "statements whose plans missed the cache again");
    }

    /** The reads and writes of models, versions and aliases, the deployment lookup (S6) among them. */
    private static void requests(Account owner, long model) {
        Api.createVersion(owner, model, "s3://models/cached-plans/" + System.nanoTime());
        owner.request().contentType(ContentType.JSON).body(Map.of("version", 1))
                .when().put("/models/{id}/aliases/production", model).then().statusCode(200);
        owner.request().when().get("/models/{id}/aliases/production", model).then().statusCode(200);
        owner.request().when().get("/models/{id}/aliases/latest", model).then().statusCode(200);
        owner.request().queryParam("expand", "versions").when().get("/models/{id}", model).then().statusCode(200);
        owner.request().when().get("/models/{id}", model).then().statusCode(200);
        owner.request().when().get("/models").then().statusCode(200);
        owner.request().queryParam("framework", "sklearn").when().get("/models").then().statusCode(200);
        owner.request().queryParam("tag", "team:vision").when().get("/models").then().statusCode(200);
    }

    private static Map<String, Long> misses(Statistics statistics) {
        return Arrays.stream(statistics.getQueries()).collect(Collectors.toMap(Function.identity(),
                query -> statistics.getQueryStatistics(query).getPlanCacheMissCount()));
    }
}
