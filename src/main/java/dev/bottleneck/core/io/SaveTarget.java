package dev.bottleneck.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bottleneck.core.FileProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decides whether a save may replace what is at a folder. A save replaces a folder only when it is a Bottleneck model
 * folder by its manifest ({@code model.json} with Bottleneck's {@code formatVersion}, {@code app},
 * {@code modelConfig} and {@code parameters}) and holds nothing but what a save writes; anything else the user put
 * there (a TensorFlow.js export, a thesis, a source folder) makes the save refuse, naming what it found.
 *
 * <p>The files a save writes are {@code model.json}, {@code parameters.bin} and {@code history.json}. The metadata
 * files that Finder and Explorer drop into any folder they show ({@code .DS_Store}, {@code Thumbs.db},
 * {@code desktop.ini}) are tolerated: they are the OS's, not the user's work, and a model folder someone once opened
 * would otherwise never be replaceable.
 */
final class SaveTarget {

    /** What a save writes into a model folder. */
    static final Set<String> SAVED_FILES = Set.of(ModelStore.MODEL_FILE, ModelStore.PARAMETERS_FILE,
            ModelStore.HISTORY_FILE);
    /** What a file browser writes into any folder it shows. */
    static final Set<String> OS_METADATA = Set.of(".DS_Store", "Thumbs.db", "desktop.ini");

    /** A manifest is a few kilobytes; a larger "model.json" is someone else's file and is not read whole. */
    private static final int MAX_MANIFEST_BYTES = 16 << 20;
    private static final int MAX_NAMES = 5;

    private SaveTarget() {
    }

    /**
     * Refuses a {@code target} that a save must not replace. Missing or empty: fine. A model folder holding only what
     * a save writes: fine. Anything else: a {@link FileProblemException} naming {@code shown} (the folder as the user
     * gave it) and saying why.
     */
    static void checkReplaceable(Path target, Path shown) throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException e) {
            return;
        }
        if (attrs.isSymbolicLink()) {
            throw refuse(shown, "is a symbolic link; give the folder it points to, or another name");
        }
        if (!attrs.isDirectory()) {
            throw refuse(shown, "is a file, not a model folder");
        }
        List<String> others = new ArrayList<>();
        boolean hasManifest = false;
        boolean hasSaved = false;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(target)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                boolean regular = Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS);
                if (regular && SAVED_FILES.contains(name)) {
                    hasSaved = true;
                    hasManifest |= name.equals(ModelStore.MODEL_FILE);
                } else if (!(regular && OS_METADATA.contains(name))) {
                    others.add(Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? name + "/" : name);
                }
            }
        }
        List<String> why = new ArrayList<>();
        if (hasManifest) {
            String notOurs = notBottleneckManifest(target.resolve(ModelStore.MODEL_FILE));
            if (notOurs != null) {
                why.add("its model.json is not a Bottleneck model description (" + notOurs + ")");
            }
        } else if (hasSaved) {
            why.add("it has no model.json, so it is not a Bottleneck model folder");
        }
        if (!others.isEmpty()) {
            others.sort(null);
            String listed = String.join(", ", others.subList(0, Math.min(MAX_NAMES, others.size())));
            why.add("it holds other files: " + listed
                    + (others.size() > MAX_NAMES ? " and " + (others.size() - MAX_NAMES) + " more" : ""));
        }
        if (!why.isEmpty()) {
            throw refuse(shown, "not replacing it: " + String.join("; ", why)
                    + ". A save replaces only a model folder that holds nothing but model.json, parameters.bin and "
                    + "history.json; choose another folder");
        }
    }

    /**
     * Why {@code file} is not a manifest Bottleneck wrote, in a few words that never quote its content; null if it
     * is one.
     */
    static String notBottleneckManifest(Path file) {
        JsonNode root;
        try {
            if (Files.size(file) > MAX_MANIFEST_BYTES) {
                return "it is larger than any manifest";
            }
            try (InputStream in = Files.newInputStream(file)) {
                root = ModelJson.MAPPER.readTree(in.readNBytes(MAX_MANIFEST_BYTES));
            }
        } catch (IOException e) {
            return "it is not JSON";
        }
        if (root == null || !root.isObject()) {
            return "it is not a JSON object";
        }
        JsonNode version = root.get("formatVersion");
        JsonNode app = root.get("app");
        if (version == null || !version.isIntegralNumber()) {
            return "no formatVersion";
        }
        if (app == null || !app.isTextual() || !app.asText().startsWith("Bottleneck")) {
            return "not written by Bottleneck";
        }
        if (!root.path("modelConfig").isObject() || !root.path("parameters").isObject()) {
            return "no modelConfig or parameters";
        }
        return null;
    }

    /**
     * True if {@code dir} is a real folder (not a link) whose entries are all regular files a save writes (or OS
     * metadata): a folder that deleting loses nothing of the user's. Used before deleting a leftover temporary or
     * backup folder; an unreadable folder is not deletable.
     */
    static boolean holdsOnlySavedFiles(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                        || !(SAVED_FILES.contains(name) || OS_METADATA.contains(name))) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static FileProblemException refuse(Path shown, String problem) {
        return new FileProblemException(shown, problem, null);
    }
}
