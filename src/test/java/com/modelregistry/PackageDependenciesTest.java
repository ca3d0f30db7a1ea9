package com.modelregistry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Which package of the application may use which, read from the sources: dependencies run one way, so that a
 * feature can be read, tested and changed without the ones built on it.
 */
class PackageDependenciesTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final String ROOT = "com.modelregistry";
    /** An import, a static import or a qualified name in code, of a class of this application. */
    private static final Pattern USE = Pattern.compile("\\b" + Pattern.quote(ROOT) + "((?:\\.[a-z]\\w*)*)\\.[A-Z]");

    /** The feature packages and the only application packages each may use ("common" covers its sub-packages). */
    private static final Map<String, Set<String>> FEATURES_MAY_USE = Map.of(
            "auth", Set.of("common"),
            "version", Set.of("common", "auth"),
            "mlmodel", Set.of("common", "auth", "version"),
            "user", Set.of("common", "auth", "mlmodel"),
            "login", Set.of("common", "auth", "user"),
            "devdb", Set.of(),
            "common", Set.of("common"));

    @Test
    void featurePackagesUseOnlyThePackagesBelowThem() {
        List<String> breaches = new ArrayList<>();
        usesByPackage().forEach((from, targets) -> {
            String feature = topLevel(from);
            for (String target : targets) {
                String used = topLevel(target);
                if (!used.equals(feature) && !FEATURES_MAY_USE.getOrDefault(feature, Set.of()).contains(used)) {
                    breaches.add(from + " uses " + target);
                }
            }
        });
        assertEquals(List.of(), breaches);
    }

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        Map<String, Set<String>> uses = usesByPackage();
        for (String start : uses.keySet()) {
            Set<String> reached = new TreeSet<>();
            List<String> toVisit = new ArrayList<>(uses.get(start));
            while (!toVisit.isEmpty()) {
                String next = toVisit.remove(toVisit.size() - 1);
                if (reached.add(next)) {
                    toVisit.addAll(uses.getOrDefault(next, Set.of()));
                }
            }
            assertTrue(!reached.contains(start), start + " depends on itself through " + reached);
        }
    }

    @Test
    void theRuleSeesEveryFeaturePackage() {
        // a renamed or new package would otherwise escape the rule above
        Set<String> features = new TreeSet<>();
        usesByPackage().keySet().stream().map(PackageDependenciesTest::topLevel).filter(p -> !p.isEmpty())
                .forEach(features::add);
        assertEquals(new TreeSet<>(FEATURES_MAY_USE.keySet()), features);
    }

    /** The package (below com.modelregistry, "" for the root) of each source file, and the packages it uses. */
    private static Map<String, Set<String>> usesByPackage() {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
                String from = SOURCES.relativize(file.getParent()).toString().replace('/', '.');
                String own = from.equals(ROOT) ? "" : from.substring(ROOT.length() + 1);
                Set<String> targets = uses.computeIfAbsent(own, key -> new TreeSet<>());
                Matcher use = USE.matcher(read(file));
                while (use.find()) {
                    String target = use.group(1).isEmpty() ? "" : use.group(1).substring(1);
                    if (!target.equals(own)) {
                        targets.add(target);
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return uses;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String topLevel(String pkg) {
        int dot = pkg.indexOf('.');
        return dot < 0 ? pkg : pkg.substring(0, dot);
    }
}
