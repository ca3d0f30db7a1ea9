package com.modelregistry.testdb;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelregistry.Api;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Clients that create models for one owner in a loop, remembering each id answered 201 and each other answer with its
 * time, for tests of what acknowledged writes live through.
 */
public final class ModelWriters {

    /** An answer other than 201: its status (-1 when the service could not be reached) and when it came. */
    public record Failure(int status, long atNanos) {
    }

    public final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
    public final List<Failure> failures = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService threads;

    private ModelWriters(int clients) {
        threads = Executors.newFixedThreadPool(clients);
    }

    /** Starts {@code clients} writers; every model they create is named {@code w-<label>-<client>-<n>}, sklearn. */
    public static ModelWriters start(ServiceProcess instance, Api.Account owner, String label, int clients) {
        ModelWriters writers = new ModelWriters(clients);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (int w = 0; w < clients; w++) {
            int writer = w;
            writers.threads.submit(() -> {
                for (int n = 0; writers.running.get(); n++) {
                    HttpRequest create = HttpRequest.newBuilder(
                                    URI.create(instance.baseUri() + "/users/" + owner.id() + "/models"))
                            .header("Authorization", "Bearer " + owner.token())
                            .header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(10))
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"name\":\"w-" + label + "-" + writer + "-" + n + "\",\"framework\":\"sklearn\"}"))
                            .build();
                    try {
                        HttpResponse<String> response = client.send(create, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 201) {
                            writers.acknowledged.add(Long.parseLong(
                                    response.body().replaceAll(".*\"id\":(\\d+).*", "$1")));
                        } else {
                            writers.failures.add(new Failure(response.statusCode(), System.nanoTime()));
                        }
                    } catch (Exception unreachable) {
                        // the service itself is gone (killed): nothing was acknowledged
                        writers.failures.add(new Failure(-1, System.nanoTime()));
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            });
        }
        return writers;
    }

    public void stop() throws InterruptedException {
        running.set(false);
        threads.shutdown();
        assertTrue(threads.awaitTermination(30, TimeUnit.SECONDS));
    }

    public Map<Integer, Long> failuresByStatus() {
        return failures.stream().collect(Collectors.groupingBy(Failure::status, Collectors.counting()));
    }

    /** Every acknowledged id is a row of the owner in the database at {@code jdbcUrl}, and every row is complete. */
    public void assertEveryAcknowledgedWriteExists(String jdbcUrl, Api.Account owner) throws Exception {
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery("select id, name, framework, created_at from models "
                        + "where owner_id = " + owner.id())) {
            Set<Long> stored = new HashSet<>();
            while (rows.next()) {
                stored.add(rows.getLong("id"));
                assertTrue(rows.getString("name").startsWith("w-") && rows.getString("framework").equals("sklearn")
                        && rows.getTimestamp("created_at") != null, "a partial row: " + rows.getLong("id"));
            }
            Set<Long> lost = acknowledged.stream().filter(id -> !stored.contains(id)).collect(Collectors.toSet());
            assertTrue(lost.isEmpty(), "acknowledged but lost: " + lost);
        }
    }
}
