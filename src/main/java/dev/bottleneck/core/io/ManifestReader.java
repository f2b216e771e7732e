package dev.bottleneck.core.io;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.bottleneck.core.model.ModelConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.StringJoiner;

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

    /**
     * The file's JSON as a tree.
     *
     * @throws NoSuchFileException if it does not exist
     * @throws ModelFormatException if it is empty, truncated or not JSON
     */
    static JsonNode readTree(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
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

    /** A Jackson failure as "which file, what, where", in one line. */
    static ModelFormatException describe(Path file, JsonProcessingException e) {
        String problem;
        if (e instanceof JsonEOFException) {
            problem = "truncated JSON: it ends early" + at(e.getLocation());
        } else if (e instanceof InvalidTypeIdException t) {
            problem = t.getTypeId() == null
                    ? "model config without a family (this version knows " + families() + ")"
                    : "unknown model family \"" + t.getTypeId() + "\" (this version knows " + families() + ")";
        } else if (e instanceof ValueInstantiationException v && v.getCause() != null) {
            problem = "invalid " + path(v) + ": " + brief(v.getCause().getMessage());
        } else if (e instanceof JsonMappingException m) {
            String where = path(m);
            problem = (where.isEmpty() ? "" : "bad value at " + where + ": ") + brief(m.getOriginalMessage());
        } else {
            problem = "corrupt JSON" + at(e.getLocation()) + ": " + brief(e.getOriginalMessage());
        }
        return new ModelFormatException(file, problem, e);
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
        StringJoiner names = new StringJoiner(", ");
        for (JsonSubTypes.Type t : ModelConfig.class.getAnnotation(JsonSubTypes.class).value()) {
            names.add(t.name());
        }
        return names.toString();
    }
}
