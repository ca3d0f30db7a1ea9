package com.modelregistry.version;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelregistry.Api;
import com.modelregistry.Api.Account;
import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
class AliasesTest {

    @Test
    void pointingAnAliasAnswersTheVersionAndAnyReaderResolvesIt() {
        Account owner = Api.newUser();
        long model = Api.createModel(owner, "aliased", "pytorch", null);
        Api.createVersion(owner, model, "s3://models/aliased/1");
        Api.createVersion(owner, model, "s3://models/aliased/2");

        point(owner, model, "production", 1).then().statusCode(200)
                .body("modelId", equalTo((int) model))
                .body("version", equalTo(1))
                .body("artifactUri", equalTo("s3://models/aliased/1"))
                .body("aliases", equalTo(List.of("production")));

        String etag = owner.request().when().get("/models/{id}/versions/1", model).header("ETag");
        Api.newUser().request().when().get("/models/{id}/aliases/production", model)
                .then().statusCode(200)
                .header("ETag", equalTo(etag))
                .body("version", equalTo(1))
                .body("status", equalTo("ready"))
                .body("metrics", equalTo(Map.of()))
                .body("aliases", equalTo(List.of("production")));
        owner.request().when().get("/models/{id}/versions/1", model)
                .then().body("aliases", equalTo(List.of("production")));
    }

    @Test
    void movingAnAliasTakesItOffTheVersionItLeaves() {
        Account owner = Api.newUser();
        long model = Api.createModel(owner, "moved", "pytorch", null);
        Api.createVersion(owner, model, "s3://models/moved/1");
        Api.createVersion(owner, model, "s3://models/moved/2");
        point(owner, model, "production", 1).then().statusCode(200);
        point(owner, model, "staging", 1).then().statusCode(200)
                .body("aliases", equalTo(List.of("production", "staging")));

        point(owner, model, "production", 2).then().statusCode(200)
                .body("version", equalTo(2))
                .body("aliases", equalTo(List.of("latest", "production")));

        owner.request().when().get("/models/{id}/aliases/production", model)
                .then().statusCode(200).body("version", equalTo(2));
        owner.request().when().get("/models/{id}/versions/1", model)
                .then().body("aliases", equalTo(List.of("staging")));
        // pointing it where it already is changes nothing
        point(owner, model, "production", 2).then().statusCode(200).body("version", equalTo(2));
    }

    @Test
    void latestIsTheHighestNumberedReadyVersion() throws Exception {
        Account owner = Api.newUser();
        long model = Api.createModel(owner, "latest", "pytorch", null);
        owner.request().when().get("/models/{id}/aliases/latest", model)
                .then().statusCode(404).body("detail", containsString("ready version"));
        Api.createVersion(owner, model, "s3://models/latest/1");
        Api.createVersion(owner, model, "s3://models/latest/2");
        owner.request().when().get("/models/{id}/aliases/latest", model)
                .then().statusCode(200).body("version", equalTo(2)).body("aliases", equalTo(List.of("latest")));
        point(owner, model, "a-first", 2).then().statusCode(200);
        point(owner, model, "z_last", 2).then().statusCode(200);
        owner.request().when().get("/models/{id}/aliases/latest", model)
                .then().statusCode(200).body("aliases", equalTo(List.of("a-first", "latest", "z_last")));

        owner.request().when().delete("/models/{id}/aliases/a-first", model).then().statusCode(204);
        owner.request().when().delete("/models/{id}/aliases/z_last", model).then().statusCode(204);
        archive(model, 2);
        owner.request().when().get("/models/{id}/aliases/latest", model)
                .then().statusCode(200).body("version", equalTo(1)).body("aliases", equalTo(List.of("latest")));
    }

    @Test
    void latestIsReservedAndAliasNamesFollowTheRule() {
        Account owner = Api.newUser();
        long model = Api.createModel(owner, "named", "pytorch", null);
        Api.createVersion(owner, model, "s3://models/named/1");
        point(owner, model, "latest", 1).then().statusCode(400)
                .body("violations.field", equalTo(List.of("alias")))
                .body("violations.message", hasItem(containsString("reserved")));
        owner.request().when().delete("/models/{id}/aliases/latest", model).then().statusCode(400)
                .body("violations.field", equalTo(List.of("alias")));
        for (String bad : List.of("Production", "1st", "_x", "-x", "a b", "a.b", "ü", "a".repeat(64), "prod%00")) {
            point(owner, model, bad, 1).then().statusCode(400).body("violations.field", hasItem("alias"));
            owner.request().when().get("/models/{id}/aliases/" + bad, model)
                    .then().statusCode(400).body("violations.field", hasItem("alias"));
            owner.request().when().delete("/models/{id}/aliases/" + bad, model)
                    .then().statusCode(400).body("violations.field", hasItem("alias"));
        }
        for (String good : List.of("a", "prod-2", "canary_eu", "a" + "b".repeat(62))) {
            point(owner, model, good, 1).then().statusCode(200);
            owner.request().when().get("/models/{id}/aliases/" + good, model).then().statusCode(200);
        }
    }

    @Test
    void theVersionMustBeAPositiveWholeNumber() {
        Account owner = Api.newUser();
        long model = Api.createModel(owner, "targeted", "pytorch", null);
        Api.createVersion(owner, model, "s3://models/targeted/1");
        for (String body : List.of("{\"version\": 0}", "{\"version\": -1}", "{\"version\": \"1\"}",
                "{\"version\": 1.5}", "{\"version\": null}", "{}", "{\"version\": 1, \"model\": 2}",
                "{\"version\": 2147483648}", "{\"version\": 99999999999999999999999}")) {
            owner.request().contentType(ContentType.JSON).body(body)
                    .when().put("/models/{id}/aliases/production", model)
                    .then().statusCode(400).body("violations.field", hasItem(body.contains("model") ? "model" : "version"));
        }
        owner.request().contentType(ContentType.JSON).body("[1]")
                .when().put("/models/{id}/aliases/production", model).then().statusCode(400);
        owner.request().contentType(ContentType.JSON)
                .when().put("/models/{id}/aliases/production", model).then().statusCode(400);
        owner.request().when().get("/models/{id}/aliases/production", model).then().statusCode(404);
    }

    @Test
    void onlyTheOwnerOrAnAdminPointsAndRemovesAliases() {
        Account owner = Api.newUser();
        long model = Api.createModel(owner, "guarded", "pytorch", null);
        Api.createVersion(owner, model, "s3://models/guarded/1");
        Account stranger = Api.newUser();

        point(stranger, model, "production", 1).then().statusCode(403);
        point(stranger, model, "production", 99).then().statusCode(403);
        owner.request().when().get("/models/{id}/aliases/production", model).then().statusCode(404);

        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("version", 1))
                .when().put("/models/{id}/aliases/production", model).then().statusCode(200);
        stranger.request().when().delete("/models/{id}/aliases/production", model).then().statusCode(403);
        stranger.request().when().get("/models/{id}/aliases/production", model).then().statusCode(200);
        Api.asAdmin().when().delete("/models/{id}/aliases/production", model).then().statusCode(204);

        io.restassured.RestAssured.given().contentType(ContentType.JSON).body(Map.of("version", 1))
                .when().put("/models/{id}/aliases/production", model).then().statusCode(401);
        io.restassured.RestAssured.given().when().get("/models/{id}/aliases/production", model)
                .then().statusCode(401);
    }

    @Test
    void aMissingModelVersionOrAliasIsNotFoundAndSaysWhich() {
        Account owner = Api.newUser();
        long model = Api.createModel(owner, "sparse", "pytorch", null);
        Api.createVersion(owner, model, "s3://models/sparse/1");

        point(owner, model, "production", 2).then().statusCode(404).body("detail", containsString("version 2"));
        Api.asAdmin().contentType(ContentType.JSON).body(Map.of("version", 1))
                .when().put("/models/{id}/aliases/production", Long.MAX_VALUE)
                .then().statusCode(404).body("detail", equalTo("Model " + Long.MAX_VALUE + " does not exist"));
        owner.request().when().get("/models/{id}/aliases/production", model)
                .then().statusCode(404).body("detail", containsString("alias production"));
        owner.request().when().get("/models/{id}/aliases/production", Long.MAX_VALUE)
                .then().statusCode(404).body("detail", equalTo("Model " + Long.MAX_VALUE + " does not exist"));
        owner.request().when().get("/models/{id}/aliases/latest", Long.MAX_VALUE).then().statusCode(404);
        owner.request().when().delete("/models/{id}/aliases/production", model)
                .then().statusCode(404).body("detail", containsString("alias production"));
        Api.asAdmin().when().delete("/models/{id}/aliases/production", Long.MAX_VALUE).then().statusCode(404);

        point(owner, model, "production", 1).then().statusCode(200);
        owner.request().when().delete("/models/{id}/aliases/production", model).then().statusCode(204);
        owner.request().when().delete("/models/{id}/aliases/production", model).then().statusCode(404);
        owner.request().when().get("/models/{id}/aliases/production", model).then().statusCode(404);
        // the version stays: removing an alias removes only the name
        owner.request().when().get("/models/{id}/versions/1", model).then().statusCode(200);
    }

    @Test
    void anAliasNeverPointsAtAnArchivedVersion() throws Exception {
        Account owner = Api.newUser();
        long model = Api.createModel(owner, "archived", "pytorch", null);
        Api.createVersion(owner, model, "s3://models/archived/1");
        Api.createVersion(owner, model, "s3://models/archived/2");
        archive(model, 1);

        point(owner, model, "production", 1).then().statusCode(409)
                .body("violations.field", equalTo(List.of("version")))
                .body("detail", containsString("archived"));
        owner.request().when().get("/models/{id}/aliases/production", model).then().statusCode(404);

        point(owner, model, "production", 2).then().statusCode(200);
        point(owner, model, "production", 1).then().statusCode(409);
        owner.request().when().get("/models/{id}/aliases/production", model)
                .then().statusCode(200).body("version", equalTo(2));
        // and the database refuses archiving a version an alias points at
        SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                () -> archive(model, 2));
        assertEquals("23503", refused.getSQLState());
    }

    @Test
    void concurrentMovesOfOneAliasEndOnOneOfTheRequestedVersions() throws Exception {
        Account owner = Api.newUser();
        long model = Api.createModel(owner, "raced", "pytorch", null);
        int versions = 8;
        for (int i = 1; i <= versions; i++) {
            Api.createVersion(owner, model, "s3://models/raced/" + i);
        }
        List<Callable<Integer>> moves = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            IntStream.rangeClosed(1, versions).forEach(number -> moves.add(
                    () -> point(owner, model, "production", number).statusCode()));
        }

        List<Integer> statuses = Api.atOnce(moves);

        assertTrue(statuses.stream().allMatch(status -> status == 200 || status == 409), "statuses: " + statuses);
        assertTrue(statuses.contains(200), "statuses: " + statuses);
        int landed = owner.request().when().get("/models/{id}/aliases/production", model)
                .then().statusCode(200).extract().jsonPath().getInt("version");
        assertTrue(landed >= 1 && landed <= versions, "landed on " + landed);
        assertEquals(1, aliasRows(model), "one alias row");
    }

    /** Whichever of an archive and a PUT on one version comes first, the other fails: no alias on an archived one. */
    @Test
    void pointingAndArchivingOneVersionAtOnceLeaveNoAliasOnAnArchivedVersion() throws Exception {
        Account owner = Api.newUser();
        long model = Api.createModel(owner, "contested", "pytorch", null);
        int rounds = 6;
        for (int i = 1; i <= rounds; i++) {
            Api.createVersion(owner, model, "s3://models/contested/" + i);
        }
        for (int number = 1; number <= rounds; number++) {
            int version = number;
            List<Integer> statuses = Api.atOnce(List.of(
                    () -> point(owner, model, "production", version).statusCode(),
                    () -> {
                        try {
                            archive(model, version);
                            return 204;
                        } catch (SQLException refused) {
                            assertEquals("23503", refused.getSQLState(), refused.getMessage());
                            return 409;
                        }
                    }));
            assertTrue(Set.of(List.of(200, 409), List.of(409, 204)).contains(statuses),
                    "round " + number + ": " + statuses);
            try (Connection db = database();
                    PreparedStatement onArchived = db.prepareStatement("select count(*) from model_aliases a"
                            + " join model_versions v on v.id = a.version_id where v.status <> 'ready'")) {
                try (ResultSet count = onArchived.executeQuery()) {
                    count.next();
                    assertEquals(0, count.getInt(1), "aliases on archived versions");
                }
            }
        }
    }

    @Test
    void deletingAVersionOrItsModelRemovesItsAliases() throws Exception {
        Account owner = Api.newUser();
        long model = Api.createModel(owner, "cascaded", "pytorch", null);
        Api.createVersion(owner, model, "s3://models/cascaded/1");
        Api.createVersion(owner, model, "s3://models/cascaded/2");
        point(owner, model, "production", 1).then().statusCode(200);
        point(owner, model, "staging", 1).then().statusCode(200);
        point(owner, model, "canary", 2).then().statusCode(200);

        try (Connection db = database();
                PreparedStatement delete = db.prepareStatement(
                        "delete from model_versions where model_id = ? and number = 1")) {
            delete.setLong(1, model);
            assertEquals(1, delete.executeUpdate());
        }
        owner.request().when().get("/models/{id}/aliases/production", model).then().statusCode(404);
        owner.request().when().get("/models/{id}/aliases/staging", model).then().statusCode(404);
        owner.request().when().get("/models/{id}/aliases/canary", model).then().statusCode(200);
        assertEquals(1, aliasRows(model));

        owner.request().when().delete("/models/{id}", model).then().statusCode(204);
        assertEquals(0, aliasRows(model));
    }

    private static Response point(Account caller, long model, String alias, int version) {
        return caller.request().contentType(ContentType.JSON).body(Map.of("version", version))
                .when().put("/models/{id}/aliases/" + alias, model);
    }

    /** Archives straight in the database, as the PATCH would: this test is about what the aliases make of it. */
    private static void archive(long model, int number) throws SQLException {
        try (Connection db = database();
                PreparedStatement archive = db.prepareStatement("update model_versions set status = 'archived',"
                        + " version = version + 1 where model_id = ? and number = ?")) {
            archive.setLong(1, model);
            archive.setInt(2, number);
            assertEquals(1, archive.executeUpdate());
        }
    }

    private static int aliasRows(long model) throws SQLException {
        try (Connection db = database();
                PreparedStatement count = db.prepareStatement("select count(*) from model_aliases where model_id = ?")) {
            count.setLong(1, model);
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    private static Connection database() throws SQLException {
        return DriverManager.getConnection(PostgresResource.jdbcUrl(), "postgres", "postgres");
    }
}
