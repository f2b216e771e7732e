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
    /** Less than this is no room for even the smallest model folder (whose manifest alone is a few kilobytes). */
    private static final long MIN_FREE_BYTES = 64 << 10;

    private SaveTarget() {
    }

    /**
     * Refuses a {@code target} that a save must not replace. Missing or empty: fine. A model folder holding only what
     * a save writes: fine. Anything else: a {@link FileProblemException} naming {@code shown} (the folder as the user
     * gave it) and saying why.
     */
    static void checkReplaceable(Path target, Path shown) throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return; // (also when a file stands above it: checkWritable says so)
        }
        BasicFileAttributes attrs = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
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

    /**
     * Checks that a save could write {@code target} (shown to the user as {@code shown}) before any work is done: the
     * folders above it are folders, and a file can be created and deleted where the temporary folder will go (and in
     * the target, whose old files a save deletes). The probe file is {@code .<name>.probe-<random>}, deleted at once
     * (or by the next save or load if the process dies in between).
     */
    static void checkWritable(Path target, Path shown) throws IOException {
        Path existing = target.getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw refuse(shown, "cannot be made: none of the folders above it exists");
        }
        if (!Files.isDirectory(existing)) {
            throw refuse(shown, "cannot be made: " + existing + " is a file, not a folder");
        }
        probe(existing, target, shown);
        try {
            long free = Files.getFileStore(existing).getUsableSpace();
            if (free < MIN_FREE_BYTES) {
                throw refuse(shown, "cannot save there: no space left on device (" + free + " bytes free in "
                        + existing + ")");
            }
        } catch (FileProblemException e) {
            throw e;
        } catch (IOException | SecurityException e) {
            // the store cannot say: the save itself will find out
        }
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            probe(target, target, shown);
        }
    }

    private static void probe(Path dir, Path target, Path shown) throws IOException {
        Path probe = FolderSwap.siblingIn(dir, target, FolderSwap.PROBE_MARK);
        try {
            Files.createFile(probe);
        } catch (IOException e) {
            throw refuse(shown, "cannot save there: " + reason(e) + (dir.equals(target) ? "" : " (in " + dir + ")"));
        }
        try {
            Files.delete(probe);
        } catch (IOException e) {
            // the next save or load of the folder deletes it
        }
    }

    /**
     * What went wrong with a file operation, in the words a user knows and without the file's name (which may be a
     * hidden temporary one): "permission denied", "no space left on device", "read-only file system", ...
     */
    static String reason(IOException e) {
        String text = e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                : e.getMessage();
        String lower = text == null ? "" : text.toLowerCase(java.util.Locale.ROOT);
        if (e instanceof java.nio.file.AccessDeniedException || lower.contains("permission denied")
                || lower.contains("access is denied")) {
            return "permission denied";
        }
        if (lower.contains("no space left") || lower.contains("not enough space") || lower.contains("disk full")) {
            return "no space left on device";
        }
        if (lower.contains("quota")) {
            return "disk quota exceeded";
        }
        if (lower.contains("read-only file system")) {
            return "read-only file system";
        }
        if (e instanceof java.nio.file.NotDirectoryException || lower.contains("not a directory")) {
            return "a file stands where a folder should be";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        if (e instanceof java.nio.file.FileSystemException) {
            return e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                    .toLowerCase(java.util.Locale.ROOT);
        }
        return text == null || text.isBlank() ? e.getClass().getSimpleName() : text;
    }

    private static FileProblemException refuse(Path shown, String problem) {
        return new FileProblemException(shown, problem, null);
    }
}
