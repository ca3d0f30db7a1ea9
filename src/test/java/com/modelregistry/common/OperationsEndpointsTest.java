package com.modelregistry.common;

import com.modelregistry.common.http.AllowedMethods;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.modelregistry.Api;
import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Health and Prometheus metrics, as an orchestrator and a monitoring system read them: on the management port, never
 * on the public one.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
class OperationsEndpointsTest {

    @Inject
    AllowedMethods routes;

    @Test
    void healthSaysUpAndReadinessChecksTheDatabase() {
        management().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", not(hasItem(containsString("PostgreSQL"))));
        management().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("PostgreSQL")));
        management().when().get("/q/health/started").then().statusCode(200);
    }

    @Test
    void metricsCoverRequestsPerRouteThePoolAndMemory() {
        Api.asAdmin().when().get("/models").then().statusCode(200);
        metrics().then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/models\"}"))
                .body(containsString("sql_pool_active{"))
                .body(containsString("sql_pool_queue_size{"))
                .body(containsString("jvm_memory_used_bytes{area=\"heap\""));
    }

    /** Issue 12: metrics told anyone the JVM build and pool state, and let anyone fill them with series. */
    @Test
    void metricsAreNotServedOnThePublicPort() {
        given().when().get("/q/metrics").then().statusCode(404);
    }

    /**
     * Issue 12: a 405 was recorded under its raw path, so 100 of them used up Micrometer's URI values and every later
     * new series was dropped. It is recorded under a fixed value, as is a method no route knows.
     */
    @Test
    void aRequestThatMatchesNoRouteIsNotRecordedUnderItsRawPathOrMethod() {
        given().when().put("/users/77777").then().statusCode(405);
        given().when().request("FROB", "/models/77778").then().statusCode(405);
        metrics().then().statusCode(200)
                .body(not(containsString("uri=\"/users/77777\"")))
                .body(not(containsString("uri=\"/models/77778\"")))
                .body(not(containsString("method=\"FROB\"")))
                .body(containsString("method=\"PUT\",outcome=\"CLIENT_ERROR\",status=\"405\",uri=\"UNKNOWN\"}"));
    }

    /** Every route of the API is one the metrics keep by name (and OPTIONS knows); any other is recorded as UNKNOWN. */
    @Test
    void everyRouteOfTheApiIsKeptByNameInTheMetrics() {
        Map<String, Object> paths = given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().jsonPath().getMap("paths");
        assertEquals(new TreeSet<>(paths.keySet()), new TreeSet<>(routes.templates()));
    }

    private static RequestSpecification management() {
        return given().baseUri(PostgresResource.managementUri());
    }

    private static Response metrics() {
        return management().when().get("/q/metrics");
    }
}
