package com.modelregistry.container;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** The podman command line, for the tests of the container profile (-Pcontainer). */
final class Podman {

    private Podman() {
    }

    /** Runs {@code podman args...} and returns its output; fails with that output when podman does. */
    static String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("podman"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
        }
        return output.trim();
    }

    /** The same, for clean-up: failures are ignored. */
    static void quietly(String... args) {
        try {
            run(args);
        } catch (IOException | InterruptedException | AssertionError e) {
            // nothing to clean up
        }
    }

    /** The image that quarkus-container-image-podman built in this run, as it recorded it for the test launcher. */
    static String builtImage() throws IOException {
        Properties artifact = new Properties();
        try (var in = Files.newInputStream(Path.of("target", "quarkus-artifact.properties"))) {
            artifact.load(in);
        }
        String image = artifact.getProperty("metadata.container-image");
        if (image == null) {
            throw new AssertionError("no container image in target/quarkus-artifact.properties: build with -Pcontainer");
        }
        return image;
    }

    /** The image's size as podman reports it, e.g. "412 MB". */
    static String size(String image) throws IOException, InterruptedException {
        long bytes = Long.parseLong(run("image", "inspect", "--format", "{{.Size}}", image));
        return Math.round(bytes / 1e6) + " MB";
    }
}
