package dev.bottleneck.core;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where the folders that ship with Bottleneck ({@code datasets/}, {@code models/}) may be: the folder a system
 * property names, then under the working directory, then beside the running jar or build output
 * ({@code target/bottleneck.jar} and {@code target/classes} find the project folder above {@code target/}).
 */
public final class ShippedFolders {

    private ShippedFolders() {
    }

    /** The places to look for {@code folder} in this process, in order. */
    public static List<Path> candidates(String folder, String property) {
        return candidates(folder, System.getProperty(property), Path.of(""), codeLocation());
    }

    /**
     * Where {@code folder} may be, in order, without duplicates.
     *
     * @param property the value of the system property that names the folder, or null
     * @param workingDir the working directory
     * @param codeLocation the jar (or classes folder) Bottleneck was loaded from, or null
     */
    public static List<Path> candidates(String folder, String property, Path workingDir, Path codeLocation) {
        Set<Path> roots = new LinkedHashSet<>();
        if (property != null && !property.isBlank()) {
            try {
                roots.add(Path.of(property.strip()).toAbsolutePath().normalize());
            } catch (InvalidPathException e) {
                // Not a usable path: the other places are still worth a look.
            }
        }
        roots.add(workingDir.toAbsolutePath().resolve(folder).normalize());
        if (codeLocation != null) {
            Path loc = codeLocation.toAbsolutePath().normalize();
            if (Files.isDirectory(loc)) {
                // target/classes when run from the build or an IDE: the project folder is two up.
                Path project = loc.getParent() == null ? null : loc.getParent().getParent();
                if (project != null) {
                    roots.add(project.resolve(folder));
                }
            } else if (loc.getParent() != null) {
                Path jarDir = loc.getParent();
                if (jarDir.getParent() != null) {
                    roots.add(jarDir.getParent().resolve(folder));
                }
                roots.add(jarDir.resolve(folder));
            }
        }
        return List.copyOf(roots);
    }

    private static Path codeLocation() {
        try {
            CodeSource source = ShippedFolders.class.getProtectionDomain().getCodeSource();
            return source == null || source.getLocation() == null ? null : Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return null; // not loaded from a plain file (a custom class loader): the other places remain
        }
    }
}
