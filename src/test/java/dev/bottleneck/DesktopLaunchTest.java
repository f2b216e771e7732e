package dev.bottleneck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar} restarts the app with JavaFX's modular jars, and only those, on the module path. */
class DesktopLaunchTest {

    @TempDir
    Path dir;

    private static Path jar(Path file, String... entries) throws Exception {
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out)) {
            for (String e : entries) {
                jar.putNextEntry(new JarEntry(e));
                jar.closeEntry();
            }
        }
        return file;
    }

    /** A build like target/: bottleneck.jar, lib/ with Maven's JavaFX jars (modular and empty) and another jar. */
    private Path build() throws Exception {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        jar(lib.resolve("javafx-graphics-21.0.11-linux.jar"), "module-info.class", "javafx/stage/Stage.class");
        jar(lib.resolve("javafx-graphics-21.0.11.jar"), "META-INF/MANIFEST.MF");
        jar(lib.resolve("javafx-controls-21.0.11-linux.jar"), "module-info.class");
        jar(lib.resolve("jackson-databind-2.21.3.jar"), "com/fasterxml/X.class");
        return jar(dir.resolve("bottleneck.jar"), "dev/bottleneck/Main.class");
    }

    @Test
    void theRelaunchPutsOnlyJavafxModulesOnTheModulePath() throws Exception {
        Path jar = build();
        Path javaHome = Path.of(System.getProperty("java.home"));
        List<String> cmd = DesktopLaunch.relaunchCommand(jar, javaHome, List.of("-Xmx4g", "-Dx=y")).orElseThrow();
        Path lib = dir.resolve("lib");
        assertEquals(List.of(javaHome.resolve("bin").resolve(cmd.get(0).endsWith(".exe") ? "java.exe" : "java")
                        .toString(), "-Xmx4g", "-Dx=y", "-Dbottleneck.relaunched=true",
                "--module-path", lib.resolve("javafx-controls-21.0.11-linux.jar") + File.pathSeparator
                        + lib.resolve("javafx-graphics-21.0.11-linux.jar"),
                "--add-modules", "javafx.controls,javafx.swing", "-cp", jar.toString(), "dev.bottleneck.Main"), cmd);
    }

    @Test
    void noRelaunchFromAClassesFolderOrWithoutJavafxJars() throws Exception {
        Path javaHome = Path.of(System.getProperty("java.home"));
        assertTrue(DesktopLaunch.relaunchCommand(dir, javaHome, List.of()).isEmpty(), "classes folder");
        assertTrue(DesktopLaunch.relaunchCommand(null, javaHome, List.of()).isEmpty(), "unknown location");
        Path lonely = jar(dir.resolve("bottleneck.jar"), "dev/bottleneck/Main.class");
        assertTrue(DesktopLaunch.relaunchCommand(lonely, javaHome, List.of()).isEmpty(), "no lib/");
    }

    @Test
    void noRelaunchWithoutAJavaExecutable() throws Exception {
        Path jar = build();
        // A jpackage runtime has no bin/java: the app image puts JavaFX on the module path itself.
        assertTrue(DesktopLaunch.relaunchCommand(jar, dir.resolve("runtime"), List.of()).isEmpty());
    }
}
