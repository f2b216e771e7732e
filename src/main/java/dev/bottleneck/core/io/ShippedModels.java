package dev.bottleneck.core.io;

import dev.bottleneck.core.ShippedFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The pretrained models that ship in {@code models/}, made with Bottleneck's own {@code train} verb (the command is in
 * each {@code model.json} and in {@code models/README.md}).
 */
public final class ShippedModels {

    /** System property naming the models folder. */
    public static final String PROPERTY = "bottleneck.models";
    /** The model the app opens on first: a 2-D VAE on MNIST, whose latent space is the scatter itself. */
    public static final String FIRST = "mnist-vae-2";

    private ShippedModels() {
    }

    /** The shipped models folder, if one of the usual places has it. */
    public static Optional<Path> directory() {
        return ShippedFolders.candidates("models", PROPERTY).stream().filter(Files::isDirectory).findFirst();
    }

    /** Every model folder in {@code dir} (those holding a model.json), by name. */
    public static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isRegularFile(p.resolve(ModelStore.MODEL_FILE))).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Every shipped model folder. */
    public static List<Path> list() {
        return directory().map(ShippedModels::list).orElse(List.of());
    }

    /**
     * The model folder a user's {@code --model} names. The path itself when it exists (relative to the working
     * directory); otherwise, for a relative {@code models/NAME} or {@code NAME}, the shipped model NAME wherever the
     * shipped models are: beside the jar, which in an installed app is {@code lib/app/models}, where README's
     * {@code --model models/mnist-vae-2} does not exist relative to the user's working directory. Else the path as
     * given, so that the error names what the user typed.
     */
    public static Path resolve(Path given) {
        return resolve(given, Path.of(""), ShippedFolders.candidates("models", PROPERTY));
    }

    /**
     * {@link #resolve(Path)} with the working directory and the places of the shipped models folder given.
     *
     * @param modelDirs candidate shipped {@code models/} folders, in order
     */
    public static Path resolve(Path given, Path workingDir, List<Path> modelDirs) {
        if (given.isAbsolute() || Files.exists(workingDir.resolve(given))) {
            return given;
        }
        Path name = given.normalize();
        if (name.getNameCount() > 1 && name.getName(0).toString().equals("models")) {
            name = name.subpath(1, name.getNameCount());
        }
        if (name.toString().isEmpty() || name.startsWith("..")) {
            return given;
        }
        for (Path dir : modelDirs) {
            Path candidate = dir.resolve(name);
            if (Files.isRegularFile(candidate.resolve(ModelStore.MODEL_FILE))) {
                return candidate;
            }
        }
        return given;
    }

    /** The model to open on first start, if it shipped. */
    public static Optional<Path> first() {
        return directory().map(d -> d.resolve(FIRST)).filter(p -> Files.isRegularFile(p.resolve(ModelStore.MODEL_FILE)));
    }
}
