package com.modelregistry;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Starts the service, but first refuses to start the packaged application without a database: Quarkus would
 * otherwise fail later with a page of stack trace instead of saying what to set.
 */
@QuarkusMain
public class Main {

    static final String URL_PROPERTY = "quarkus.datasource.reactive.url";
    static final String URL_VARIABLE = "QUARKUS_DATASOURCE_REACTIVE_URL";

    public static void main(String... args) {
        if (runningPackaged() && !databaseConfigured()) {
            System.err.println("Model Registry needs a database: set " + URL_VARIABLE
                    + " (postgresql://host:5432/db) with QUARKUS_DATASOURCE_USERNAME and QUARKUS_DATASOURCE_PASSWORD");
            System.exit(1);
        }
        Quarkus.run(args);
    }

    /**
     * Dev mode loads the application through Quarkus's own class loader, and its configuration (with the embedded
     * database) is not complete when this method runs; the packaged jar and the native executable use other loaders.
     */
    private static boolean runningPackaged() {
        return !Main.class.getClassLoader().getClass().getName().startsWith("io.quarkus.bootstrap.classloading.");
    }

    private static boolean databaseConfigured() {
        String variable = System.getenv(URL_VARIABLE);
        return (variable != null && !variable.isBlank())
                || ConfigProvider.getConfig().getOptionalValue(URL_PROPERTY, String.class).isPresent();
    }
}
