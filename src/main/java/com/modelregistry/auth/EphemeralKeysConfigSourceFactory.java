package com.modelregistry.auth;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logging.Logger;

/**
 * In dev and test mode only, when no token keys are configured, generates an RSA key pair into temporary PEM files
 * and offers their locations at the lowest priority, so that a configured key wins even where it is not yet visible
 * here (test resources, for one). The files are remembered in
 * system properties, so live reload keeps the pair and tokens survive a reload; they go with the JVM. Production never
 * gets here: there, missing keys stop start-up (see {@code Main}).
 */
public class EphemeralKeysConfigSourceFactory implements ConfigSourceFactory {

    static final String VERIFY_KEY_LOCATION = "mp.jwt.verify.publickey.location";
    static final String SIGN_KEY_LOCATION = "smallrye.jwt.sign.key.location";
    private static final String REMEMBERED = "model-registry.ephemeral-keys.";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<String> profiles = context.getProfiles();
        if (!profiles.contains("dev") && !profiles.contains("test")) {
            return List.of();
        }
        if (configured(context, "mp.jwt.verify.publickey") || configured(context, "smallrye.jwt.sign.key")
                || configured(context, VERIFY_KEY_LOCATION) || configured(context, SIGN_KEY_LOCATION)) {
            return List.of();
        }
        return List.of(new PropertiesConfigSource(keysOnce(), "ephemeral token keys", 50));
    }

    private static boolean configured(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value != null && value.getValue() != null;
    }

    private static synchronized Map<String, String> keysOnce() {
        String publicKey = System.getProperty(REMEMBERED + VERIFY_KEY_LOCATION);
        String privateKey = System.getProperty(REMEMBERED + SIGN_KEY_LOCATION);
        if (publicKey == null || privateKey == null) {
            KeyPair pair = generate();
            publicKey = write("public", pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            privateKey = write("private", pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            System.setProperty(REMEMBERED + VERIFY_KEY_LOCATION, publicKey);
            System.setProperty(REMEMBERED + SIGN_KEY_LOCATION, privateKey);
        }
        return Map.of(VERIFY_KEY_LOCATION, publicKey, SIGN_KEY_LOCATION, privateKey);
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate an RSA key pair", e);
        }
    }

    private static String write(String name, String pem) {
        try {
            Path file = Files.createTempFile("model-registry-" + name, ".pem");
            file.toFile().deleteOnExit();
            Files.writeString(file, pem);
            return file.toUri().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** Says once, at start-up, when the generated pair is the one in use. */
    @ApplicationScoped
    static class Notice {

        private static final Logger LOG = Logger.getLogger(EphemeralKeysConfigSourceFactory.class);

        void warnIfEphemeral(@Observes StartupEvent started,
                @ConfigProperty(name = VERIFY_KEY_LOCATION, defaultValue = "") String location) {
            if (!location.isEmpty() && location.equals(System.getProperty(REMEMBERED + VERIFY_KEY_LOCATION))) {
                LOG.warn("No token keys configured: signing with a key pair generated for this run;"
                        + " its tokens stop working when the JVM stops");
            }
        }
    }
}
