package com.modelregistry.mlmodel;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelregistry.Api.Account;
import com.modelregistry.Api;
import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a model's values may be, beyond their shape: visible text, one zero, well-formed bytes. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
class ModelValuesTest {

    /** Spaces that are not ASCII, and characters that show nothing at all. */
    private static final List<String> BLANK = List.of("\u3000", "\u00a0", " \u2003\t", "\u200b", "\ufeff\u2028");

    @Test
    void aNameOrFrameworkOfOnlyInvisibleCharactersIsBlank() {
        Account owner = Api.newUser();
        long id = Api.createModel(owner, "visible", "sklearn", 0.5);
        for (String blank : BLANK) {
            for (String field : List.of("name", "framework")) {
                Map<String, Object> model = new HashMap<>(Map.of("name", "n", "framework", "f"));
                model.put(field, blank);
                owner.request().contentType(ContentType.JSON).body(model)
                        .when().post("/users/{id}/models", owner.id())
                        .then().statusCode(400).body("violations.field", equalTo(List.of(field)));
                owner.request().contentType(ContentType.JSON).body(Map.of(field, blank))
                        .when().patch("/models/{id}", id)
                        .then().statusCode(400).body("violations.field", equalTo(List.of(field)));
            }
        }
        owner.request().when().get("/users/{id}/models", owner.id()).then().body("total", equalTo(1));
        owner.request().when().get("/models/{id}", id).then().body("name", equalTo("visible"));
    }

    @Test
    void negativeZeroAccuracyIsStoredAsZero() {
        Account owner = Api.newUser();
        String created = owner.request().contentType(ContentType.JSON)
                .body("{\"name\": \"zero\", \"framework\": \"sklearn\", \"accuracy\": -0.0}")
                .when().post("/users/{id}/models", owner.id())
                .then().statusCode(201).extract().asString();
        long id = Long.parseLong(created.replaceAll(".*\"id\":(\\d+).*", "$1"));
        owner.request().contentType(ContentType.JSON).body("{\"accuracy\": 0.5}").when().patch("/models/{id}", id);
        owner.request().contentType(ContentType.JSON).body("{\"accuracy\": -0.0}")
                .when().patch("/models/{id}", id).then().statusCode(200);
        for (String answer : List.of(created, owner.request().when().get("/models/{id}", id).asString())) {
            assertTrue(answer.contains("\"accuracy\":0.0"), answer);
        }
    }

    @Test
    void anOverlongUtf8SequenceIsMalformedAndStoresNothing() {
        Account owner = Api.newUser();
        // 0xC0 0xAF is "/" spelled in two bytes, which UTF-8 forbids; 0xE0 0x80 0xAF the same in three
        for (byte[] overlong : List.of(new byte[] {(byte) 0xc0, (byte) 0xaf},
                new byte[] {(byte) 0xe0, (byte) 0x80, (byte) 0xaf}, new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80})) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes("{\"name\": \"a".getBytes(StandardCharsets.UTF_8));
            body.writeBytes(overlong);
            body.writeBytes("b\", \"framework\": \"sklearn\"}".getBytes(StandardCharsets.UTF_8));
            owner.request().contentType(ContentType.JSON).body(body.toByteArray())
                    .when().post("/users/{id}/models", owner.id())
                    .then().statusCode(400).contentType("application/problem+json")
                    .body(not(containsString("a/b")));
        }
        owner.request().when().get("/users/{id}/models", owner.id()).then().body("total", equalTo(0));
    }
}
