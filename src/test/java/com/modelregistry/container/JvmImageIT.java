package com.modelregistry.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelregistry.testdb.AuthResource;
import com.modelregistry.testdb.PostgresResource;
import com.modelregistry.testdb.ServiceProcess;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The JVM image that -Pcontainer built from src/main/docker/Dockerfile.jvm, started the way the README runs it (token
 * keys mounted at /keys and readable only by the image's user, the database from the environment), beside the
 * container that the API tests of this run talk to: it runs as a non-root user, its health probes answer on the
 * management port, and SIGTERM ends it gracefully with exit status 0.
 */
@QuarkusIntegrationTest
@WithTestResource(PostgresResource.class)
@WithTestResource(AuthResource.class)
class JvmImageIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void startedAsTheReadmeSaysItRunsAsNonRootAnswersItsProbesAndExitsZeroOnSigterm() throws Exception {
        String image = Podman.builtImage();
        System.out.println("JVM image " + image + ": " + Podman.size(image));
        int port = ServiceProcess.freePort();
        int managementPort = ServiceProcess.freePort();
        String name = "model-registry-image-it-" + port;
        // the test database listens on localhost only, so the container shares the host's network; the ports are
        // free ones instead of 8080 and 9000, which other programs on a CI machine may hold
        Podman.run("run", "-d", "--name", name, "--network=host",
                "-v", keysAsAnOperatorKeepsThem() + ":/keys:ro",
                "-e", "QUARKUS_DATASOURCE_REACTIVE_URL=" + PostgresResource.reactiveUrl(),
                "-e", "QUARKUS_DATASOURCE_USERNAME=postgres", "-e", "QUARKUS_DATASOURCE_PASSWORD=postgres",
                "-e", "MP_JWT_VERIFY_PUBLICKEY_LOCATION=file:/keys/public.pem",
                "-e", "SMALLRYE_JWT_SIGN_KEY_LOCATION=file:/keys/private.pem",
                "-e", "QUARKUS_HTTP_PORT=" + port, "-e", "QUARKUS_MANAGEMENT_PORT=" + managementPort,
                "-e", "REGISTRY_SHUTDOWN_READINESS_DELAY=1S",
                image);
        try {
            String management = "http://localhost:" + managementPort;
            assertEquals(200, awaitStatus(management + "/q/health/ready", name), "readiness");
            assertEquals(200, status(management + "/q/health/live"), "liveness");
            assertEquals(200, status(management + "/q/health/started"), "start-up");
            assertEquals(401, status("http://localhost:" + port + "/users/me"), "the API answers on its port");

            assertEquals("185", Podman.run("inspect", "--format", "{{.Config.User}}", name));
            assertNotEquals("0", Podman.run("exec", name, "id", "-u"), "a process in the container runs as root");
            // the JVM is the container's main process (run-java.sh execs it), so it is the one SIGTERM reaches
            String main = Podman.run("top", name, "user", "comm");
            assertTrue(main.lines().skip(1).allMatch(line -> !line.startsWith("root")), main);

            long signalled = System.nanoTime();
            Podman.run("kill", "--signal=TERM", name);
            String exitStatus = Podman.run("wait", name);
            System.out.printf("SIGTERM to exit: %.1f s, exit status %s%n", (System.nanoTime() - signalled) / 1e9,
                    exitStatus);
            String log = Podman.run("logs", name);
            assertEquals("0", exitStatus, log);
            assertTrue(log.contains("stopped in"), "no orderly Quarkus shutdown in the log:\n" + log);
        } finally {
            Podman.quietly("rm", "-f", "-t", "0", name);
        }
    }

    /**
     * The run's token keys in a folder of their own, as the README tells an operator to keep them: private to the
     * image's user 185 (mode 0600). Root gives them to 185 directly, as with Docker; a rootless podman user through
     * {@code podman unshare}, where uid 185 of the container is one of theirs.
     */
    private static Path keysAsAnOperatorKeepsThem() throws IOException, InterruptedException {
        Path keys = Files.createTempDirectory(Path.of("target"), "operator-keys-").toAbsolutePath();
        for (String file : new String[] {"public.pem", "private.pem"}) {
            String location = AuthResource.keySettings().get(file.equals("public.pem")
                    ? "mp.jwt.verify.publickey.location" : "smallrye.jwt.sign.key.location");
            Path copy = Files.copy(Path.of(URI.create(location)), keys.resolve(file));
            Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-------"));
            if ("root".equals(System.getProperty("user.name"))) {
                Files.setAttribute(copy, "unix:uid", 185);
            } else {
                Podman.run("unshare", "chown", "185", copy.toString());
            }
        }
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rwxr-xr-x"));
        return keys;
    }

    private static int awaitStatus(String url, String container) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            last = status(url);
            if (last == 200) {
                return last;
            }
            if (!"true".equals(Podman.run("inspect", "--format", "{{.State.Running}}", container))) {
                throw new AssertionError("the container stopped:\n" + Podman.run("logs", container));
            }
            Thread.sleep(250);
        }
        throw new AssertionError(url + " answered " + last + ":\n" + Podman.run("logs", container));
    }

    private static int status(String url) throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }
}
