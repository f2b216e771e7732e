package dev.bottleneck.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bottleneck.core.model.Activation;
import dev.bottleneck.core.model.Autoencoder;
import dev.bottleneck.core.model.AutoencoderConfig;
import dev.bottleneck.core.model.Likelihood;
import dev.bottleneck.core.model.ModelConfig;
import dev.bottleneck.core.model.ModelKind;
import dev.bottleneck.core.model.ModelSetting;
import dev.bottleneck.core.model.ModelSettings;
import dev.bottleneck.core.model.NeuralConfig;
import dev.bottleneck.core.model.Parameter;
import dev.bottleneck.core.model.Sparsity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * MLP autoencoders and VAEs exchanged with PyTorch as {@code NAME.json} + {@code NAME.npz}, the format of
 * {@code interop/export_torch.py}.
 *
 * <p>The JSON says what the net is: {@code family} ("ae" or "vae"), {@code inputDim}, {@code hidden},
 * {@code latentDim}, {@code activation} (relu, tanh, sigmoid, elu), {@code likelihood} (bernoulli, gaussian),
 * optionally {@code gaussianSigma} (default 0.1), {@code codeActivation} ("identity", or "sigmoid" for the code of a
 * KL-sparse AE), {@code beta} (VAE, default 1), {@code layout} (must be "torch") and {@code arrays} (the .npz file,
 * beside the JSON; default NAME.npz). The .npz holds one float32 array per Bottleneck parameter, named as
 * {@link Parameter#name()} ("encoder.0.weight" ... "decoder.N.bias"), in PyTorch's layout: a weight is
 * nn.Linear's {@code out x in} (Bottleneck stores {@code in x out}: loading and exporting transpose), a bias is 1-D.
 * A VAE's last encoder layer has {@code 2 * latentDim} outputs, mu first, then logvar.
 *
 * <p>Only the architecture and the weights travel: training settings (beta aside), history and metrics do not.
 */
public final class TorchModels {

    /** The value of the JSON's {@code format} field. */
    public static final String FORMAT = "bottleneck-mlp";
    public static final int VERSION = 1;

    private TorchModels() {
    }

    /**
     * Builds the model that {@code json} describes, with the weights of its .npz.
     *
     * @throws ModelFormatException if a field is missing or invalid, an array is missing, extra, of the wrong shape
     *     or not float32, or a file is truncated; the message names the file and the problem
     * @throws IOException if reading fails
     */
    public static Autoencoder load(Path json) throws IOException {
        if (!Files.isRegularFile(json)) {
            throw new ModelFormatException(json, Files.exists(json) ? "not a file" : "no such file");
        }
        JsonNode root = ManifestReader.readTree(json);
        if (!root.isObject()) {
            throw new ModelFormatException(json, "not a JSON object");
        }
        String format = root.path("format").asText(FORMAT);
        if (!FORMAT.equals(format)) {
            throw new ModelFormatException(json, "format '" + format + "', expected '" + FORMAT + "'");
        }
        int version = root.path("version").asInt(VERSION);
        if (version != VERSION) {
            throw new ModelFormatException(json, "format version " + version + "; this Bottleneck reads version "
                    + VERSION);
        }
        String layout = root.path("layout").asText("torch");
        if (!"torch".equals(layout)) {
            throw new ModelFormatException(json, "layout '" + layout + "', only 'torch' (weights out x in) is read");
        }
        ModelConfig config = configOf(root, json);
        Path npz = arraysFile(json, root.path("arrays").asText(defaultArrays(json)));
        Map<String, Npz.Array> arrays = Npz.read(npz);
        Autoencoder model = config.build(0);
        Map<String, Npz.Array> unused = new LinkedHashMap<>(arrays);
        for (Parameter p : model.parameters()) {
            Npz.Array a = unused.remove(p.name());
            boolean weight = p.name().endsWith(".weight");
            int[] expected = weight ? new int[] {p.value().cols, p.value().rows} : new int[] {p.value().cols};
            if (a == null) {
                throw new ModelFormatException(npz, "missing array '" + p.name() + "' of shape "
                        + Npz.Array.shapeText(expected) + " that " + json.getFileName() + " implies");
            }
            if (!Arrays.equals(a.shape(), expected)) {
                throw new ModelFormatException(npz, "array '" + p.name() + "' has shape " + a.shapeText() + ", but "
                        + json.getFileName() + " implies " + Npz.Array.shapeText(expected)
                        + (weight ? " (PyTorch layout: out x in)" : ""));
            }
            FiniteValues.require(npz, p.name(), a.data(), a.shape().length == 2 ? a.shape()[1] : 0);
            float[] dst = p.value().data;
            if (weight) {
                transpose(a.data(), p.value().cols, p.value().rows, dst); // out x in -> in x out
            } else {
                System.arraycopy(a.data(), 0, dst, 0, dst.length);
            }
            p.value().changed();
        }
        if (!unused.isEmpty()) {
            throw new ModelFormatException(npz, "unexpected array(s) " + unused.keySet() + " for the net that "
                    + json.getFileName() + " describes");
        }
        return model;
    }

    /**
     * Writes {@code model} (an AE or VAE) as {@code json} and the .npz beside it ({@code NAME.npz} for
     * {@code NAME.json}), which {@link #load} and {@code export_torch.py}'s {@code load} read.
     *
     * @throws IllegalArgumentException for a model without parameters (PCA)
     */
    public static void export(Autoencoder model, Path json) throws IOException {
        ModelConfig config = model.config();
        ObjectNode root = ModelJson.MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        if (!(config instanceof NeuralConfig net) || model.parameters().isEmpty()) {
            throw new IllegalArgumentException("only AE and VAE models can be exported to PyTorch, not "
                    + config.kind().label());
        }
        // What travels besides the layers is read from the neutral settings, never from a family's record.
        ModelSettings settings = config.settings();
        root.put("family", config.kind().family());
        if (settings.beta() != null) {
            root.put("beta", settings.beta());
        }
        // The KL-sparse AE's code is sigmoid(...); every other code is the encoder's linear output.
        String codeActivation = settings.sparsity() == Sparsity.KL ? "sigmoid" : "identity";
        List<Integer> hidden = net.hidden();
        Activation activation = net.activation();
        Likelihood likelihood = net.likelihood();
        double sigma = net.gaussianSigma();
        root.put("inputDim", config.inputDim());
        ArrayNode h = root.putArray("hidden");
        hidden.forEach(h::add);
        root.put("latentDim", config.latentDim());
        root.put("activation", activation.name().toLowerCase(Locale.ROOT));
        root.put("likelihood", likelihood.name().toLowerCase(Locale.ROOT));
        root.put("gaussianSigma", sigma);
        root.put("codeActivation", codeActivation);
        root.put("layout", "torch");
        String arraysName = defaultArrays(json);
        root.put("arrays", arraysName);
        ObjectNode shapes = root.putObject("parameters");
        Map<String, Npz.Array> arrays = new LinkedHashMap<>();
        for (Parameter p : model.parameters()) {
            int rows = p.value().rows;
            int cols = p.value().cols;
            Npz.Array a;
            if (p.name().endsWith(".weight")) {
                float[] t = new float[rows * cols];
                transpose(p.value().data, rows, cols, t); // in x out -> out x in
                a = new Npz.Array(new int[] {cols, rows}, t);
            } else {
                a = new Npz.Array(new int[] {rows * cols}, p.value().data.clone());
            }
            arrays.put(p.name(), a);
            ArrayNode s = shapes.putArray(p.name());
            Arrays.stream(a.shape()).forEach(s::add);
        }
        Path dir = json.toAbsolutePath().getParent();
        Npz.write(dir.resolve(arraysName), arrays);
        Path tmp = Files.createTempFile(dir, json.getFileName().toString(), ".tmp");
        try {
            ModelJson.writer().writeValue(tmp.toFile(), root);
            Files.move(tmp, json, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static ModelConfig configOf(JsonNode root, Path json) throws ModelFormatException {
        String family = text(root, "family", json).toLowerCase(Locale.ROOT);
        int inputDim = integer(root, "inputDim", json);
        int latentDim = integer(root, "latentDim", json);
        JsonNode hiddenNode = required(root, "hidden", json);
        if (!hiddenNode.isArray()) {
            throw new ModelFormatException(json, "field 'hidden' must be a list of layer sizes, not " + hiddenNode);
        }
        List<Integer> hidden = new ArrayList<>();
        for (JsonNode n : hiddenNode) {
            if (!n.canConvertToInt() || !n.isIntegralNumber()) {
                throw new ModelFormatException(json, "field 'hidden' must hold whole numbers, not " + hiddenNode);
            }
            hidden.add(n.intValue());
        }
        Activation activation = parse(Activation.class, text(root, "activation", json), "activation", json);
        Likelihood likelihood = parse(Likelihood.class, text(root, "likelihood", json), "likelihood", json);
        double sigma = root.path("gaussianSigma").asDouble(AutoencoderConfig.DEFAULT_SIGMA);
        String code = root.path("codeActivation").asText("identity").toLowerCase(Locale.ROOT);
        ModelKind kind = ModelKind.ofFamily(family).filter(k -> !k.closedForm()).orElseThrow(() ->
                new ModelFormatException(json, "family '" + family + "', expected " + gradientFamilies()));
        Sparsity sparsity = switch (code) {
            case "identity" -> null;
            // The KL-sparse AE's code is sigmoid(...); weight 0 keeps the architecture, not the penalty.
            case "sigmoid" -> Sparsity.KL;
            default -> throw new ModelFormatException(json, "codeActivation '" + code
                    + "' is not supported (identity, or sigmoid for an AE)");
        };
        if (sparsity != null && !kindWithSparsity(kind.family())) {
            throw new ModelFormatException(json, "a " + kind.label() + "'s codeActivation must be identity, not '"
                    + code + "'");
        }
        JsonNode beta = root.path("beta");
        ModelSettings s = new ModelSettings(latentDim, hidden, activation, likelihood, sigma,
                beta.isMissingNode() || beta.isNull() ? null : beta.asDouble(1.0), 0, 0, 0, 0, sparsity, 0,
                AutoencoderConfig.DEFAULT_SPARSITY_TARGET, null, null);
        try {
            return kind.configure(inputDim, s);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(json, e.getMessage(), e);
        }
    }

    /** The families a PyTorch file may name: those of the kinds trained by gradient steps ("ae" or "vae"). */
    private static String gradientFamilies() {
        List<String> names = new ArrayList<>();
        for (ModelKind k : ModelKind.values()) {
            if (!k.closedForm() && !names.contains(k.family())) {
                names.add("'" + k.family() + "'");
            }
        }
        return String.join(" or ", names);
    }

    /** True when some kind of this family has a sparsity penalty (whose KL form makes the code a sigmoid). */
    private static boolean kindWithSparsity(String family) {
        for (ModelKind k : ModelKind.values()) {
            if (k.family().equals(family) && k.has(ModelSetting.SPARSITY)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode required(JsonNode root, String field, Path json) throws ModelFormatException {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            throw new ModelFormatException(json, "missing field '" + field + "'");
        }
        return n;
    }

    private static String text(JsonNode root, String field, Path json) throws ModelFormatException {
        JsonNode n = required(root, field, json);
        if (!n.isTextual()) {
            throw new ModelFormatException(json, "field '" + field + "' must be a string, not " + n);
        }
        return n.asText();
    }

    private static int integer(JsonNode root, String field, Path json) throws ModelFormatException {
        JsonNode n = required(root, field, json);
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw new ModelFormatException(json, "field '" + field + "' must be a whole number, not " + n);
        }
        return n.intValue();
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field, Path json)
            throws ModelFormatException {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(json, field + " '" + value + "' is not one of "
                    + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
        }
    }

    private static String defaultArrays(Path json) {
        String name = json.getFileName().toString();
        return (name.endsWith(".json") ? name.substring(0, name.length() - 5) : name) + ".npz";
    }

    private static Path arraysFile(Path json, String name) throws ModelFormatException {
        Path p = Path.of(name);
        if (p.isAbsolute() || p.getNameCount() != 1 || name.equals("..")) {
            throw new ModelFormatException(json, "field 'arrays' must name a file beside it, not '" + name + "'");
        }
        Path dir = json.toAbsolutePath().getParent();
        return dir.resolve(name);
    }

    /** {@code dst (cols x rows) = src (rows x cols)} transposed. */
    private static void transpose(float[] src, int rows, int cols, float[] dst) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                dst[c * rows + r] = src[r * cols + c];
            }
        }
    }
}
