import java.io.IOException;
import java.io.InputStream;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolvedModule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns Quarkus's target/native-sources/native-image.args, written for the native-image driver, into one java argument
 * file that starts the builder (NativeImageGeneratorRunner) itself: the driver is not on Maven Central for GraalVM 25.
 * It does what the driver would do for these arguments, and nothing more:
 * <ul>
 * <li>-J options go to the builder's JVM; -H: options go to the builder as they are;</li>
 * <li>the few --options Quarkus and the libraries use become the hosted options they stand for (OPTIONS below,
 * read off the builder's @APIOption declarations); anything else stops with an error rather than being guessed;</li>
 * <li>-jar puts the jar and its manifest Class-Path on the image class path, names the main class and applies the
 * manifest's Add-Opens and Add-Exports; the trailing bare argument names the image;</li>
 * <li>each class path jar's META-INF/native-image is read the way the driver reads it: native-image.properties Args
 * and JavaArgs, and the *-config.json files as resources, minus what --exclude-config excludes;</li>
 * <li>the builder's JVM gets the JDK-internal packages exported and opened to the builder modules (the driver takes
 * that list from a file of its own; here it is every package of every JDK module that JVM resolves).</li>
 * </ul>
 * Usage: {@code java BuilderCommand.java <native-sources> <builder jars> <clibraries> <image dir> <argfile> <Xmx>}.
 */
public class BuilderCommand {

    /** Driver option -> builder option; a value of the form "X=" takes the option's own value, "X=v" is fixed. */
    private static final Map<String, String> OPTIONS = Map.of(
            "--features", "-H:Features=",
            "--enable-url-protocols", "-H:EnableURLProtocols=",
            "--enable-monitoring", "-H:EnableMonitoringFeatures=",
            "--enable-native-access", "-H:EnableNativeAccess=",
            "--link-at-build-time", "-H:LinkAtBuildTime=",
            "--no-fallback", "-H:FallbackThreshold=0");

    /** The META-INF/native-image files that become builder options, as the driver maps them. */
    private static final Map<String, String> CONFIG_FILES = Map.of(
            "reflect-config.json", "-H:ReflectionConfigurationResources=",
            "resource-config.json", "-H:ResourceConfigurationResources=",
            "proxy-config.json", "-H:DynamicProxyConfigurationResources=",
            "jni-config.json", "-H:JNIConfigurationResources=",
            "serialization-config.json", "-H:SerializationConfigurationResources=",
            "predefined-classes-config.json", "-H:PredefinedClassesConfigurationResources=",
            "reachability-metadata.json", "-H:ReachabilityMetadataResources=");

    private record ExcludeConfig(Pattern jar, Pattern resource) {
    }

    private final List<String> javaArgs = new ArrayList<>();
    private final List<String> builderArgs = new ArrayList<>();
    private final LinkedHashSet<Path> imageClasspath = new LinkedHashSet<>();
    private final List<ExcludeConfig> excludes = new ArrayList<>();
    private String imageName;

    public static void main(String[] args) throws IOException {
        Path sources = Path.of(args[0]).toAbsolutePath();
        Path builderJars = Path.of(args[1]).toAbsolutePath();
        Path clibraries = Path.of(args[2]).toAbsolutePath();
        Path imageDir = Path.of(args[3]).toAbsolutePath();
        Path argFile = Path.of(args[4]).toAbsolutePath();
        String maxHeap = args[5];

        BuilderCommand command = new BuilderCommand();
        String quarkusArgs = Files.readString(sources.resolve("native-image.args")).strip();
        command.translate(new ArrayDeque<>(Arrays.asList(quarkusArgs.split("\\s+"))), sources);
        for (Path entry : List.copyOf(command.imageClasspath)) {
            command.readMetaInf(entry);
        }
        List<String> all = command.builderInvocation(builderJars, clibraries, imageDir, maxHeap);
        Files.write(argFile, all.stream().map(BuilderCommand::quote).toList(), StandardCharsets.UTF_8);
        System.out.println("builder command: " + argFile + " (" + all.size() + " arguments, image class path of "
                + command.imageClasspath.size() + " entries)");
    }

    private void translate(Deque<String> args, Path baseDir) throws IOException {
        while (!args.isEmpty()) {
            String arg = args.poll();
            if (arg.startsWith("-J")) {
                javaArgs.add(arg.substring(2));
            } else if (arg.startsWith("-H:")) {
                builderArgs.add(arg);
            } else if (arg.equals("-jar")) {
                addJar(baseDir.resolve(args.poll()));
            } else if (arg.equals("-o")) {
                imageName = args.poll();
            } else if (arg.equals("--exclude-config")) {
                excludes.add(new ExcludeConfig(Pattern.compile(args.poll()), Pattern.compile(args.poll())));
            } else if (arg.startsWith("--initialize-at-run-time=") || arg.startsWith("--initialize-at-build-time=")) {
                String when = arg.startsWith("--initialize-at-run-time=") ? ":run_time" : ":build_time";
                String classes = Arrays.stream(valueOf(arg).split(",")).map(c -> c + when).collect(Collectors.joining(","));
                builderArgs.add("-H:ClassInitialization=" + classes);
            } else if (arg.startsWith("--")) {
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                String builderOption = OPTIONS.get(name);
                if (builderOption == null) {
                    throw new IllegalArgumentException("no translation for the driver option " + arg
                            + ": add it to OPTIONS in src/native-analysis/BuilderCommand.java");
                }
                builderArgs.add(builderOption.endsWith("=") ? builderOption + valueOf(arg) : builderOption);
            } else if (!arg.startsWith("-") && imageName == null) {
                imageName = arg; // the driver's extra argument in -jar mode: the image name
            } else {
                throw new IllegalArgumentException("unexpected argument " + arg);
            }
        }
    }

    private static String valueOf(String arg) {
        return arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "";
    }

    private void addJar(Path jar) throws IOException {
        imageClasspath.add(jar);
        try (JarFile file = new JarFile(jar.toFile())) {
            var attributes = file.getManifest().getMainAttributes();
            builderArgs.add("-H:Class=" + attributes.getValue("Main-Class"));
            // Quarkus writes Add-Opens: java.base/java.lang there (jboss-threads needs it when initialised at build time)
            for (String attribute : List.of("Add-Opens", "Add-Exports")) {
                String packages = attributes.getValue(attribute);
                if (packages != null) {
                    for (String modulePackage : packages.trim().split(" +")) {
                        builderArgs.add("-H:" + attribute.replace("-", "") + "=" + modulePackage + "=ALL-UNNAMED");
                    }
                }
            }
            if ("ALL-UNNAMED".equals(attributes.getValue("Enable-Native-Access"))) {
                javaArgs.add("--enable-native-access=ALL-UNNAMED");
            }
            String classPath = attributes.getValue("Class-Path");
            if (classPath != null) {
                for (String entry : classPath.trim().split(" +")) {
                    imageClasspath.add(jar.getParent().resolve(entry).normalize());
                }
            }
        }
    }

    private void readMetaInf(Path jar) throws IOException {
        if (!Files.isRegularFile(jar)) {
            return;
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            for (var entry : file.stream().toList()) {
                String resource = entry.getName();
                if (entry.isDirectory() || !resource.startsWith("META-INF/native-image/") || isExcluded(jar, "/" + resource)) {
                    continue;
                }
                String fileName = resource.substring(resource.lastIndexOf('/') + 1);
                if (fileName.equals("native-image.properties")) {
                    Properties properties = new Properties();
                    try (InputStream in = file.getInputStream(entry)) {
                        properties.load(in);
                    }
                    String javaArgsValue = properties.getProperty("JavaArgs");
                    if (javaArgsValue != null) {
                        javaArgs.addAll(Arrays.asList(javaArgsValue.trim().split("\\s+")));
                    }
                    String argsValue = properties.getProperty("Args");
                    if (argsValue != null) {
                        translate(new ArrayDeque<>(Arrays.asList(argsValue.trim().split("\\s+"))), jar.getParent());
                    }
                } else if (CONFIG_FILES.containsKey(fileName)) {
                    builderArgs.add(CONFIG_FILES.get(fileName) + resource);
                }
            }
        }
    }

    private boolean isExcluded(Path jar, String resource) {
        return excludes.stream().anyMatch(e -> e.jar().matcher(jar.toString()).find() && e.resource().matcher(resource).find());
    }

    private List<String> builderInvocation(Path builderJars, Path clibraries, Path imageDir, String maxHeap) throws IOException {
        List<Path> jars;
        try (var files = Files.list(builderJars)) {
            jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
        // the compiler replaces the JDK's own jdk.graal.compiler, as in a GraalVM distribution (--upgrade-module-path)
        List<Path> compiler = jars.stream().filter(p -> p.getFileName().toString().startsWith("compiler-")).toList();
        List<Path> modulePath = jars.stream().filter(p -> !compiler.contains(p)).toList();
        Set<String> builderModules = new TreeSet<>();
        for (ModuleReference module : ModuleFinder.of(jars.toArray(Path[]::new)).findAll()) {
            builderModules.add(module.descriptor().name());
        }
        String version = jars.stream().map(p -> p.getFileName().toString())
                .filter(n -> n.startsWith("svm-") && n.matches("svm-[0-9.]+\\.jar"))
                .map(n -> n.substring(4, n.length() - 4)).findFirst().orElseThrow();

        List<String> all = new ArrayList<>(List.of(
                "-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI", "-XX:-UseJVMCICompiler",
                "-Xss10m", "-Xmx" + maxHeap, "-XX:+UseParallelGC", "-XX:+ExitOnOutOfMemoryError", "-Xshare:off",
                "-Djava.awt.headless=true",
                "-Dorg.graalvm.version=" + version,
                "-Dorg.graalvm.vendor=GraalVM Community",
                "-Dorg.graalvm.vendorversion=GraalVM CE " + version + " (builder jars from Maven Central)",
                "-Dcom.oracle.graalvm.isaot=true",
                "-Djava.system.class.loader=com.oracle.svm.hosted.NativeImageSystemClassLoader",
                "-Dorg.graalvm.nativeimage.imagecode=buildtime",
                "-Djdk.internal.lambda.disableEagerInitialization=true",
                "-Djdk.internal.lambda.eagerlyInitialize=false",
                "-Djava.lang.invoke.InnerClassLambdaMetafactory.initializeLambdas=false",
                "-Djava.lang.invoke.MethodHandle.DONT_INLINE_THRESHOLD=-1",
                "-Djava.lang.invoke.MethodHandle.PROFILE_GWT=false",
                "--add-modules=ALL-DEFAULT",
                "--enable-native-access=" + String.join(",", builderModules)));
        String targets = String.join(",", builderModules);
        // only the system modules the builder's JVM resolves: its boot layer plus what the builder modules require
        ModuleFinder builderFinder = ModuleFinder.compose(ModuleFinder.of(compiler.toArray(Path[]::new)),
                ModuleFinder.ofSystem(), ModuleFinder.of(modulePath.toArray(Path[]::new)));
        Set<String> roots = new TreeSet<>(builderModules);
        ModuleLayer.boot().modules().forEach(m -> roots.add(m.getName()));
        Configuration resolved = Configuration.empty().resolveAndBind(builderFinder, ModuleFinder.of(), roots);
        List<ModuleDescriptor> systemModules = resolved.modules().stream().map(ResolvedModule::reference)
                .map(ModuleReference::descriptor).sorted().toList();
        for (ModuleDescriptor descriptor : systemModules) {
            if (builderModules.contains(descriptor.name())) {
                continue;
            }
            for (String pkg : new TreeSet<>(descriptor.packages())) {
                all.add("--add-exports=" + descriptor.name() + "/" + pkg + "=" + targets);
                all.add("--add-opens=" + descriptor.name() + "/" + pkg + "=" + targets);
            }
        }
        all.addAll(javaArgs);
        all.add("--upgrade-module-path");
        all.add(join(compiler));
        all.add("--module-path");
        all.add(join(modulePath));
        all.add("--module");
        all.add("org.graalvm.nativeimage.builder/com.oracle.svm.hosted.NativeImageGeneratorRunner");

        all.add("-imagecp");
        all.add(join(List.copyOf(imageClasspath)));
        all.add("-H:CLibraryPath=" + clibraries);
        all.add("-H:Path=" + imageDir);
        all.addAll(builderArgs);
        all.add("-H:Name=" + imageName);
        all.add("-H:ImageBuildID=" + UUID.nameUUIDFromBytes(String.join(" ", builderArgs).getBytes(StandardCharsets.UTF_8)));
        // stop after the object file is written: linking needs C libraries that no registry here provides. The
        // object file goes to the builder's temporary directory, kept when named (SVM-<millis> under it)
        all.addAll(List.of("-H:+UnlockExperimentalVMOptions", "-H:+ExitAfterRelocatableImageWrite",
                "-H:TempDirectory=" + imageDir.resolve("tmp"), "-H:-UnlockExperimentalVMOptions"));
        return all;
    }

    private static String join(List<Path> paths) {
        return paths.stream().map(Path::toString).collect(Collectors.joining(":"));
    }

    /** Quoting for java's @argfile: an argument with white space, quotes or backslashes goes in double quotes. */
    private static String quote(String arg) {
        if (arg.matches("[^\\s\"'\\\\#]+")) {
            return arg;
        }
        return "\"" + arg.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
