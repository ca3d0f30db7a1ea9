package com.modelregistry.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Builds the native Dockerfiles with podman around a stand-in for the native executable (no GraalVM here): a shell
 * script that reports what the image set up for it. This proves only the Dockerfiles' own steps: .dockerignore lets
 * the executable through, it is copied executable and owned by the non-root user, that user runs it in a working
 * directory it may write, with the entry point's arguments, and the image exposes 8080 and 9000. It proves nothing
 * about the native executable itself, nor that it runs on the real base image: the base here is a tiny local one
 * (-Dcontainer.native-base-image) unless none is given, when the Dockerfile's own default is pulled.
 * Dockerfile.native-multistage is not built: its first stage needs the Mandrel builder image.
 */
class NativeDockerfilesIT {

    private static final String STAND_IN = """
            #!/bin/sh
            # stand-in for the native executable: reports what the image set up around it
            touch /work/written
            echo "uid=$(id -u) cwd=$(pwd) args=$* application=$(stat -c '%a %u:%g' /work/application) \
            work=$(stat -c '%u' /work) wrote=$(ls /work/written)"
            """;

    @ParameterizedTest
    @ValueSource(strings = {"Dockerfile.native", "Dockerfile.native-micro"})
    void theImageRunsItsExecutableAsANonRootUserInAWritableWorkingDirectory(String dockerfile) throws Exception {
        Path context = Files.createTempDirectory(Path.of("target"), "native-stand-in-").toAbsolutePath();
        Files.createDirectories(context.resolve("target"));
        // not executable here: the Dockerfile's COPY --chmod has to make it so
        Files.writeString(context.resolve("target").resolve("model-registry-1.0.0-SNAPSHOT-runner"), STAND_IN);
        Files.copy(Path.of(".dockerignore"), context.resolve(".dockerignore"));
        String image = "localhost/model-registry/native-stand-in:" + dockerfile.toLowerCase().replace('.', '-');
        String base = System.getProperty("container.native-base-image", "");

        List<String> build = new ArrayList<>(List.of("build", "--quiet",
                "-f", Path.of("src", "main", "docker", dockerfile).toAbsolutePath().toString(), "-t", image));
        if (!base.isBlank()) {
            build.addAll(List.of("--build-arg", "BASE_IMAGE=" + base));
        }
        build.add(context.toString());
        Podman.run(build.toArray(String[]::new));
        try {
            String report = Podman.run("run", "--rm", image);
            assertEquals("uid=1001 cwd=/work args=-Dquarkus.http.host=0.0.0.0 application=755 1001:0 work=1001 "
                    + "wrote=/work/written", report);
            String ports = Podman.run("image", "inspect", "--format", "{{json .Config.ExposedPorts}}", image);
            assertTrue(ports.contains("\"8080/tcp\"") && ports.contains("\"9000/tcp\""), ports);
            System.out.println(dockerfile + " on " + (base.isBlank() ? "its default base" : base)
                    + " with the stand-in: " + Podman.size(image));
        } finally {
            Podman.quietly("rmi", image);
        }
    }
}
