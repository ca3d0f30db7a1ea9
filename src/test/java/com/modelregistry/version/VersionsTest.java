package com.modelregistry.version;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.modelregistry.Api;
import com.modelregistry.Api.Account;
import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
class VersionsTest {

    @Test
    void recordingAVersionAnswersCreatedWithItsLocationAndTag() {
        Account owner = Api.newUser();
        long model = Api.createModel(owner, "resnet", "pytorch", 0.9);
        Response created = owner.request().contentType(ContentType.JSON)
                .body(Map.of("artifactUri", "s3://models/resnet/1/model.pt", "description", "first run",
                        "metrics", Map.of("accuracy", 0.93, "f1", 0.91)))
                .when().post("/models/{id}/versions", model);

        created.then().statusCode(201)
                .header("Location", endsWith("/models/" + model + "/versions/1"))
                .header("ETag", notNullValue())
                .body("modelId", equalTo((int) model))
                .body("version", equalTo(1))
                .body("artifactUri", equalTo("s3://models/resnet/1/model.pt"))
                .body("description", equalTo("first run"))
                .body("metrics.f1", equalTo(0.91f))
                .body("status", equalTo("ready"))
                .body("aliases", equalTo(List.of("latest")))
                .body("createdBy", equalTo((int) owner.id()));

        Api.newUser().request().when().get("/models/{id}/versions/1", model)
                .then().statusCode(200)
                .header("ETag", equalTo(created.header("ETag")))
                .body("metrics.accuracy", equalTo(0.93f))
                .body("createdAt", equalTo(created.jsonPath().getString("createdAt")));
    }

    @Test
    void numbersAreNeverGivenTwiceEvenAfterADelete() {
        Account owner = Api.newUser();
        long model = Api.createModel(owner, "numbered", "sklearn", null);
        assertEquals(1, Api.createVersion(owner, model, "gs://bucket/a"));
        assertEquals(2, Api.createVersion(owner, model, "gs://bucket/b"));
        owner.request().when().delete("/models/{id}/versions/2", model).then().statusCode(204);
        assertEquals(3, Api.createVersion(owner, model, "gs://bucket/c"));
    }

    @Test
    void twentyConcurrentCreatesGetTwentyNumbersWithoutGaps() throws Exception {
        Account owner = Api.newUser();
        long model = Api.createModel(owner, "raced", "pytorch", null);
        List<Integer> numbers = Collections.synchronizedList(new ArrayList<>());
        List<Callable<Integer>> creates = IntStream.range(0, 20).<Callable<Integer>>mapToObj(i -> () -> {
            Response response = owner.request().contentType(ContentType.JSON)
                    .body(Map.of("artifactUri", "s3://bucket/raced/" + i))
                    .when().post("/models/{id}/versions", model);
            if (response.statusCode() == 201) {
                numbers.add(response.jsonPath().getInt("version"));
            }
            return response.statusCode();
        }).toList();

        List<Integer> statuses = Api.atOnce(creates);

        assertEquals(Collections.nCopies(20, 201), statuses);
        assertEquals(IntStream.rangeClosed(1, 20).boxed().toList(), numbers.stream().sorted().toList());
        // creation order: each version's number follows the creation times of the others
        List<String> byNumber = IntStream.rangeClosed(1, 20).mapToObj(n -> owner.request()
                .when().get("/models/{id}/versions/{n}", model, n).jsonPath().getString("createdAt")).toList();
        assertEquals(byNumber.stream().sorted().toList(), byNumber);
    }

    @Test
    void aStrangerMayReadButNotRecord() {
        Account owner = Api.newUser();
        long model = Api.createModel(owner, "guarded", "pytorch", null);
        Account stranger = Api.newUser();
        stranger.request().contentType(ContentType.JSON).body(Map.of("artifactUri", "s3://x/y"))
                .when().post("/models/{id}/versions", model)
                .then().statusCode(403);
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("artifactUri", "s3://x/y"))
                .when().post("/models/{id}/versions", model)
                .then().statusCode(201).body("createdBy", equalTo((int) Api.admin().id()));
    }

    @Test
    void anArtifactUriNeedsAnAllowedSchemeAndNoPassword() {
        Account owner = Api.newUser();
        long model = Api.createModel(owner, "artifacts", "pytorch", null);
        for (String uri : List.of("file:///etc/passwd", "relative/path", "https:opaque", "ftp://host/x",
                "https://user:secret@host/x", "s3://bucket/" + "a".repeat(2040), "s3://bad host/x", "")) {
            owner.request().contentType(ContentType.JSON).body(Map.of("artifactUri", uri))
                    .when().post("/models/{id}/versions", model)
                    .then().statusCode(400).body("violations.field", hasItem("artifactUri"));
        }
        for (String uri : List.of("S3://bucket/key", "hdfs:///data/model", "abfss://c@acct.dfs.core.windows.net/m",
                "wasbs://c@acct.blob.core.windows.net/m", "https://example.com/m.onnx")) {
            owner.request().contentType(ContentType.JSON).body(Map.of("artifactUri", uri))
                    .when().post("/models/{id}/versions", model)
                    .then().statusCode(201).body("artifactUri", equalTo(uri));
        }
    }

    @Test
    void metricsAreUpToFiftyNamedFiniteNumbers() {
        Account owner = Api.newUser();
        long model = Api.createModel(owner, "metrics", "pytorch", null);
        Map<String, Double> fifty = new java.util.TreeMap<>();
        IntStream.range(0, 50).forEach(i -> fifty.put("m" + i, i / 100.0));
        owner.request().contentType(ContentType.JSON).body(Map.of("artifactUri", "s3://b/k", "metrics", fifty))
                .when().post("/models/{id}/versions", model).then().statusCode(201);
        Map<String, Double> fiftyOne = new java.util.TreeMap<>(fifty);
        fiftyOne.put("one-more", 1.0);
        for (String metrics : List.of(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(fiftyOne).toString(),
                "{\"bad name\": 1}", "{\"big\": 1e400}", "{\"text\": \"0.5\"}", "{\"none\": null}",
                "{\"" + "x".repeat(65) + "\": 1}", "[1, 2]")) {
            owner.request().contentType(ContentType.JSON)
                    .body("{\"artifactUri\": \"s3://b/k\", \"metrics\": " + metrics + "}")
                    .when().post("/models/{id}/versions", model)
                    .then().statusCode(400);
        }
    }

    @Test
    void aMissingModelOrVersionIsNotFound() {
        Account reader = Api.newUser();
        long model = Api.createModel(reader, "lonely", "pytorch", null);
        reader.request().when().get("/models/{id}/versions/1", model).then().statusCode(404);
        reader.request().when().get("/models/{id}/versions/1", Long.MAX_VALUE).then().statusCode(404);
        reader.request().contentType(ContentType.JSON).body(Map.of("artifactUri", "s3://x/y"))
                .when().post("/models/{id}/versions", Long.MAX_VALUE).then().statusCode(404);
    }
}
