package dev.bottleneck.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bottleneck.core.model.Activation;
import dev.bottleneck.core.model.Autoencoder;
import dev.bottleneck.core.model.AutoencoderConfig;
import dev.bottleneck.core.model.ConvArchitecture;
import dev.bottleneck.core.model.ConvSpec;
import dev.bottleneck.core.model.GradientModel;
import dev.bottleneck.core.model.LayerSpec;
import dev.bottleneck.core.model.Likelihood;
import dev.bottleneck.core.model.Matrix;
import dev.bottleneck.core.model.ModelConfig;
import dev.bottleneck.core.model.ModelKind;
import dev.bottleneck.core.model.ModelSetting;
import dev.bottleneck.core.model.ModelSettings;
import dev.bottleneck.core.model.NetworkSpec;
import dev.bottleneck.core.model.NeuralConfig;
import dev.bottleneck.core.model.Parameter;
import dev.bottleneck.core.model.Shape;
import dev.bottleneck.core.model.Sparsity;
import dev.bottleneck.core.model.TcVaeConfig;
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
 * MLP and convolutional autoencoders and VAEs exchanged with PyTorch as {@code NAME.json} + {@code NAME.npz}, the
 * format of {@code interop/export_torch.py}.
 *
 * <p>The JSON says what the net is: {@code family} ("ae", "vae" or "tcvae"), {@code inputDim}, {@code hidden} (MLP),
 * {@code latentDim}, {@code activation} (relu, tanh, sigmoid, elu, leaky_relu), {@code likelihood} (bernoulli, gaussian),
 * optionally {@code gaussianSigma} (default 0.1), {@code codeActivation} ("identity", or "sigmoid" for the code of a
 * KL-sparse MLP AE), {@code beta} (VAE, default 1; the beta-TCVAE's weight of the total correlation, default 6),
 * for the beta-TCVAE {@code alpha} and {@code gamma} (the weights of the index-code MI and the dimension-wise KL,
 * default 1) and {@code datasetSize} and {@code batchSize} (the N and M its minibatch estimator was trained with; 0
 * or absent: not known), {@code layout} (must be "torch") and {@code arrays} (the .npz
 * file, beside the JSON; default NAME.npz). A convolutional model (format version 2) has {@code conv} instead of
 * {@code hidden}: {@code {"image": {"channels", "height", "width"}, "channels": [..], "kernel", "stride",
 * "padding", "dense": [..]}}, the {@link ConvArchitecture} of {@link dev.bottleneck.core.model.ConvNets}; its
 * {@code inputDim} must be the image's size. Version 1 (every MLP file, as before) has no {@code conv}, so readers
 * of version 1 keep reading MLP exports; a version-1 reader refuses a conv file by its version.
 *
 * <p>The .npz holds one float32 array per Bottleneck parameter, named as {@link Parameter#name()}
 * ("encoder.0.weight" ... "decoder.N.bias", N the layer's position in its network, a flatten or reshape counting),
 * in PyTorch's layout: a dense weight is nn.Linear's {@code out x in} (Bottleneck stores {@code in x out}: loading
 * and exporting transpose), a convolution's weight nn.Conv2d's {@code (out, in, kH, kW)} and a transposed
 * convolution's nn.ConvTranspose2d's {@code (in, out, kH, kW)} (Bottleneck stores both in that order, flattened to
 * two dimensions: loading and exporting only reshape), a bias is 1-D. A VAE's last encoder layer has
 * {@code 2 * latentDim} outputs, mu first, then logvar; so has a beta-TCVAE's, whose nets are a VAE's.
 *
 * <p>Only the architecture, the weights and the objective's weights travel: training settings, history and metrics
 * do not.
 */
public final class TorchModels {

    /** The value of the JSON's {@code format} field (historic: it names convolutional models too). */
    public static final String FORMAT = "bottleneck-mlp";
    /** The version of an MLP's file: the first, which every reader reads. */
    public static final int MLP_VERSION = 1;
    /** The newest version, written for convolutional models (it adds {@code conv}); this reads 1 and 2. */
    public static final int VERSION = 2;

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
        int version = root.path("version").asInt(MLP_VERSION);
        if (version < MLP_VERSION || version > VERSION) {
            throw new ModelFormatException(json, "format version " + version + "; this Bottleneck reads versions "
                    + MLP_VERSION + " to " + VERSION);
        }
        if (version < 2 && root.has("conv")) {
            throw new ModelFormatException(json, "field 'conv' (a convolutional model) needs format version 2, not "
                    + version);
        }
        String layout = root.path("layout").asText("torch");
        if (!"torch".equals(layout)) {
            throw new ModelFormatException(json, "layout '" + layout + "', only 'torch' (weights out x in) is read");
        }
        ModelConfig config = configOf(root, json);
        Path npz = arraysFile(json, root.path("arrays").asText(defaultArrays(json)));
        Map<String, Npz.Array> arrays = Npz.read(npz);
        GradientModel model = (GradientModel) config.build(0);
        Map<String, TorchTensor> tensors = torchTensors(model);
        Map<String, Npz.Array> unused = new LinkedHashMap<>(arrays);
        for (Parameter p : model.parameters()) {
            Npz.Array a = unused.remove(p.name());
            TorchTensor t = tensors.get(p.name());
            if (a == null) {
                throw new ModelFormatException(npz, "missing array '" + p.name() + "' of shape "
                        + Npz.Array.shapeText(t.shape()) + " that " + json.getFileName() + " implies");
            }
            if (!Arrays.equals(a.shape(), t.shape())) {
                throw new ModelFormatException(npz, "array '" + p.name() + "' has shape " + a.shapeText() + ", but "
                        + json.getFileName() + " implies " + Npz.Array.shapeText(t.shape())
                        + (t.layout() == null ? "" : " (PyTorch layout: " + t.layout() + ")"));
            }
            FiniteValues.require(npz, p.name(), a.data(), a.shape().length == 2 ? a.shape()[1] : 0);
            float[] dst = p.value().data;
            if (t.transposed()) {
                transpose(a.data(), p.value().cols, p.value().rows, dst); // out x in -> in x out
            } else {
                System.arraycopy(a.data(), 0, dst, 0, dst.length); // same order: only the shape differs
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
        if (!(config instanceof NeuralConfig net) || !(model instanceof GradientModel gradientModel)
                || model.parameters().isEmpty()) {
            throw new IllegalArgumentException("only AE, VAE and beta-TCVAE models can be exported to PyTorch, not "
                    + config.kind().label());
        }
        if (!interchangeable(config.kind())) {
            throw new IllegalArgumentException(config.kind().label() + " models cannot be exported to PyTorch yet:"
                    + " export_torch.py has no discriminator, and its gamma and layers would not travel");
        }
        ConvArchitecture conv = net.conv();
        ObjectNode root = ModelJson.MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", conv == null ? MLP_VERSION : VERSION);
        // What travels besides the layers is read from the neutral settings, never from a family's record.
        ModelSettings settings = config.settings();
        root.put("family", config.kind().family());
        if (settings.beta() != null) {
            root.put("beta", settings.beta());
        }
        // The beta-TCVAE's other weights, and the N and M its estimator was trained with (not settings: training
        // fills them in), so that PyTorch can compute the same objective.
        if (settings.tcAlpha() != null) {
            root.put("alpha", settings.tcAlpha());
        }
        if (settings.tcGamma() != null) {
            root.put("gamma", settings.tcGamma());
        }
        if (config instanceof TcVaeConfig tc) {
            root.put("datasetSize", tc.datasetSize());
            root.put("batchSize", tc.batchSize());
        }
        // The KL-sparse AE's code is sigmoid(...); every other code is the encoder's linear output.
        String codeActivation = settings.sparsity() == Sparsity.KL ? "sigmoid" : "identity";
        List<Integer> hidden = net.hidden();
        Activation activation = net.activation();
        Likelihood likelihood = net.likelihood();
        double sigma = net.gaussianSigma();
        root.put("inputDim", config.inputDim());
        if (conv == null) {
            ArrayNode h = root.putArray("hidden");
            hidden.forEach(h::add);
        } else {
            writeConv(root.putObject("conv"), conv);
        }
        root.put("latentDim", config.latentDim());
        root.put("activation", activation.name().toLowerCase(Locale.ROOT));
        root.put("likelihood", likelihood.name().toLowerCase(Locale.ROOT));
        root.put("gaussianSigma", sigma);
        root.put("codeActivation", codeActivation);
        root.put("layout", "torch");
        String arraysName = defaultArrays(json);
        root.put("arrays", arraysName);
        ObjectNode shapes = root.putObject("parameters");
        Map<String, Npz.Array> arrays = torchArrays(gradientModel, false);
        arrays.forEach((name, a) -> {
            ArrayNode s = shapes.putArray(name);
            Arrays.stream(a.shape()).forEach(s::add);
        });
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
        JsonNode convNode = root.get("conv");
        Shape image = null;
        ConvSpec spec = null;
        List<Integer> hidden;
        if (convNode != null && !convNode.isNull()) {
            if (!convNode.isObject()) {
                throw new ModelFormatException(json, "field 'conv' must be an object, not " + convNode);
            }
            JsonNode img = required(convNode, "image", json, "conv.");
            try {
                image = Shape.image(integer(img, "channels", json, "conv.image."),
                        integer(img, "height", json, "conv.image."), integer(img, "width", json, "conv.image."));
                spec = new ConvSpec(integers(convNode, "channels", json, "conv."),
                        integer(convNode, "kernel", json, "conv."), integer(convNode, "stride", json, "conv."),
                        integer(convNode, "padding", json, "conv."), integers(convNode, "dense", json, "conv."));
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(json, "conv: " + e.getMessage(), e);
            }
            if (image.size() != inputDim) {
                throw new ModelFormatException(json, "inputDim " + inputDim + " is not the size of the "
                        + image + " image in 'conv' (" + image.size() + ")");
            }
            hidden = spec.dense();
            if (root.has("hidden") && !integers(root, "hidden", json, "").equals(hidden)) {
                throw new ModelFormatException(json, "field 'hidden' " + root.get("hidden") + " is not conv.dense "
                        + hidden + " (a convolutional model's hidden layers are its dense layers)");
            }
        } else {
            hidden = integers(root, "hidden", json, "");
        }
        Activation activation = parse(Activation.class, text(root, "activation", json), "activation", json);
        Likelihood likelihood = parse(Likelihood.class, text(root, "likelihood", json), "likelihood", json);
        double sigma = root.path("gaussianSigma").asDouble(AutoencoderConfig.DEFAULT_SIGMA);
        String code = root.path("codeActivation").asText("identity").toLowerCase(Locale.ROOT);
        boolean convolutional = image != null;
        // The first kind of the family with these nets: AE, VAE or beta-TCVAE, or their conv kinds (beta makes the
        // beta-VAE kinds).
        ModelKind kind = Arrays.stream(ModelKind.values())
                .filter(k -> k.family().equals(family) && interchangeable(k) && k.needsImages() == convolutional)
                .findFirst().orElseThrow(() ->
                new ModelFormatException(json, "family '" + family + "', expected " + gradientFamilies()));
        Sparsity sparsity = switch (code) {
            case "identity" -> null;
            // The KL-sparse AE's code is sigmoid(...); weight 0 keeps the architecture, not the penalty.
            case "sigmoid" -> Sparsity.KL;
            default -> throw new ModelFormatException(json, "codeActivation '" + code
                    + "' is not supported (identity, or sigmoid for an AE)");
        };
        if (sparsity != null && !kindWithSparsity(kind.family(), convolutional)) {
            throw new ModelFormatException(json, "a " + kind.label() + "'s codeActivation must be identity, not '"
                    + code + "'");
        }
        ModelSettings s = new ModelSettings(latentDim, hidden, activation, likelihood, sigma,
                optionalNumber(root, "beta", json), 0, 0, 0, 0, sparsity, 0,
                AutoencoderConfig.DEFAULT_SPARSITY_TARGET, null, spec, optionalNumber(root, "alpha", json),
                optionalNumber(root, "gamma", json));
        ModelConfig config;
        try {
            config = kind.configure(convolutional ? image : Shape.features(inputDim), s);
            if (config instanceof TcVaeConfig tc) {
                config = tc.withTrainingSet(count(root, "datasetSize", json), (int) Math.min(Integer.MAX_VALUE,
                        count(root, "batchSize", json)));
            }
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(json, e.getMessage(), e);
        }
        return config;
    }

    /** A number field that may be absent (null: the kind's default). */
    private static Double optionalNumber(JsonNode root, String field, Path json) throws ModelFormatException {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isNumber()) {
            throw new ModelFormatException(json, "field '" + field + "' must be a number, not " + n);
        }
        return n.asDouble();
    }

    /** A count that may be absent (0: not known), else a whole number >= 0: the beta-TCVAE's N and M. */
    private static long count(JsonNode root, String field, Path json) throws ModelFormatException {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return 0;
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < 0) {
            throw new ModelFormatException(json, "field '" + field + "' must be a whole number >= 0, not " + n);
        }
        return n.asLong();
    }

    /**
     * True for the kinds the PyTorch interop carries: those trained by gradient steps, but FactorVAE, whose
     * discriminator export_torch.py does not have.
     */
    private static boolean interchangeable(ModelKind k) {
        return !k.closedForm() && !k.has(ModelSetting.DISCRIMINATOR);
    }

    /** The families a PyTorch file may name: those of the kinds trained by gradient steps ("ae" or "vae"). */
    private static String gradientFamilies() {
        List<String> names = new ArrayList<>();
        for (ModelKind k : ModelKind.values()) {
            if (interchangeable(k) && !names.contains(k.family())) {
                names.add("'" + k.family() + "'");
            }
        }
        return String.join(" or ", names);
    }

    /**
     * True when some kind of this family, on convolutional nets or not, has a sparsity penalty (whose KL form makes
     * the code a sigmoid).
     */
    private static boolean kindWithSparsity(String family, boolean convolutional) {
        for (ModelKind k : ModelKind.values()) {
            if (k.family().equals(family) && k.needsImages() == convolutional && k.has(ModelSetting.SPARSITY)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode required(JsonNode root, String field, Path json) throws ModelFormatException {
        return required(root, field, json, "");
    }

    /** The field, which must be there; {@code path} is where {@code node} sits ("conv.") for the message. */
    private static JsonNode required(JsonNode node, String field, Path json, String path)
            throws ModelFormatException {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) {
            throw new ModelFormatException(json, "missing field '" + path + field + "'");
        }
        return n;
    }

    /** A list of whole numbers: layer sizes or channels. */
    private static List<Integer> integers(JsonNode node, String field, Path json, String path)
            throws ModelFormatException {
        JsonNode list = required(node, field, json, path);
        if (!list.isArray()) {
            throw new ModelFormatException(json, "field '" + path + field + "' must be a list of layer sizes, not "
                    + list);
        }
        List<Integer> values = new ArrayList<>();
        for (JsonNode n : list) {
            if (!n.canConvertToInt() || !n.isIntegralNumber()) {
                throw new ModelFormatException(json, "field '" + path + field + "' must hold whole numbers, not "
                        + list);
            }
            values.add(n.intValue());
        }
        return values;
    }

    private static String text(JsonNode root, String field, Path json) throws ModelFormatException {
        JsonNode n = required(root, field, json);
        if (!n.isTextual()) {
            throw new ModelFormatException(json, "field '" + field + "' must be a string, not " + n);
        }
        return n.asText();
    }

    private static int integer(JsonNode root, String field, Path json) throws ModelFormatException {
        return integer(root, field, json, "");
    }

    private static int integer(JsonNode node, String field, Path json, String path) throws ModelFormatException {
        JsonNode n = required(node, field, json, path);
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw new ModelFormatException(json, "field '" + path + field + "' must be a whole number, not " + n);
        }
        return n.intValue();
    }

    private static void writeConv(ObjectNode node, ConvArchitecture conv) {
        ObjectNode img = node.putObject("image");
        img.put("channels", conv.image().channels());
        img.put("height", conv.image().height());
        img.put("width", conv.image().width());
        ConvSpec spec = conv.spec();
        ArrayNode channels = node.putArray("channels");
        spec.channels().forEach(channels::add);
        node.put("kernel", spec.kernel());
        node.put("stride", spec.stride());
        node.put("padding", spec.padding());
        ArrayNode dense = node.putArray("dense");
        spec.dense().forEach(dense::add);
    }

    /**
     * Where a parameter sits in PyTorch: its shape there, whether Bottleneck stores its transpose (a dense weight),
     * and the layout in words for messages (null for a bias).
     */
    private record TorchTensor(int[] shape, boolean transposed, String layout) {
    }

    /** Every parameter of {@code model}'s networks, by name, as PyTorch holds it; read from the layers' specs. */
    private static Map<String, TorchTensor> torchTensors(GradientModel model) {
        Map<String, TorchTensor> tensors = new LinkedHashMap<>();
        for (NetworkSpec net : model.networks()) {
            for (LayerSpec l : net.layers()) {
                if (l.parameters().isEmpty()) {
                    continue; // flatten, reshape
                }
                Shape in = l.input();
                Shape out = l.output();
                int k = l.kernel() == null ? 0 : l.kernel();
                TorchTensor weight = switch (l.type()) {
                    case "dense" -> new TorchTensor(new int[] {out.size(), in.size()}, true, "out x in");
                    case "conv2d" -> new TorchTensor(new int[] {out.channels(), in.channels(), k, k}, false,
                            "out x in x kH x kW, as nn.Conv2d");
                    case "conv-transpose2d" -> new TorchTensor(new int[] {in.channels(), out.channels(), k, k}, false,
                            "in x out x kH x kW, as nn.ConvTranspose2d");
                    default -> throw new IllegalArgumentException("no PyTorch layout for a " + l.type() + " layer");
                };
                int biasLength = "dense".equals(l.type()) ? out.size() : out.channels();
                tensors.put(l.parameters().get(0), weight); // LayerSpec: weight first, then bias
                tensors.put(l.parameters().get(1), new TorchTensor(new int[] {biasLength}, false, null));
            }
        }
        return tensors;
    }

    /**
     * {@code model}'s parameter values ({@code gradients} false) or gradients, by name, as float32 arrays in
     * PyTorch's layout: what the .npz holds, and what PyTorch's {@code .grad} of the same tensors holds.
     */
    static Map<String, Npz.Array> torchArrays(GradientModel model, boolean gradients) {
        Map<String, TorchTensor> tensors = torchTensors(model);
        Map<String, Npz.Array> arrays = new LinkedHashMap<>();
        for (Parameter p : model.parameters()) {
            TorchTensor t = tensors.get(p.name());
            Matrix m = gradients ? p.gradient() : p.value();
            float[] data;
            if (t.transposed()) {
                data = new float[m.rows * m.cols];
                transpose(m.data, m.rows, m.cols, data); // in x out -> out x in
            } else {
                data = m.data.clone(); // same order: only the shape differs
            }
            arrays.put(p.name(), new Npz.Array(t.shape(), data));
        }
        return arrays;
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
