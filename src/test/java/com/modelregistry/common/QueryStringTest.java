package com.modelregistry.common;

import com.modelregistry.common.problem.Problem;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelregistry.Api.Account;
import com.modelregistry.Api;
import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.PostgresResource;
import com.modelregistry.testdb.RawHttp;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Query strings as the API reads them: numbers in JSON's syntax only, and a malformed one refused as problem+json. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
class QueryStringTest {

    @Test
    void numbersInQueryParametersAreJsonNumbersOnly() {
        Account user = Api.newUser();
        Map<String, List<String>> notJsonNumbers = Map.of(
                "minAccuracy", List.of("0x1p-3", "0.5d", " 0.5", "+0.5", ".5", "0.5f", "Infinity"),
                "ownerId", List.of("+5", "05", "0x5", " 5", "5L"),
                "page", List.of("+1", " 1", "01", "1 "),
                "size", List.of("+10", "0x10", "1e1", "10.0"));
        notJsonNumbers.forEach((name, values) -> values.forEach(value -> user.request().queryParam(name, value)
                .when().get("/models")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", equalTo(List.of(name)))));
        user.request().queryParam("minAccuracy", "5E-1").queryParam("page", 0).queryParam("size", 10)
                .when().get("/models").then().statusCode(200);
    }

    @Test
    void aMalformedQueryStringIsRefusedWithAProblem() throws Exception {
        Account user = Api.newUser();
        long model = Api.createModel(user, "m", "sklearn", 0.5);
        String auth = "Authorization: Bearer " + user.token() + "\r\n";
        List<String> requests = List.of(
                "GET /users/me?x=%zz HTTP/1.1\r\n" + auth,
                "GET /models/" + model + "?x=% HTTP/1.1\r\n" + auth,
                "GET /models?q=a\\b HTTP/1.1\r\n" + auth,
                "GET /models?q=a|b HTTP/1.1\r\n" + auth,
                "GET /models/%zz HTTP/1.1\r\n" + auth,
                "POST /users?x=%zz HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\n");
        for (String request : requests) {
            String body = request.startsWith("POST") ? "{}" : "";
            RawHttp.Answer answer = RawHttp.send(RestAssured.port,
                    request + "Host: localhost\r\nConnection: close\r\n\r\n" + body);
            assertEquals(400, answer.status(), request);
            assertEquals(Problem.MEDIA_TYPE, answer.headers().get("content-type"), request);
            assertTrue(answer.body().contains("\"status\":400"), answer.body());
        }
    }
}
