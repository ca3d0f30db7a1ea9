package com.modelregistry.common;

import com.modelregistry.common.paging.KeysetPage;
import com.modelregistry.common.paging.Page;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The API description says how to log in and which operations need a token. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
class OpenApiTest {

    private static JsonPath document() {
        return given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void declaresTheBearerSchemeAndTheOAuth2PasswordFlow() {
        JsonPath openApi = document();
        org.junit.jupiter.api.Assertions.assertEquals("http", openApi.getString("components.securitySchemes.bearer.type"));
        org.junit.jupiter.api.Assertions.assertEquals("bearer", openApi.getString("components.securitySchemes.bearer.scheme"));
        org.junit.jupiter.api.Assertions.assertEquals("/auth/token",
                openApi.getString("components.securitySchemes.oauth2.flows.password.tokenUrl"));
    }

    @Test
    void protectedOperationsNeedATokenAndPublicOnesDoNot() {
        JsonPath openApi = document();
        List<Map<String, Object>> either = List.of(Map.of("bearer", List.of()), Map.of("oauth2", List.of()));
        for (String operation : List.of("'/models'.get", "'/models/{id}'.get", "'/models/{id}'.patch",
                "'/models/{id}'.delete", "'/users'.get", "'/users/me'.get", "'/users/{id}'.get", "'/users/{id}'.patch",
                "'/users/{id}'.delete", "'/users/{userId}/models'.post", "'/users/{userId}/models'.get")) {
            org.junit.jupiter.api.Assertions.assertEquals(either, openApi.getList("paths." + operation + ".security"),
                    operation);
        }
        for (String operation : List.of("'/users'.post", "'/auth/token'.post")) {
            org.junit.jupiter.api.Assertions.assertNull(openApi.get("paths." + operation + ".security"), operation);
        }
    }

    @Test
    void listsOfferCursorsAndDescribeBothShapesOfAnswer() {
        JsonPath openApi = document();
        for (String list : List.of("'/models'", "'/users'", "'/users/{userId}/models'")) {
            List<String> parameters = openApi.getList("paths." + list + ".get.parameters.name");
            org.junit.jupiter.api.Assertions.assertTrue(parameters.containsAll(List.of("page", "size", "after")),
                    list + " " + parameters);
            String answer = openApi.getString("paths." + list + ".get.responses.'200'.content.'application/json'.schema.'$ref'");
            String name = answer.substring(answer.lastIndexOf('/') + 1);
            List<String> shapes = openApi.getList("components.schemas." + name + ".oneOf.'$ref'");
            org.junit.jupiter.api.Assertions.assertEquals(2, shapes.size(), list + " " + shapes);
            org.junit.jupiter.api.Assertions.assertTrue(shapes.stream().anyMatch(shape -> shape.endsWith("KeysetPage"))
                    && shapes.stream().anyMatch(shape -> shape.endsWith("ViewPage")), list + " " + shapes);
        }
    }
}
