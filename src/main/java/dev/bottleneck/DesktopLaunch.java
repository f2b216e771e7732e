package dev.bottleneck;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Starts the desktop app with JavaFX as named modules, the only configuration JavaFX supports: loaded from the class
 * path ({@code java -jar bottleneck.jar}) it warns "Unsupported JavaFX configuration: classes were loaded from
 * 'unnamed module'" at every start.
 *
 * <p>A jar's manifest cannot put jars on the module path, so {@code java -jar} starts a second JVM, the same java
 * with the same JVM options, with the JavaFX jars of {@code lib/} on the module path and the jar on the class path.
 * {@code mvn javafx:run} and the app image ({@code --module-path} in its launcher's options) already have JavaFX on
 * the module path and start in-process; so does anything this class cannot relaunch (no {@code lib/} beside the jar,
 * no {@code java} executable), which then only gets JavaFX's warning. The command line never loads JavaFX and never
 * relaunches.
 */
final class DesktopLaunch {

    /** Set on the relaunched JVM, so that it never relaunches again. */
    static final String RELAUNCHED = "bottleneck.relaunched";
    /** The JavaFX modules the app uses; they bring javafx.base and javafx.graphics. */
    static final List<String> MODULES = List.of("javafx.controls", "javafx.swing");

    private DesktopLaunch() {
    }

    /** True when JavaFX is in the boot layer as named modules (the module path), as JavaFX wants. */
    static boolean javafxIsNamed() {
        return ModuleLayer.boot().findModule("javafx.graphics").isPresent();
    }

    /**
     * The command that starts the app again with JavaFX on the module path, or empty when this process cannot:
     * Bottleneck was not loaded from a jar with a {@code lib/} folder of JavaFX's modular jars beside it, or
     * {@code javaHome} has no {@code bin/java} (a jpackage runtime has none).
     *
     * @param codeLocation the jar (or classes folder) Bottleneck was loaded from, or null
     * @param javaHome the running Java's home
     * @param jvmOptions the running JVM's options, passed on (heap size, system properties)
     */
    static Optional<List<String>> relaunchCommand(Path codeLocation, Path javaHome, List<String> jvmOptions) {
        if (codeLocation == null || !Files.isRegularFile(codeLocation) || codeLocation.getParent() == null) {
            return Optional.empty();
        }
        Path java = javaHome.resolve("bin").resolve(
                System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows") ? "java.exe"
                        : "java");
        List<Path> modules = javafxModules(codeLocation.getParent().resolve("lib"));
        if (!Files.isExecutable(java) || modules.isEmpty()) {
            return Optional.empty();
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.addAll(jvmOptions);
        cmd.add("-D" + RELAUNCHED + "=true");
        cmd.add("--module-path");
        cmd.add(String.join(File.pathSeparator, modules.stream().map(Path::toString).toList()));
        cmd.add("--add-modules");
        cmd.add(String.join(",", MODULES));
        cmd.add("-cp");
        cmd.add(codeLocation.toString());
        cmd.add(Main.class.getName());
        return Optional.of(cmd);
    }

    /**
     * The JavaFX jars in {@code lib} that are modules (Maven's {@code javafx-graphics-21-linux.jar}); the
     * classifier-less {@code javafx-graphics-21.jar} beside them is an empty placeholder and stays out.
     */
    static List<Path> javafxModules(Path lib) {
        if (!Files.isDirectory(lib)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(lib)) {
            return files.filter(p -> {
                String name = p.getFileName().toString();
                return name.startsWith("javafx-") && name.endsWith(".jar") && hasModuleInfo(p);
            }).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static boolean hasModuleInfo(Path jar) {
        try (JarFile f = new JarFile(jar.toFile())) {
            return f.getEntry("module-info.class") != null;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Runs {@code command} with this process's standard streams and returns its exit code; the child ends with this
     * process. Empty when it could not be started (then the caller starts the app in-process).
     */
    static Optional<Integer> run(List<String> command) {
        Process child;
        try {
            child = new ProcessBuilder(command).inheritIO().start();
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return Optional.empty();
        }
        Thread stop = new Thread(child::destroy, "stop-relaunched-app");
        Runtime.getRuntime().addShutdownHook(stop);
        while (true) {
            try {
                return Optional.of(child.waitFor());
            } catch (InterruptedException e) {
                child.destroy();
            }
        }
    }

    /** The jar (or classes folder) this class was loaded from, or null. */
    static Path codeLocation() {
        try {
            CodeSource source = DesktopLaunch.class.getProtectionDomain().getCodeSource();
            return source == null || source.getLocation() == null ? null : Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return null;
        }
    }
}
