package com.modelregistry.testdb;

import com.modelregistry.devdb.EmbeddedDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One more instance of the packaged application ({@code target/quarkus-app}), started on a free port (and a free
 * management port for health and metrics) against the test database and token keys, for tests about several
 * instances, shutdown and outages.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final int managementPort;
    private final Path log;

    private ServiceProcess(Process process, int port, int managementPort, Path log) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
    }

    /** Starts an instance on the test database with these extra settings, and waits until it is ready. */
    public static ServiceProcess start(Map<String, String> settings) throws Exception {
        return start(Path.of("target", "quarkus-app"), settings);
    }

    /**
     * The same with another build of the application ({@code app} holds its {@code quarkus-run.jar}), such as the
     * previous release's.
     */
    public static ServiceProcess start(Path app, Map<String, String> settings) throws Exception {
        Map<String, String> all = new HashMap<>();
        all.put("quarkus.datasource.reactive.url", PostgresResource.reactiveUrl());
        all.put("quarkus.datasource.username", "postgres");
        all.put("quarkus.datasource.password", "postgres");
        all.putAll(AuthResource.keySettings());
        all.put("quarkus.log.console.json.enabled", "false");
        all.putAll(settings);
        int port = freePort();
        all.put("quarkus.http.port", Integer.toString(port));
        int managementPort = freePort();
        all.put("quarkus.management.port", Integer.toString(managementPort));

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        all.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(app.resolve("quarkus-run.jar").toString());
        Path log = Path.of("target", "instance-" + port + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ServiceProcess instance = new ServiceProcess(process, port, managementPort, log);
        try {
            // generous: three instances starting together on a shared two-core machine took 80 s (issue 15)
            instance.awaitReady(Duration.ofSeconds(180));
        } catch (Exception | Error e) {
            instance.close();
            throw e;
        }
        return instance;
    }

    /** Starts an instance that reaches the test database only through {@code proxy}, which a test may cut. */
    public static ServiceProcess startThrough(CuttableProxy proxy) throws Exception {
        return start(Map.of(
                "quarkus.datasource.reactive.url", "postgresql://localhost:" + proxy.port() + "/postgres",
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:" + proxy.port() + "/postgres"));
    }

    /**
     * Starts an instance on a database of the test's own (not the run's test database), trusting the run's token
     * keys and with the run's admin account.
     */
    public static ServiceProcess startOn(EmbeddedDatabase database) throws Exception {
        return startOn(database, Map.of());
    }

    /** The same, with these settings on top (such as another admin account). */
    public static ServiceProcess startOn(EmbeddedDatabase database,
            Map<String, String> extra) throws Exception {
        return startOn(Path.of("target", "quarkus-app"), database, extra);
    }

    /** The same with another build of the application, such as the previous release's. */
    public static ServiceProcess startOn(Path app, EmbeddedDatabase database,
            Map<String, String> extra) throws Exception {
        Map<String, String> settings = new HashMap<>(database.datasourceConfig());
        settings.put("quarkus.datasource.jdbc.url", database.jdbcUrl());
        settings.putAll(AuthResource.settingsForAnotherInstance());
        settings.putAll(extra);
        return start(app, settings);
    }

    public String baseUri() {
        return "http://localhost:" + port;
    }

    public int port() {
        return port;
    }

    /** Where this instance serves health and metrics. */
    public String managementUri() {
        return "http://localhost:" + managementPort;
    }

    /**
     * GET on this instance, on the management port for health and metrics ({@code /q/health...}, {@code /q/metrics});
     * -1 when the connection is refused or times out.
     */
    public int status(String path) {
        boolean operational = path.startsWith("/q/health") || path.startsWith("/q/metrics");
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create((operational ? managementUri() : baseUri()) + path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Polls GET path until it answers one of the statuses, or fails after the timeout. */
    public int awaitStatus(String path, Duration timeout, int... expected) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            int last = status(path);
            if (Arrays.stream(expected).anyMatch(code -> code == last) || System.nanoTime() > deadline) {
                return last;
            }
            Thread.sleep(100);
        }
    }

    /** Sends SIGTERM, as an orchestrator does to stop a pod. */
    public void terminate() {
        process.destroy();
    }

    /** Sends SIGKILL: the process gets no chance to finish anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Waits for the process to end; its exit status, or null if it is still running after the timeout. */
    public Integer awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    public Path log() {
        return log;
    }

    private void awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("instance on port " + port + " died; see " + log.toAbsolutePath());
            }
            if (status("/q/health/ready") == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("instance on port " + port + " not ready; see " + log.toAbsolutePath());
    }

    /** A port free at this moment. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
