package dev.bottleneck.core.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.bottleneck.core.MemoryBudget;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads {@code model.json} (and the JSON of {@code history.json}) and turns every Jackson failure into a
 * {@link ModelFormatException} that names the file and says briefly what is wrong and where.
 */
final class ManifestReader {

    private static final int MAX_DETAIL = 160;

    private ManifestReader() {
    }

    /** The manifest, after checking its format version and required fields. */
    static ModelManifest read(Path file) throws IOException {
        JsonNode root;
        try {
            root = readTree(file);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(file,
                    "missing: this is not a Bottleneck model folder, or an incomplete one");
        }
        if (!root.isObject()) {
            throw new ModelFormatException(file, "not a model description: the JSON is not an object");
        }
        JsonNode version = root.get("formatVersion");
        if (version == null || !version.isIntegralNumber() || !version.canConvertToInt()) {
            throw new ModelFormatException(file, "no formatVersion: not a Bottleneck model description");
        }
        int v = version.intValue();
        if (v > ModelStore.FORMAT_VERSION) {
            JsonNode app = root.get("app");
            String by = app != null && app.isTextual() ? " (" + app.asText() + ")" : "";
            throw new ModelFormatException(file, "made by a newer Bottleneck" + by + ": format " + v
                    + ", this version reads up to " + ModelStore.FORMAT_VERSION);
        }
        if (v < 1) {
            throw new ModelFormatException(file, "unknown format version " + v);
        }
        for (String field : new String[] {"modelConfig", "parameters"}) {
            if (!root.hasNonNull(field)) {
                throw new ModelFormatException(file, "no " + field);
            }
        }
        try {
            return ModelJson.MAPPER.treeToValue(root, ModelManifest.class);
        } catch (JsonProcessingException e) {
            throw describe(file, e);
        }
    }

    /** The largest {@code model.json} read: a few KB in practice; anything near this is not a model description. */
    static final long MAX_MANIFEST_BYTES = 4L << 20;
    /** The largest {@code history.json} read: about 1 MB per 20 MNIST epochs, so some thousand epochs. */
    static final long MAX_HISTORY_BYTES = 64L << 20;

    /**
     * The file's JSON as a tree, read only if it is a regular file (after following links) of at most
     * {@link #MAX_MANIFEST_BYTES}.
     *
     * @throws NoSuchFileException if it does not exist
     * @throws ModelFormatException if it is not a regular file, too large, empty, truncated or not JSON
     */
    static JsonNode readTree(Path file) throws IOException {
        return readTree(file, MAX_MANIFEST_BYTES);
    }

    /** As {@link #readTree(Path)}, with a size limit of {@code maxBytes}. */
    static JsonNode readTree(Path file, long maxBytes) throws IOException {
        byte[] bytes = readBounded(file, maxBytes);
        JsonNode root;
        try {
            root = ModelJson.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw describe(file, e);
        }
        if (root == null || root.isMissingNode()) {
            throw new ModelFormatException(file, "empty: no JSON in it");
        }
        return root;
    }

    /**
     * The bytes of {@code file}, refusing before opening it anything that is not a regular file (a folder, a FIFO
     * that would block the read forever, a link to {@code /dev/zero} that never ends) or is larger than
     * {@code maxBytes}; the read itself stops at {@code maxBytes + 1} bytes, whatever the size said.
     *
     * @throws NoSuchFileException if it does not exist (or is a dangling link)
     */
    static byte[] readBounded(Path file, long maxBytes) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        if (!Files.isRegularFile(file)) {
            throw new ModelFormatException(file, "not a regular file but " + kindOf(file) + "; not reading it");
        }
        long size = Files.size(file);
        if (size > maxBytes) {
            throw tooLarge(file, size, maxBytes);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        }
        if (bytes.length > maxBytes) {
            throw tooLarge(file, bytes.length, maxBytes);
        }
        return bytes;
    }

    private static ModelFormatException tooLarge(Path file, long size, long maxBytes) {
        return new ModelFormatException(file, "too large: " + MemoryBudget.size(size) + ", more than the "
                + MemoryBudget.size(maxBytes) + " such a file of a model folder may be; not reading it");
    }

    /** What a path that is not a regular file is, in words. */
    static String kindOf(Path file) {
        if (Files.isDirectory(file)) {
            return "a folder";
        }
        String link = Files.isSymbolicLink(file) ? "a link to " : "";
        try {
            Object fifo = Files.getAttribute(file, "unix:mode");
            if (fifo instanceof Integer mode) {
                int type = mode & 0170000;
                String what = switch (type) {
                    case 0010000 -> "a named pipe (FIFO)";
                    case 0020000 -> "a character device";
                    case 0060000 -> "a block device";
                    case 0140000 -> "a socket";
                    default -> "a special file";
                };
                return link + what;
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // no unix attributes on this platform
        }
        return link + "a device, pipe or other special file";
    }

    /**
     * A Jackson failure as "which file, what, where", in one line, with none of the file's content: Jackson's own
     * messages quote the offending token ({@code Unrecognized token 'root'} for a model.json linked to
     * /etc/passwd), so they are never passed on; only the position, the JSON path and the expected type are.
     */
    static ModelFormatException describe(Path file, JsonProcessingException e) {
        String problem;
        if (e instanceof JsonEOFException) {
            problem = "truncated JSON: it ends early" + at(e.getLocation());
        } else if (e instanceof InvalidTypeIdException t) {
            problem = t.getTypeId() == null
                    ? "model config without a family (this version knows " + families() + ")"
                    : "unknown model family" + (SAFE_NAME.matcher(t.getTypeId()).matches() ? " \"" + t.getTypeId()
                    + "\"" : "") + " (this version knows " + families() + ")";
        } else if (e instanceof ValueInstantiationException v && v.getCause() != null) {
            // Our own config validation: it names the setting and its value, in a file that is a model description.
            problem = "invalid " + path(v) + ": " + brief(v.getCause().getMessage());
        } else if (e instanceof JsonMappingException m && path(m).isEmpty()) {
            problem = "corrupt JSON: not one JSON value" + at(e.getLocation()) + "; this is not a model description";
        } else if (e instanceof JsonMappingException m) {
            String where = path(m);
            Class<?> target = m instanceof MismatchedInputException mi ? mi.getTargetType() : null;
            String expected = target == dev.bottleneck.core.model.LossTerms.class
                    ? brief(m.getOriginalMessage()) // ModelJson's own words, naming only known term names
                    : target != null ? "not a valid " + typeName(target) : "not a value this field can hold";
            problem = "bad value at " + where + ": " + expected;
        } else {
            problem = "corrupt JSON: it cannot be parsed" + at(e.getLocation()) + "; this is not a model description";
        }
        return new ModelFormatException(file, problem, e);
    }

    /** A type id short and plain enough to quote back. */
    private static final java.util.regex.Pattern SAFE_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_.-]{1,32}");

    /** A Java type as a JSON reader would call it: "number", "text", "list", "object". */
    private static String typeName(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "whole number";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "text";
        }
        if (type.isEnum()) {
            return "name (one of " + java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(java.util.stream.Collectors.joining(", ")) + ")";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "list";
        }
        return "object";
    }

    private static String at(JsonLocation loc) {
        if (loc == null || loc.getLineNr() < 1) {
            return "";
        }
        return " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
    }

    /** The JSON path of a mapping failure: {@code modelConfig.hidden[1]}. */
    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String brief(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.lines().findFirst().orElse("").trim();
        return line.length() <= MAX_DETAIL ? line : line.substring(0, MAX_DETAIL) + "...";
    }

    private static String families() {
        return String.join(", ", dev.bottleneck.core.model.ModelKind.families());
    }
}
