package com.modelregistry.common.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.modelregistry.Api;
import com.modelregistry.Api.Account;
import com.modelregistry.testdb.PostgresResource;
import com.modelregistry.testdb.RawHttp;
import com.modelregistry.version.VersionDatabase;
import io.restassured.filter.Filter;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

/**
 * A session of calls as a client would make them, every one of them judged by the contract: each operation of the
 * API, answering success and each failure that a test can bring about cheaply. 503 (database down, shutting down) is
 * left to the outage tests. Each step states the status it expects, so a step that stops reaching its case fails.
 */
final class ContractSession {

    private final OpenApiContract contract;
    private final int port;
    private final Filter judge;

    ContractSession(OpenApiContract contract, int port) {
        this.contract = contract;
        this.port = port;
        this.judge = (request, response, context) -> {
            Response answer = context.next(request, response);
            contract.check(request.getMethod(), pathOf(request.getURI()), answer.statusCode(), answer.contentType(),
                    answer::header, answer.asString());
            return answer;
        };
    }

    void run() throws Exception {
        Account owner = Api.newUser();
        Account stranger = Api.newUser();
        login(owner);
        users(owner, stranger);
        models(owner, stranger);
        versions(owner, stranger);
        aliases(owner, stranger);
        httpEdge(owner);
        deletions(owner, stranger);
    }

    private RequestSpecification anyone() {
        return given().filter(judge);
    }

    private RequestSpecification as(Account account) {
        return anyone().header("Authorization", "Bearer " + account.token());
    }

    private static void expect(int status, Response answer) {
        assertEquals(status, answer.statusCode(), answer.asString());
    }

    private void login(Account owner) {
        expect(200, anyone().contentType(ContentType.JSON)
                .body(Map.of("username", owner.username(), "password", Api.PASSWORD)).post("/auth/token"));
        expect(200, anyone().contentType(ContentType.URLENC).formParam("grant_type", "password")
                .formParam("username", owner.username()).formParam("password", Api.PASSWORD).post("/auth/token"));
        expect(400, anyone().contentType(ContentType.URLENC).formParam("grant_type", "code").post("/auth/token"));
        expect(400, anyone().contentType(ContentType.JSON).body("{}").post("/auth/token"));
        expect(415, anyone().contentType(ContentType.TEXT).body("hello").post("/auth/token"));
        // a user of its own, so that its failures trip the per-account limit without touching the others
        Account target = Api.newUser();
        int status = 0;
        for (int attempt = 0; attempt < 10 && status != 429; attempt++) {
            Response answer = anyone().contentType(ContentType.JSON)
                    .body(Map.of("username", target.username(), "password", "wrong password")).post("/auth/token");
            status = answer.statusCode();
            assertEquals(status == 429 ? 429 : 401, status, answer.asString());
        }
        assertEquals(429, status, "the login limit never answered 429");
    }

    private void users(Account owner, Account stranger) {
        String name = Api.unique("contract_");
        Map<String, String> newUser = Map.of("email", name + "@example.com", "username", name,
                "password", Api.PASSWORD);
        expect(201, anyone().contentType(ContentType.JSON).body(newUser).post("/users"));
        expect(409, anyone().contentType(ContentType.JSON).body(newUser).post("/users"));
        expect(400, anyone().contentType(ContentType.JSON).body("{\"email\": \"not an email\"}").post("/users"));
        expect(415, anyone().contentType(ContentType.TEXT).body("hello").post("/users"));

        Account admin = Api.admin();
        expect(200, as(admin).queryParam("size", 2).get("/users"));
        expect(200, as(admin).queryParam("after", "").queryParam("size", 2).get("/users"));
        expect(200, as(admin).queryParam("email", owner.email()).get("/users"));
        expect(400, as(admin).queryParam("page", -1).get("/users"));
        expect(403, as(owner).get("/users"));
        expect(401, anyone().get("/users"));

        expect(200, as(owner).get("/users/me"));
        expect(401, anyone().get("/users/me"));

        expect(200, as(owner).get("/users/{id}", owner.id()));
        expect(200, as(owner).queryParam("expand", "models").get("/users/{id}", owner.id()));
        expect(400, as(owner).queryParam("expand", "everything").get("/users/{id}", owner.id()));
        expect(403, as(stranger).get("/users/{id}", owner.id()));
        expect(404, as(admin).get("/users/{id}", Long.MAX_VALUE));
        expect(401, anyone().get("/users/{id}", owner.id()));

        String etag = as(owner).get("/users/{id}", owner.id()).header("ETag");
        expect(200, as(owner).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("username", Api.unique("renamed_"))).patch("/users/{id}", owner.id()));
        expect(412, as(owner).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("username", Api.unique("late_"))).patch("/users/{id}", owner.id()));
        expect(409, as(owner).contentType(ContentType.JSON).body(Map.of("email", stranger.email()))
                .patch("/users/{id}", owner.id()));
        expect(400, as(owner).contentType(ContentType.JSON).body(Map.of("role", "emperor"))
                .patch("/users/{id}", owner.id()));
        expect(403, as(owner).contentType(ContentType.JSON).body(Map.of("role", "admin"))
                .patch("/users/{id}", owner.id()));
        expect(415, as(owner).contentType(ContentType.TEXT).body("hello").patch("/users/{id}", owner.id()));
        expect(404, as(admin).contentType(ContentType.JSON).body(Map.of("username", Api.unique("ghost_")))
                .patch("/users/{id}", Long.MAX_VALUE));
        expect(401, anyone().contentType(ContentType.JSON).body("{}").patch("/users/{id}", owner.id()));
    }

    private void models(Account owner, Account stranger) {
        Map<String, Object> model = Map.of("name", "contract net", "framework", "pytorch", "accuracy", 0.9);
        long id = as(owner).contentType(ContentType.JSON).body(model).post("/users/{id}/models", owner.id())
                .then().statusCode(201).extract().jsonPath().getLong("id");
        expect(400, as(owner).contentType(ContentType.JSON).body(Map.of("name", ""))
                .post("/users/{id}/models", owner.id()));
        expect(403, as(stranger).contentType(ContentType.JSON).body(model).post("/users/{id}/models", owner.id()));
        expect(404, as(Api.admin()).contentType(ContentType.JSON).body(model)
                .post("/users/{id}/models", Long.MAX_VALUE));
        expect(415, as(owner).contentType(ContentType.TEXT).body("hello").post("/users/{id}/models", owner.id()));
        expect(401, anyone().contentType(ContentType.JSON).body(model).post("/users/{id}/models", owner.id()));

        expect(200, as(stranger).get("/users/{id}/models", owner.id()));
        expect(200, as(stranger).queryParam("after", "").get("/users/{id}/models", owner.id()));
        expect(400, as(stranger).queryParam("size", 0).get("/users/{id}/models", owner.id()));
        expect(404, as(stranger).get("/users/{id}/models", Long.MAX_VALUE));
        expect(401, anyone().get("/users/{id}/models", owner.id()));

        expect(200, as(stranger).queryParam("framework", "pytorch").queryParam("minAccuracy", 0.5).get("/models"));
        expect(200, as(stranger).queryParam("after", "").queryParam("sort", "name").get("/models"));
        expect(400, as(stranger).queryParam("sort", "colour").get("/models"));
        expect(401, anyone().get("/models"));

        expect(200, as(stranger).get("/models/{id}", id));
        expect(404, as(stranger).get("/models/{id}", Long.MAX_VALUE));
        expect(404, as(stranger).get("/models/not-a-number"));
        expect(401, anyone().get("/models/{id}", id));

        String etag = as(owner).get("/models/{id}", id).header("ETag");
        expect(200, as(owner).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("accuracy", 0.95)).patch("/models/{id}", id));
        expect(412, as(owner).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("accuracy", 0.96)).patch("/models/{id}", id));
        expect(400, as(owner).contentType(ContentType.JSON).body(Map.of("accuracy", 2)).patch("/models/{id}", id));
        expect(403, as(stranger).contentType(ContentType.JSON).body(Map.of("accuracy", 0.1))
                .patch("/models/{id}", id));
        expect(404, as(owner).contentType(ContentType.JSON).body(Map.of("accuracy", 0.1))
                .patch("/models/{id}", Long.MAX_VALUE));
        expect(415, as(owner).contentType(ContentType.TEXT).body("hello").patch("/models/{id}", id));
        expect(401, anyone().contentType(ContentType.JSON).body("{}").patch("/models/{id}", id));

        tags(owner, stranger, id);

        expect(403, as(stranger).delete("/models/{id}", id));
        expect(412, as(owner).header("If-Match", "\"999999\"").delete("/models/{id}", id));
        expect(401, anyone().delete("/models/{id}", id));
        expect(204, as(owner).delete("/models/{id}", id));
        expect(404, as(owner).delete("/models/{id}", id));
    }

    private void tags(Account owner, Account stranger, long id) {
        Map<String, String> value = Map.of("value", "vision");
        expect(200, as(owner).contentType(ContentType.JSON).body(value).put("/models/{id}/tags/{key}", id, "team"));
        String etag = as(owner).get("/models/{id}", id).header("ETag");
        expect(412, as(owner).contentType(ContentType.JSON).header("If-Match", "\"999999\"").body(value)
                .put("/models/{id}/tags/{key}", id, "task"));
        expect(200, as(owner).contentType(ContentType.JSON).header("If-Match", etag).body(Map.of("value", "detection"))
                .put("/models/{id}/tags/{key}", id, "task"));
        expect(400, as(owner).contentType(ContentType.JSON).body(value).put("/models/{id}/tags/{key}", id, "a b"));
        expect(403, as(stranger).contentType(ContentType.JSON).body(value).put("/models/{id}/tags/{key}", id, "team"));
        expect(404, as(owner).contentType(ContentType.JSON).body(value)
                .put("/models/{id}/tags/{key}", Long.MAX_VALUE, "team"));
        expect(415, as(owner).contentType(ContentType.TEXT).body("hello").put("/models/{id}/tags/{key}", id, "team"));
        expect(401, anyone().contentType(ContentType.JSON).body(value).put("/models/{id}/tags/{key}", id, "team"));
        for (int i = 2; i < 50; i++) {
            expect(200, as(owner).contentType(ContentType.JSON).body(value).put("/models/{id}/tags/{key}", id, "k" + i));
        }
        expect(409, as(owner).contentType(ContentType.JSON).body(value).put("/models/{id}/tags/{key}", id, "one-more"));

        expect(200, as(stranger).queryParam("tag", "team:vision").queryParam("tag", "task:detection").get("/models"));
        expect(400, as(stranger).queryParam("tag", "no-colon").get("/models"));

        expect(403, as(stranger).delete("/models/{id}/tags/{key}", id, "team"));
        expect(412, as(owner).header("If-Match", "\"999999\"").delete("/models/{id}/tags/{key}", id, "team"));
        expect(400, as(owner).delete("/models/{id}/tags/{key}", id, "a b"));
        expect(401, anyone().delete("/models/{id}/tags/{key}", id, "team"));
        expect(204, as(owner).delete("/models/{id}/tags/{key}", id, "team"));
        expect(404, as(owner).delete("/models/{id}/tags/{key}", id, "team"));
    }

    private void aliases(Account owner, Account stranger) {
        long id = Api.createModel(owner, "contract aliases", "pytorch", null);
        Api.createVersion(owner, id, "s3://contract/1");
        Api.createVersion(owner, id, "s3://contract/2");
        String path = "/models/{id}/aliases/{alias}";
        expect(200, as(owner).contentType(ContentType.JSON).body(Map.of("version", 1)).put(path, id, "production"));
        expect(400, as(owner).contentType(ContentType.JSON).body(Map.of("version", 0)).put(path, id, "production"));
        expect(400, as(owner).contentType(ContentType.JSON).body(Map.of("version", 1)).put(path, id, "latest"));
        expect(403, as(stranger).contentType(ContentType.JSON).body(Map.of("version", 1)).put(path, id, "production"));
        expect(404, as(owner).contentType(ContentType.JSON).body(Map.of("version", 9)).put(path, id, "production"));
        expect(415, as(owner).contentType(ContentType.TEXT).body("hello").put(path, id, "production"));
        expect(401, anyone().contentType(ContentType.JSON).body(Map.of("version", 1)).put(path, id, "production"));
        // an archived version takes no alias; archived in the database, which the aliases' foreign key reads
        archive(id, 2);
        expect(409, as(owner).contentType(ContentType.JSON).body(Map.of("version", 2)).put(path, id, "staging"));

        expect(200, as(stranger).get(path, id, "production"));
        expect(200, as(stranger).get(path, id, "latest"));
        expect(400, as(stranger).get(path, id, "Production"));
        expect(404, as(stranger).get(path, id, "staging"));
        expect(401, anyone().get(path, id, "production"));

        expect(403, as(stranger).delete(path, id, "production"));
        expect(400, as(owner).delete(path, id, "latest"));
        expect(401, anyone().delete(path, id, "production"));
        expect(204, as(owner).delete(path, id, "production"));
        expect(404, as(owner).delete(path, id, "production"));
    }

    private static void archive(long model, int number) {
        try (Connection db = DriverManager.getConnection(PostgresResource.jdbcUrl(), "postgres", "postgres");
                PreparedStatement archive = db.prepareStatement(
                        "update model_versions set status = 'archived' where model_id = ? and number = ?")) {
            archive.setLong(1, model);
            archive.setInt(2, number);
            assertEquals(1, archive.executeUpdate());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void versions(Account owner, Account stranger) {
        long model = Api.createModel(owner, "contract versions", "pytorch", null);
        String path = "/models/{id}/versions";
        String one = path + "/{version}";
        Map<String, Object> version = Map.of("artifactUri", "s3://contract/1", "metrics", Map.of("f1", 0.5));
        expect(201, as(owner).contentType(ContentType.JSON).body(version).post(path, model));
        expect(201, as(owner).contentType(ContentType.JSON).body(Map.of("artifactUri", "s3://contract/2"))
                .post(path, model));
        expect(400, as(owner).contentType(ContentType.JSON).body(Map.of("artifactUri", "file:///x")).post(path, model));
        expect(403, as(stranger).contentType(ContentType.JSON).body(version).post(path, model));
        expect(404, as(owner).contentType(ContentType.JSON).body(version).post(path, Long.MAX_VALUE));
        expect(415, as(owner).contentType(ContentType.TEXT).body("hello").post(path, model));
        expect(401, anyone().contentType(ContentType.JSON).body(version).post(path, model));

        expect(200, as(stranger).get(path, model));
        expect(200, as(stranger).queryParam("status", "ready").queryParam("after", "").queryParam("size", 1)
                .get(path, model));
        expect(400, as(stranger).queryParam("status", "gone").get(path, model));
        expect(404, as(stranger).get(path, Long.MAX_VALUE));
        expect(401, anyone().get(path, model));

        expect(200, as(stranger).get(one, model, 1));
        expect(400, as(stranger).get(one, model, 0));
        expect(404, as(stranger).get(one, model, 99));
        expect(401, anyone().get(one, model, 1));
        expect(200, as(stranger).queryParam("expand", "versions").get("/models/{id}", model));

        String etag = as(owner).get(one, model, 1).header("ETag");
        expect(200, as(owner).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("description", "contract")).patch(one, model, 1));
        expect(412, as(owner).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("description", "late")).patch(one, model, 1));
        expect(400, as(owner).contentType(ContentType.JSON).body(Map.of("artifactUri", "s3://contract/other"))
                .patch(one, model, 1));
        expect(403, as(stranger).contentType(ContentType.JSON).body(Map.of("status", "archived"))
                .patch(one, model, 1));
        expect(404, as(owner).contentType(ContentType.JSON).body(Map.of("status", "archived")).patch(one, model, 99));
        expect(415, as(owner).contentType(ContentType.TEXT).body("hello").patch(one, model, 1));
        expect(401, anyone().contentType(ContentType.JSON).body("{}").patch(one, model, 1));
        VersionDatabase.alias(model, "production", 1);
        expect(409, as(owner).contentType(ContentType.JSON).body(Map.of("status", "archived")).patch(one, model, 1));

        expect(403, as(stranger).delete(one, model, 2));
        expect(412, as(owner).header("If-Match", "\"999999\"").delete(one, model, 2));
        expect(401, anyone().delete(one, model, 2));
        expect(204, as(owner).delete(one, model, 2));
        expect(404, as(owner).delete(one, model, 2));
    }

    /** What the HTTP edge refuses before any resource: sent raw, as no HTTP client would send them. */
    private void httpEdge(Account owner) throws Exception {
        String auth = "Authorization: Bearer " + owner.token() + "\r\n";
        raw("GET", "/models", "GET /models?q=" + "n".repeat(9000) + " HTTP/1.1\r\nHost: x\r\n"
                + auth + "Connection: close\r\n\r\n", 414);
        raw("GET", "/models", "GET /models?q=%zz HTTP/1.1\r\nHost: x\r\n" + auth + "Connection: close\r\n\r\n", 400);
        raw("POST", "/users/" + owner.id() + "/models", "POST /users/" + owner.id() + "/models HTTP/1.1\r\nHost: x\r\n"
                + auth + "Content-Type: application/json\r\nContent-Length: 70000\r\n\r\n", 413);
        raw("POST", "/users", "POST /users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 70000\r\n\r\n", 413);
        raw("POST", "/auth/token", "POST /auth/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded"
                + "\r\nContent-Length: 2000\r\n\r\n", 413);
        expect(406, as(owner).accept(ContentType.XML).get("/users/me"));
    }

    private void deletions(Account owner, Account stranger) {
        expect(403, as(stranger).delete("/users/{id}", owner.id()));
        expect(412, as(owner).header("If-Match", "\"999999\"").delete("/users/{id}", owner.id()));
        expect(401, anyone().delete("/users/{id}", owner.id()));
        expect(204, as(owner).delete("/users/{id}", owner.id()));
        expect(404, as(Api.admin()).delete("/users/{id}", owner.id()));
    }

    private void raw(String method, String path, String request, int status) throws Exception {
        RawHttp.Answer answer = RawHttp.send(port, request);
        assertEquals(status, answer.status(), answer.body());
        contract.check(method, path, answer.status(), answer.headers().get("content-type"),
                name -> answer.headers().get(name.toLowerCase()), answer.body());
    }

    /** The path of a request URI, without scheme, authority and query. */
    static String pathOf(String uri) {
        String rest = uri.substring(uri.indexOf("://") + 3);
        rest = rest.substring(rest.indexOf('/'));
        int query = rest.indexOf('?');
        return query < 0 ? rest : rest.substring(0, query);
    }
}
