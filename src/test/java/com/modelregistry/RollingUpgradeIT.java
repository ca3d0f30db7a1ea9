package com.modelregistry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.modelregistry.devdb.EmbeddedDatabase;
import com.modelregistry.testdb.ServiceProcess;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: during a rolling update the previous release and this one run side by side on one database, the new one
 * having migrated it. The previous release is the commit just before the newest migration was added (or
 * {@code -Dregistry.previous-release=<commit>}), built once from a git worktree into {@code target/previous-release}.
 */
class RollingUpgradeIT {

    private static final Path MIGRATIONS = Path.of("src", "main", "resources", "db", "migration");
    private static final Path CACHE = Path.of("target", "previous-release");

    private static String previousCommit;
    private static Path previousApp;
    private static EmbeddedDatabase database;
    private static ServiceProcess previous;
    private static ServiceProcess current;

    @BeforeAll
    static void previousReleaseThenThisOne() throws Exception {
        Assumptions.assumeTrue(insideGitCheckout(),
                "not a git checkout: the previous release cannot be built, so the rolling update is not tried");
        previousCommit = previousRelease();
        previousApp = build(previousCommit);

        database = EmbeddedDatabase.start(Files.createTempDirectory("model-registry-rollout-db"), false);
        previous = ServiceProcess.startOn(previousApp, database, Map.of());
        int previousVersion = newestVersion(git("ls-tree", "--name-only", previousCommit, MIGRATIONS + "/"));
        assertEquals(previousVersion, appliedVersion(), "the previous release migrates an empty database to its own");
        assertTrue(previousVersion < newestVersion(currentMigrations()),
                "the previous release " + previousCommit + " has no older schema than this build: nothing to roll out");

        current = ServiceProcess.startOn(database);
        assertEquals(newestVersion(currentMigrations()), appliedVersion(), "this build migrates on");
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            for (ServiceProcess instance : new ServiceProcess[] {previous, current}) {
                if (instance != null) {
                    instance.close();
                }
            }
        } finally {
            if (database != null) {
                database.stop();
            }
        }
    }

    @Test
    void bothReleasesStayReadyOnTheMigratedDatabase() {
        assertEquals(200, previous.status("/q/health/ready"), "previous release " + previousCommit);
        assertEquals(200, current.status("/q/health/ready"), "this build");
    }

    @Test
    void eachReleaseLogsInAndReadsTheModelsTheOtherWrote() {
        String onPrevious = register(previous);
        String onCurrent = register(current);

        // each logs in the account the other registered, and each trusts the other's tokens
        String tokenFromCurrent = login(current, onPrevious);
        String tokenFromPrevious = login(previous, onCurrent);

        long writtenByPrevious = createModel(previous, tokenFromCurrent, "old_release_model");
        long writtenByCurrent = createModel(current, tokenFromPrevious, "new_release_model");

        given().baseUri(current.baseUri()).header("Authorization", "Bearer " + tokenFromCurrent)
                .when().get("/models/{id}", writtenByPrevious)
                .then().statusCode(200).body("name", equalTo("old_release_model"));
        given().baseUri(previous.baseUri()).header("Authorization", "Bearer " + tokenFromPrevious)
                .when().get("/models/{id}", writtenByCurrent)
                .then().statusCode(200).body("name", equalTo("new_release_model"));
    }

    private static String register(ServiceProcess instance) {
        String name = Api.unique("roll_");
        given().baseUri(instance.baseUri()).contentType(ContentType.JSON)
                .body(Map.of("email", name + "@example.com", "username", name, "password", Api.PASSWORD))
                .when().post("/users").then().statusCode(201);
        return name;
    }

    private static String login(ServiceProcess instance, String username) {
        return given().baseUri(instance.baseUri()).contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", Api.PASSWORD))
                .when().post("/auth/token").then().statusCode(200).extract().jsonPath().getString("accessToken");
    }

    private static long createModel(ServiceProcess instance, String token, String name) {
        long owner = given().baseUri(instance.baseUri()).header("Authorization", "Bearer " + token)
                .when().get("/users/me").then().statusCode(200).extract().jsonPath().getLong("id");
        return given().baseUri(instance.baseUri()).header("Authorization", "Bearer " + token)
                .contentType(ContentType.JSON).body(Map.of("name", name, "framework", "sklearn"))
                .when().post("/users/{id}/models", owner).then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** The commit before the one that added the newest migration; HEAD while that migration is not committed. */
    private static String previousRelease() throws Exception {
        String pinned = System.getProperty("registry.previous-release", "");
        if (!pinned.isBlank()) {
            return git("rev-parse", "--verify", pinned + "^{commit}").strip();
        }
        Path newest = currentMigrations().stream()
                .max(Comparator.comparingInt(RollingUpgradeIT::versionOf)).orElseThrow();
        String added = git("log", "-1", "--format=%H", "--diff-filter=A", "--", newest.toString()).strip();
        String release = added.isEmpty() ? "HEAD" : added + "^";
        return git("rev-parse", "--verify", release + "^{commit}").strip();
    }

    /** The previous release's packaged application, built from a worktree once per commit. */
    private static Path build(String commit) throws Exception {
        Path app = CACHE.resolve(commit).resolve("quarkus-app").toAbsolutePath();
        if (Files.exists(app.resolve("quarkus-run.jar"))) {
            return app;
        }
        Files.createDirectories(CACHE);
        Path source = CACHE.resolve(commit + "-src").toAbsolutePath();
        Path log = CACHE.resolve(commit + "-build.log").toAbsolutePath();
        git("worktree", "prune");
        if (Files.exists(source)) {
            git("worktree", "remove", "--force", source.toString());
        }
        git("worktree", "add", "--detach", source.toString(), commit);
        try {
            Process maven = new ProcessBuilder("./mvnw", "-q", "-B", "package", "-DskipTests")
                    .directory(source.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!maven.waitFor(20, TimeUnit.MINUTES)) {
                maven.destroyForcibly().waitFor();
                throw new IllegalStateException("building " + commit + " took over 20 minutes; see " + log);
            }
            assertEquals(0, maven.exitValue(), "building the previous release " + commit + " failed; see " + log);
            Files.createDirectories(app.getParent());
            Files.move(source.resolve("target").resolve("quarkus-app"), app, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            git("worktree", "remove", "--force", source.toString());
        }
        return app;
    }

    private static List<Path> currentMigrations() throws IOException {
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            return files.filter(file -> file.getFileName().toString().matches("V\\d+__.*\\.sql")).toList();
        }
    }

    private static int newestVersion(List<Path> migrations) {
        return migrations.stream().mapToInt(RollingUpgradeIT::versionOf).max().orElseThrow();
    }

    private static int newestVersion(String listing) {
        return newestVersion(listing.lines().filter(name -> !name.isBlank()).map(Path::of)
                .filter(file -> file.getFileName().toString().matches("V\\d+__.*\\.sql")).toList());
    }

    private static int versionOf(Path migration) {
        String name = migration.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }

    private static int appliedVersion() throws Exception {
        try (Connection db = DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER,
                EmbeddedDatabase.USER);
                Statement statement = db.createStatement();
                ResultSet row = statement.executeQuery(
                        "select max(version::int) from flyway_schema_history where success and version is not null")) {
            row.next();
            return row.getInt(1);
        }
    }

    private static boolean insideGitCheckout() {
        try {
            return git("rev-parse", "--is-inside-work-tree").strip().equals("true");
        } catch (Exception notGit) {
            return false;
        }
    }

    private static String git(String... arguments) throws Exception {
        List<String> command = Stream.concat(Stream.of("git"), Stream.of(arguments)).toList();
        Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!git.waitFor(60, TimeUnit.SECONDS) || git.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }
}
