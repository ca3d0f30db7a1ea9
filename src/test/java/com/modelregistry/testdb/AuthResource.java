package com.modelregistry.testdb;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Gives the service under test (in-JVM or packaged) token keys in PEM files, as production would, and an admin
 * account. Tests may sign their own tokens with the same private key, to build expired or odd ones.
 */
public class AuthResource implements QuarkusTestResourceLifecycleManager {

    public static final String ADMIN_USERNAME = "test-admin";
    public static final String ADMIN_PASSWORD = "admin-" + UUID.randomUUID();
    private static volatile PrivateKey signingKey;
    private static volatile Map<String, String> keySettings;

    /**
     * The settings for a service instance that a test starts on its own (outside Quarkus' test lifecycle): the keys of
     * this test run if there are any, else new ones. Never replaces keys that a running test application trusts.
     */
    public static synchronized Map<String, String> settingsForAnotherInstance() {
        if (keySettings == null) {
            new AuthResource().start();
        }
        Map<String, String> settings = new HashMap<>(keySettings);
        settings.putAll(accountSettings());
        return settings;
    }

    private static Map<String, String> accountSettings() {
        return Map.of(
                "registry.admin.username", ADMIN_USERNAME,
                "registry.admin.email", "test-admin@example.com",
                "registry.admin.password", ADMIN_PASSWORD,
                "registry.auth.revocation-delay", "2S",
                // every test request comes from 127.0.0.1: the address limit has tests of its own
                // (LoginBehindAProxyTest), and must not refuse the rest of the run
                "registry.auth.login.address.max-failures", "100000");
    }

    @Override
    public Map<String, String> start() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            signingKey = pair.getPrivate();
            Path folder = keysFolder();
            Path publicKey = Files.writeString(folder.resolve("public.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            Path privateKey = Files.writeString(folder.resolve("private.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            // a service under test in a container runs as its image's user, not as this test's: these throwaway keys
            // are readable by all
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(publicKey, PosixFilePermissions.fromString("rw-r--r--"));
            Files.setPosixFilePermissions(privateKey, PosixFilePermissions.fromString("rw-r--r--"));
            // the keys must outlive this resource (instances started later may still trust them), not the test run
            for (Path file : new Path[] {folder, publicKey, privateKey}) {
                file.toFile().deleteOnExit();
            }
            keySettings = Map.of(
                    "mp.jwt.verify.publickey.location", publicKey.toUri().toString(),
                    "smallrye.jwt.sign.key.location", privateKey.toUri().toString());
            Map<String, String> settings = new HashMap<>(keySettings);
            settings.putAll(accountSettings());
            return settings;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A new folder for a pair of keys: under {@code registry.test.keys-folder} when set (the container profile mounts
     * that folder into the service's container at the same path), else a temporary one.
     */
    private static Path keysFolder() throws IOException {
        String parent = System.getProperty("registry.test.keys-folder", "");
        if (parent.isBlank()) {
            return Files.createTempDirectory("model-registry-test-keys");
        }
        return Files.createTempDirectory(Files.createDirectories(Path.of(parent)), "model-registry-test-keys");
    }

    @Override
    public void stop() {
    }

    /** The key locations, for tests that start more instances of the service that must trust the same tokens. */
    public static Map<String, String> keySettings() {
        return keySettings;
    }

    public static PrivateKey signingKey() {
        return signingKey;
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
