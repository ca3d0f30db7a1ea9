package com.modelregistry;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.ConfigProvider;
import sun.misc.Signal;

/**
 * Starts the service, but first refuses to start the packaged application without a database or token keys: Quarkus
 * would otherwise fail later with a page of stack trace instead of saying what to set.
 */
@QuarkusMain
public class Main {

    public static void main(String... args) {
        leaveUriCheckToTheRouter();
        if (runningPackaged()) {
            List<String> missing = missingSettings();
            if (!missing.isEmpty()) {
                System.err.println("Model Registry cannot start: set " + String.join("; ", missing));
                System.exit(1);
            }
        }
        if (runningPackaged()) {
            exitCleanlyOnTerm();
        }
        Quarkus.run(args);
    }

    /**
     * Quarkus refuses a request target that is not a URI (such as {@code ?x=%zz}) with an empty 400 before any route
     * runs. Switched off here, before Quarkus loads, the same check is made by common/RequestLimits, which answers
     * problem+json like every other error. Tests set the property for the test JVM in pom.xml.
     */
    static void leaveUriCheckToTheRouter() {
        System.setProperty("vertx.disableURIValidation", "true");
    }

    /**
     * The JVM answers SIGTERM by exiting with status 143 after its shutdown hooks; orchestrators send SIGTERM for every
     * ordinary stop, so it is taken as a request for the graceful shutdown (readiness down, in-flight requests
     * finished) and status 0.
     */
    private static void exitCleanlyOnTerm() {
        AtomicInteger signals = new AtomicInteger();
        try {
            Signal.handle(new Signal("TERM"), signal -> {
                if (signals.incrementAndGet() == 1) {
                    Quarkus.asyncExit(0);
                } else {
                    // a second SIGTERM, as when start-up hangs on an unreachable database: stop now
                    Runtime.getRuntime().halt(143);
                }
            });
        } catch (IllegalArgumentException e) {
            // signal handling is not available here: the JVM's default answer to SIGTERM remains
        }
    }

    static List<String> missingSettings() {
        List<String> missing = new ArrayList<>();
        if (!configured("quarkus.datasource.reactive.url")) {
            missing.add("QUARKUS_DATASOURCE_REACTIVE_URL (postgresql://host:5432/db) with QUARKUS_DATASOURCE_USERNAME"
                    + " and QUARKUS_DATASOURCE_PASSWORD");
        }
        if (!configured("mp.jwt.verify.publickey.location") && !configured("mp.jwt.verify.publickey")) {
            missing.add("MP_JWT_VERIFY_PUBLICKEY_LOCATION (the token public key, PEM)");
        }
        if (!configured("smallrye.jwt.sign.key.location") && !configured("smallrye.jwt.sign.key")) {
            missing.add("SMALLRYE_JWT_SIGN_KEY_LOCATION (the token private key, PEM)");
        }
        return missing;
    }

    /**
     * Dev mode loads the application through Quarkus's own class loader, and its configuration (with the embedded
     * database) is not complete when this method runs; the packaged jar and the native executable use other loaders.
     */
    private static boolean runningPackaged() {
        return !Main.class.getClassLoader().getClass().getName().startsWith("io.quarkus.bootstrap.classloading.");
    }

    /**
     * The environment is read directly as well: in a native executable this runs before the run-time configuration
     * exists, and the configuration seen here may be the one captured when the image was built.
     */
    private static boolean configured(String property) {
        String variable = System.getenv(property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
        return (variable != null && !variable.isBlank())
                || ConfigProvider.getConfig().getOptionalValue(property, String.class).isPresent();
    }
}
