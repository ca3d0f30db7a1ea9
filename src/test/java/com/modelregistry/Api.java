package com.modelregistry;

import static io.restassured.RestAssured.given;

import com.modelregistry.testdb.AuthResource;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Arranges test data through the public API, each call with names no other test uses. */
public final class Api {

    public static final String PASSWORD = "correct horse battery";

    /** A registered user and a token of theirs. */
    public record Account(long id, String username, String email, String token) {

        /** A request made by this account. */
        public RequestSpecification request() {
            return given().header("Authorization", "Bearer " + token);
        }
    }

    private static volatile Account admin;
    private static volatile Object adminKey;

    private Api() {
    }

    public static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    public static Account newUser() {
        String name = unique("user_");
        return newUser(name + "@example.com", name);
    }

    public static Account newUser(String email, String username) {
        long id = given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "username", username, "password", PASSWORD))
                .when().post("/users")
                .then().statusCode(201)
                .extract().jsonPath().getLong("id");
        return new Account(id, username, email, login(username, PASSWORD));
    }

    /**
     * The admin that start-up created from the registry.admin settings. Synchronized: threads asking at once (as
     * RacesTest's do) logged the admin in several times together, and the login limits answered one of them 429.
     */
    public static synchronized Account admin() {
        if (admin == null || adminKey != AuthResource.signingKey()) {
            adminKey = AuthResource.signingKey();
            String token = login(AuthResource.ADMIN_USERNAME, AuthResource.ADMIN_PASSWORD);
            long id = given().header("Authorization", "Bearer " + token).when().get("/users/me")
                    .then().statusCode(200).extract().jsonPath().getLong("id");
            admin = new Account(id, AuthResource.ADMIN_USERNAME, "test-admin@example.com", token);
        }
        return admin;
    }

    /** A request made by the admin, for arranging and checking data whatever its owner. */
    public static RequestSpecification asAdmin() {
        return admin().request();
    }

    /**
     * A request that leaves from another loopback address (Linux routes all of 127.0.0.0/8 to this host), so that the
     * service sees a second client; every other request comes from 127.0.0.1.
     */
    public static RequestSpecification from(String loopbackAddress) {
        try {
            InetAddress local = InetAddress.getByName(loopbackAddress);
            return given().baseUri("http://127.0.0.1").config(RestAssured.config().httpClient(
                    HttpClientConfig.httpClientConfig().setParam("http.route.local-address", local)));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(loopbackAddress, e);
        }
    }

    public static String login(String username, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password))
                .when().post("/auth/token")
                .then().statusCode(200)
                .extract().jsonPath().getString("accessToken");
    }

    /**
     * Sends {@code clients} registrations of one email at the same moment, each with its own username, the i-th to
     * {@code baseUris.apply(i)}, and returns the statuses they got.
     */
    public static List<Integer> registerAtOnce(String email, int clients, IntFunction<String> baseUris)
            throws Exception {
        List<Callable<Integer>> registrations = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            String base = baseUris.apply(i);
            String username = unique("racer_");
            registrations.add(() -> given().baseUri(base).contentType(ContentType.JSON)
                    .body(Map.of("email", email, "username", username, "password", PASSWORD))
                    .when().post("/users").then().extract().statusCode());
        }
        return atOnce(registrations);
    }

    /** Runs the calls released together by one latch; their statuses in the same order. */
    public static List<Integer> atOnce(List<Callable<Integer>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (Callable<Integer> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> future : futures) {
                statuses.add(future.get(60, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    public static long createModel(Account owner, String name, String framework, Double accuracy) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("framework", framework);
        body.put("accuracy", accuracy);
        return owner.request().contentType(ContentType.JSON)
                .body(body)
                .when().post("/users/{id}/models", owner.id())
                .then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    /** Records a version of the model for its owner (or an admin) and returns its number. */
    public static int createVersion(Account owner, long modelId, String artifactUri) {
        return owner.request().contentType(ContentType.JSON)
                .body(Map.of("artifactUri", artifactUri))
                .when().post("/models/{id}/versions", modelId)
                .then().statusCode(201)
                .extract().jsonPath().getInt("version");
    }
}
