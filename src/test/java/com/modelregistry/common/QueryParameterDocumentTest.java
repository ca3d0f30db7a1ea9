package com.modelregistry.common;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The API document declares each query parameter with its type and range, as the code reads it. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
class QueryParameterDocumentTest {

    private static Map<String, Object> schemaOf(String path, String parameter) {
        JsonPath document = given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> parameters = document.getList("paths.'" + path + "'.get.parameters");
        return parameters.stream().filter(p -> parameter.equals(p.get("name")) && "query".equals(p.get("in")))
                .findFirst().map(QueryParameterDocumentTest::schema)
                .orElseThrow(() -> new AssertionError(path + " declares no query parameter " + parameter));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> schema(Map<String, Object> parameter) {
        return (Map<String, Object>) parameter.get("schema");
    }

    @Test
    void pagingParametersAreIntegersWithTheirRangesOnEveryList() {
        for (String list : List.of("/models", "/users", "/users/{userId}/models")) {
            Map<String, Object> page = schemaOf(list, "page");
            assertEquals("integer", page.get("type"), list);
            assertEquals(0, page.get("minimum"), list);
            assertEquals(21474836, page.get("maximum"), list);
            Map<String, Object> size = schemaOf(list, "size");
            assertEquals("integer", size.get("type"), list);
            assertEquals(1, size.get("minimum"), list);
            assertEquals(100, size.get("maximum"), list);
            assertEquals(20, size.get("default"), list + " " + size);
            assertEquals("string", schemaOf(list, "after").get("type"), list);
        }
    }

    @Test
    void modelFiltersAreTypedWithTheirRanges() {
        Map<String, Object> minAccuracy = schemaOf("/models", "minAccuracy");
        assertEquals("number", minAccuracy.get("type"));
        assertEquals(0, minAccuracy.get("minimum"));
        assertEquals(1, minAccuracy.get("maximum"));
        Map<String, Object> ownerId = schemaOf("/models", "ownerId");
        assertEquals("integer", ownerId.get("type"));
        assertEquals(1, ownerId.get("minimum"));
        Map<String, Object> sort = schemaOf("/models", "sort");
        assertEquals(List.of("-createdAt", "createdAt", "-accuracy", "accuracy", "-name", "name"), sort.get("enum"));
        assertEquals("-createdAt", sort.get("default"));
        assertEquals(255, schemaOf("/models", "q").get("maxLength"));
        assertEquals(50, schemaOf("/models", "framework").get("maxLength"));
    }

    @Test
    void expandIsAnEnumOfModels() {
        assertEquals(List.of("models"), schemaOf("/users/{id}", "expand").get("enum"));
    }
}
