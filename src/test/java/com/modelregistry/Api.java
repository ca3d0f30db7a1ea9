package com.modelregistry;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Arranges test data through the public API, each call with names no other test uses. */
public final class Api {

    public static final String PASSWORD = "correct horse battery";

    private Api() {
    }

    public static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    public static long createUser() {
        String name = unique("user_");
        return createUser(name + "@example.com", name);
    }

    public static long createUser(String email, String username) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "username", username, "password", PASSWORD))
                .when().post("/users")
                .then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    public static long createModel(long ownerId, String name, String framework, Double accuracy) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("framework", framework);
        body.put("accuracy", accuracy);
        return given().contentType(ContentType.JSON)
                .body(body)
                .when().post("/users/{id}/models", ownerId)
                .then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }
}
