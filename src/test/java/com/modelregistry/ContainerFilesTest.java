package com.modelregistry;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What can be read from the Dockerfiles without a container engine: the header says how to build and run, the base
 * image is a build argument whose default is the registry image, the image runs as a non-root user on ports 8080 (the
 * API) and 9000 (health and metrics), and .dockerignore lets through everything the Dockerfile copies. The real builds
 * run in ./mvnw verify -Pcontainer (container/JvmImageIT, container/NativeDockerfilesIT).
 */
class ContainerFilesTest {

    @ParameterizedTest
    @ValueSource(strings = {"Dockerfile.jvm", "Dockerfile.native", "Dockerfile.native-micro",
            "Dockerfile.native-multistage"})
    void eachDockerfileIsCompleteAndSeesWhatItCopies(String name) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src", "main", "docker", name));
        String header = String.join("\n", lines.stream().takeWhile(line -> line.startsWith("#")).toList());
        assertTrue(header.contains("docker build -f src/main/docker/" + name), name + ": no build command in header");
        assertTrue(header.contains("docker run"), name + ": no run command in header");
        assertTrue(lines.stream().anyMatch(line -> line.matches("ARG BASE_IMAGE=(registry\\.access\\.redhat\\.com|quay\\.io)/.+")),
                name + ": the base image is not a build argument defaulting to a registry image");
        assertTrue(lines.stream().filter(line -> line.startsWith("FROM ")).reduce((first, last) -> last).orElse("")
                .startsWith("FROM ${BASE_IMAGE}"), name + ": the final stage is not built on ${BASE_IMAGE}");
        assertTrue(lines.contains("EXPOSE 8080 9000"), name + ": does not expose 8080 and the management port 9000");
        String user = lines.stream().filter(line -> line.startsWith("USER ")).reduce((first, last) -> last).orElse("");
        assertFalse(user.isEmpty() || user.equals("USER root") || user.equals("USER 0"), name + ": runs as root");

        List<PathMatcher> allowed = new ArrayList<>();
        for (String rule : Files.readAllLines(Path.of(".dockerignore"))) {
            if (rule.startsWith("!")) {
                String pattern = rule.substring(1).replaceAll("/$", "");
                allowed.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern));
                allowed.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern + "/**"));
            }
        }
        for (String line : lines) {
            if (line.startsWith("COPY ") && !line.contains("--from=")) {
                String[] words = line.trim().split("\\s+");
                for (int i = 1; i < words.length - 1; i++) {
                    if (!words[i].startsWith("--")) {
                        Path source = Path.of(words[i].replace("*", "x").replaceAll("/$", ""));
                        assertTrue(allowed.stream().anyMatch(matcher -> matcher.matches(source)),
                                name + " copies " + words[i] + " but .dockerignore keeps it out of the context");
                    }
                }
            }
        }
    }
}
