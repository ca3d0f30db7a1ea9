package com.modelregistry.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.modelregistry.Api;
import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Health and Prometheus metrics, as an orchestrator and a monitoring system read them. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
class OperationsEndpointsTest {

    @Test
    void healthSaysUpAndReadinessChecksTheDatabase() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(
                        containsString("PostgreSQL"))));
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", org.hamcrest.Matchers.hasItem(containsString("PostgreSQL")));
        given().when().get("/q/health/started").then().statusCode(200);
    }

    @Test
    void metricsCoverRequestsPerRouteThePoolAndMemory() {
        Api.asAdmin().when().get("/models").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/models\"}"))
                .body(containsString("sql_pool_active{"))
                .body(containsString("sql_pool_queue_size{"))
                .body(containsString("jvm_memory_used_bytes{area=\"heap\""));
    }
}
