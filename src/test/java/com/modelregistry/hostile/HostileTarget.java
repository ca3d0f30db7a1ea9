package com.modelregistry.hostile;

import static io.restassured.RestAssured.given;

import com.modelregistry.Api;
import com.modelregistry.devdb.EmbeddedDatabase;
import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.ServiceProcess;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;

/**
 * The packaged service the hostile-input suites attack, on a database of its own (so that a snapshot sees only their
 * writes), with an admin's token and a victim: a user with one model for requests to reach past lookup.
 */
final class HostileTarget {

    /** RestAssured sending a request as given: no charset added to a content type. */
    static final RestAssuredConfig RAW = RestAssuredConfig.config()
            .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static HostileTarget shared;

    private final EmbeddedDatabase database;
    private final ServiceProcess service;
    private final String admin;
    private volatile Api.Account victim;
    private volatile long model;

    private HostileTarget(EmbeddedDatabase database, ServiceProcess service) {
        this.database = database;
        this.service = service;
        RestAssured.baseURI = "http://localhost";
        RestAssured.port = service.port();
        this.admin = Api.login(AuthResource.ADMIN_USERNAME, AuthResource.ADMIN_PASSWORD);
        newVictim();
    }

    /**
     * The one target of this JVM, started on first use and stopped when the JVM exits: every suite of the package
     * attacks the same service, as one suite did before they were split, and the slow start is paid once.
     * RestAssured points at it until {@link #release}.
     */
    static synchronized HostileTarget shared() throws Exception {
        if (shared == null) {
            HostileTarget started = start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "hostile-target-stop"));
            shared = started;
        }
        RestAssured.baseURI = "http://localhost";
        RestAssured.port = shared.service.port();
        // a suite before may have deleted the victim's model or locked the victim out
        shared.keepTheVictimUsable();
        return shared;
    }

    /** Points RestAssured back at its defaults for the tests after; the service keeps running for other suites. */
    static void release() {
        RestAssured.reset();
    }

    /**
     * A target of the caller's own, for a suite that must not inherit the shared service's state: the login limits
     * count failed logins per client address, and the other suites' failures would have them answer 429.
     * RestAssured points at it until {@link #stop}.
     */
    static HostileTarget start() throws Exception {
        EmbeddedDatabase database = EmbeddedDatabase.start(Files.createTempDirectory("model-registry-hostile-db"),
                false);
        ServiceProcess service;
        try {
            service = ServiceProcess.startOn(database);
        } catch (Exception | Error e) {
            database.stop();
            throw e;
        }
        try {
            return new HostileTarget(database, service);
        } catch (Exception | Error e) {
            try {
                service.close();
            } finally {
                database.stop();
            }
            throw e;
        }
    }

    void stop() {
        RestAssured.reset();
        try {
            service.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            database.stop();
        }
    }

    /**
     * A generated request may rightly delete the victim's model or its version 1, or lock the victim out (a new
     * password, active=false); a new pair keeps the rest of the run reaching past authentication and lookup.
     */
    void keepTheVictimUsable() {
        if (victim.request().when().get("/models/{id}", model).statusCode() != 200
                || victim.request().when().get("/models/{id}/versions/1", model).statusCode() != 200) {
            newVictim();
        }
    }

    private void newVictim() {
        victim = Api.newUser();
        model = Api.createModel(victim, "hostile-target", "sklearn", 0.5);
        Api.createVersion(victim, model, "s3://hostile/target/1");
        // the alias and tag that HostileRequests names in valid paths, so that reads and removals find them
        victim.request().contentType("application/json").body("{\"version\": 1}")
                .when().put("/models/{id}/aliases/production", model).then().statusCode(200);
        victim.request().contentType("application/json").body("{\"value\": \"vision\"}")
                .when().put("/models/{id}/tags/team", model).then().statusCode(200);
    }

    Api.Account victim() {
        return victim;
    }

    long model() {
        return model;
    }

    String admin() {
        return admin;
    }

    ServiceProcess service() {
        return service;
    }

    int port() {
        return service.port();
    }

    /** A fingerprint of everything stored (see {@link HostileAnswers#snapshot}). */
    String snapshot() throws Exception {
        return HostileAnswers.snapshot(database.jdbcUrl());
    }

    /** {@code {user}} and {@code {model}} in a path template replaced by the victim's. */
    String fill(String template) {
        return template.replace("{user}", Long.toString(victim.id())).replace("{model}", Long.toString(model));
    }

    HttpResponse<String> send(String method, String target, String body, String token, String contentType)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUri() + target))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The head of a model creation by the admin, up to the headers each test adds. */
    String createModelHead() {
        return "POST /users/" + victim.id() + "/models HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + admin
                + "\r\nContent-Type: application/json\r\n";
    }
}
