package dev.bottleneck.core.model;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DatabindContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.jsontype.impl.TypeIdResolverBase;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The one registry of model kinds: each kind's name on the command line, its label, the JSON family of its config
 * (the {@code "family"} of {@code model.json}'s {@code modelConfig} and of the PyTorch interop), its default
 * configuration, the settings rows it has, and whether it is fitted in closed form or by gradient steps. The CLI,
 * the settings form, the saved-model reader and the interop read this; nothing else lists kinds.
 *
 * <p>Several kinds share a config family: the sparse and denoising AE are options of the AE config, the beta-VAE is
 * the VAE config with {@code beta != 1}; the beta-TCVAE and FactorVAE have families of their own, their objectives being others. A
 * config's {@link ModelConfig#kind()} says which kind its values make.
 *
 * <p>Adding a kind: its entry here, its config record, its model class, and its settings rows (a new
 * {@link ModelSetting} and its field in {@link ModelSettings} only when it brings a new knob).
 */
public enum ModelKind {
    PCA("pca", "PCA", "pca", PcaConfig.class, Fitting.CLOSED_FORM, EnumSet.of(ModelSetting.LATENT),
            (in, s) -> new PcaConfig(in.size(), s.latent())),
    AE("ae", "AE", "ae", AutoencoderConfig.class, Fitting.GRADIENT_STEPS, neural(),
            (in, s) -> AutoencoderConfig.of(in.size(), s, Sparsity.NONE, "none")),
    SPARSE_AE("sparse-ae", "Sparse AE", "ae", AutoencoderConfig.class, Fitting.GRADIENT_STEPS,
            neural(ModelSetting.SPARSITY), (in, s) -> AutoencoderConfig.of(in.size(), s, Sparsity.L1, "none")),
    DENOISING_AE("denoising-ae", "Denoising AE", "ae", AutoencoderConfig.class, Fitting.GRADIENT_STEPS,
            neural(ModelSetting.CORRUPTION),
            (in, s) -> AutoencoderConfig.of(in.size(), s, Sparsity.NONE, "masking:0.3")),
    VAE("vae", "VAE", "vae", VaeConfig.class, Fitting.GRADIENT_STEPS,
            neural(ModelSetting.KL_WARMUP, ModelSetting.HELD_OUT_LIKELIHOOD),
            (in, s) -> VaeConfig.of(in.size(), s, 1.0)),
    BETA_VAE("beta-vae", "beta-VAE", "vae", VaeConfig.class, Fitting.GRADIENT_STEPS,
            neural(ModelSetting.BETA, ModelSetting.CAPACITY, ModelSetting.KL_WARMUP,
                    ModelSetting.HELD_OUT_LIKELIHOOD), (in, s) -> VaeConfig.of(in.size(), s, 4.0)),
    /** The AE on convolutional nets ({@link ConvNets}): images only. */
    CONV_AE("conv-ae", "Conv AE", "ae", AutoencoderConfig.class, Fitting.GRADIENT_STEPS,
            convolutional(),
            (in, s) -> AutoencoderConfig.of(in.size(), s.withoutRegularisers(), Sparsity.NONE, "none",
                    conv(in, s, "conv-ae"))),
    /** The VAE on convolutional nets: images only. */
    CONV_VAE("conv-vae", "Conv VAE", "vae", VaeConfig.class, Fitting.GRADIENT_STEPS,
            convolutional(ModelSetting.KL_WARMUP, ModelSetting.HELD_OUT_LIKELIHOOD),
            (in, s) -> VaeConfig.of(in.size(), s, 1.0, conv(in, s, "conv-vae"))),
    /** The beta-VAE on convolutional nets, Burgess et al. 2018's for 64x64 sprites: images only. */
    CONV_BETA_VAE("conv-beta-vae", "Conv beta-VAE", "vae", VaeConfig.class, Fitting.GRADIENT_STEPS,
            convolutional(ModelSetting.BETA, ModelSetting.CAPACITY, ModelSetting.KL_WARMUP,
                    ModelSetting.HELD_OUT_LIKELIHOOD),
            (in, s) -> VaeConfig.of(in.size(), s, 4.0, conv(in, s, "conv-beta-vae"))),
    /** The beta-TCVAE of Chen et al. 2018: the KL split into MI, total correlation and dimension-wise KL. */
    BETA_TCVAE("beta-tcvae", "beta-TCVAE", "tcvae", TcVaeConfig.class, Fitting.GRADIENT_STEPS,
            neural(ModelSetting.TC_WEIGHTS, ModelSetting.HELD_OUT_LIKELIHOOD),
            (in, s) -> TcVaeConfig.of(in.size(), s, null)),
    /** The beta-TCVAE on convolutional nets: images only. */
    CONV_BETA_TCVAE("conv-beta-tcvae", "Conv beta-TCVAE", "tcvae", TcVaeConfig.class, Fitting.GRADIENT_STEPS,
            convolutional(ModelSetting.TC_WEIGHTS, ModelSetting.HELD_OUT_LIKELIHOOD),
            (in, s) -> TcVaeConfig.of(in.size(), s, conv(in, s, "conv-beta-tcvae"))),
    /**
     * FactorVAE of Kim &amp; Mnih 2018: the VAE plus gamma times the total correlation a discriminator estimates.
     */
    FACTOR_VAE("factor-vae", "FactorVAE", "factorvae", FactorVaeConfig.class, Fitting.GRADIENT_STEPS,
            neural(ModelSetting.DISCRIMINATOR, ModelSetting.HELD_OUT_LIKELIHOOD),
            (in, s) -> FactorVaeConfig.of(in.size(), s, null)),
    /** FactorVAE on convolutional nets: images only. */
    CONV_FACTOR_VAE("conv-factor-vae", "Conv FactorVAE", "factorvae", FactorVaeConfig.class,
            Fitting.GRADIENT_STEPS, convolutional(ModelSetting.DISCRIMINATOR, ModelSetting.HELD_OUT_LIKELIHOOD),
            (in, s) -> FactorVaeConfig.of(in.size(), s, conv(in, s, "conv-factor-vae")));

    /** Makes a kind's config from the shape of one example and the settings. */
    @FunctionalInterface
    interface Factory {
        ModelConfig make(Shape input, ModelSettings s);
    }

    /** How a kind's parameters are found. */
    public enum Fitting {
        /** Solved directly from the training data (PCA's eigendecomposition): no epochs, no optimiser. */
        CLOSED_FORM,
        /** Trained by an optimiser over epochs of mini-batches. */
        GRADIENT_STEPS
    }

    private final String cliName;
    private final String label;
    private final String family;
    private final Class<? extends ModelConfig> configType;
    private final Fitting fitting;
    private final Set<ModelSetting> settings;
    private final Factory factory;

    ModelKind(String cliName, String label, String family, Class<? extends ModelConfig> configType, Fitting fitting,
            EnumSet<ModelSetting> settings, Factory factory) {
        this.cliName = cliName;
        this.label = label;
        this.family = family;
        this.configType = configType;
        this.fitting = fitting;
        this.settings = Collections.unmodifiableSet(settings);
        this.factory = factory;
    }

    private static EnumSet<ModelSetting> neural(ModelSetting... extra) {
        EnumSet<ModelSetting> s = EnumSet.of(ModelSetting.LATENT, ModelSetting.NETWORK, ModelSetting.LIKELIHOOD,
                ModelSetting.OPTIMISATION);
        s.addAll(Arrays.asList(extra));
        return s;
    }

    private static EnumSet<ModelSetting> convolutional(ModelSetting... extra) {
        EnumSet<ModelSetting> s = EnumSet.of(ModelSetting.LATENT, ModelSetting.CONVOLUTIONS, ModelSetting.LIKELIHOOD,
                ModelSetting.OPTIMISATION);
        s.addAll(Arrays.asList(extra));
        return s;
    }

    /**
     * The convolutional nets for {@code in}: the settings' architecture, or {@link ConvSpec#defaultFor} the image.
     *
     * @throws IllegalArgumentException for data that are not images, naming the kind
     */
    private static ConvArchitecture conv(Shape in, ModelSettings s, String kind) {
        if (in.isFlat()) {
            throw new IllegalArgumentException(kind + " needs image data; these are vectors of " + in.size()
                    + " numbers: choose an MLP model (ae, vae, beta-vae, beta-tcvae, factor-vae)");
        }
        return new ConvArchitecture(in, s.conv() != null ? s.conv() : ConvSpec.defaultFor(in));
    }

    /** The name shown to users. */
    public String label() {
        return label;
    }

    /** The name on the command line ({@code --model beta-vae}) and in recorded commands. */
    public String cliName() {
        return cliName;
    }

    /**
     * The JSON family of this kind's config: {@code "pca"}, {@code "ae"}, {@code "vae"}, {@code "tcvae"} or
     * {@code "factorvae"}.
     */
    public String family() {
        return family;
    }

    /** The config record this kind builds. */
    public Class<? extends ModelConfig> configType() {
        return configType;
    }

    public Fitting fitting() {
        return fitting;
    }

    /** True when the kind is fitted in closed form (no training config, no epochs, no history). */
    public boolean closedForm() {
        return fitting == Fitting.CLOSED_FORM;
    }

    /** The settings rows this kind has, in form order; the form shows exactly these. */
    public Set<ModelSetting> settings() {
        return settings;
    }

    /** True when this kind reads {@code setting}. */
    public boolean has(ModelSetting setting) {
        return settings.contains(setting);
    }

    /** True when the code cannot be larger than the input (PCA keeps at most d components). */
    public boolean latentAtMostInput() {
        return this == PCA;
    }

    /**
     * The config of this kind for data of {@code inputDim} numbers per example without an image shape, from the fields
     * of {@code s} this kind reads (its defaults for the nullable ones).
     *
     * @throws IllegalArgumentException if a value is out of range (the config's message), or for a convolutional
     *     kind, which needs an image shape
     */
    public ModelConfig configure(int inputDim, ModelSettings s) {
        return configure(Shape.features(inputDim), s);
    }

    /**
     * The config of this kind for examples of {@code input} (an image {@code channels x height x width}, or
     * {@link Shape#features} for vectors), from the fields of {@code s} this kind reads.
     *
     * @throws IllegalArgumentException if a value is out of range, or the kind needs images and {@code input} is flat
     */
    public ModelConfig configure(Shape input, ModelSettings s) {
        return factory.make(input, s);
    }

    /** True when the kind needs image data (a convolutional kind). */
    public boolean needsImages() {
        return has(ModelSetting.CONVOLUTIONS);
    }

    /** This kind's default configuration ({@link ModelSettings#DEFAULTS}) for {@code input}. */
    public ModelConfig defaults(Shape input) {
        return configure(input, ModelSettings.DEFAULTS);
    }

    /** This kind's default configuration ({@link ModelSettings#DEFAULTS}) for vectors of {@code inputDim}. */
    public ModelConfig defaults(int inputDim) {
        return configure(inputDim, ModelSettings.DEFAULTS);
    }

    /** The kind a command line names: its {@link #cliName()}, case and {@code _}/{@code -} ignored. */
    public static Optional<ModelKind> fromCliName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(k -> k.cliName.equals(n)).findFirst();
    }

    /** Every CLI name, in registry order. */
    public static List<String> cliNames() {
        return Arrays.stream(values()).map(ModelKind::cliName).toList();
    }

    /** Every JSON family, in registry order, each once. */
    public static List<String> families() {
        Set<String> f = new LinkedHashSet<>();
        for (ModelKind k : values()) {
            f.add(k.family);
        }
        return List.copyOf(f);
    }

    /**
     * The first kind of a JSON family (the plain one: AE for "ae", VAE for "vae"), if the family is known. A family's
     * config record holds every kind of it: a config with convolutional nets makes a conv kind.
     */
    public static Optional<ModelKind> ofFamily(String family) {
        return Arrays.stream(values()).filter(k -> k.family.equals(family)).findFirst();
    }

    /**
     * Jackson's {@code "family"} type id of {@link ModelConfig}, read from the registry, so that the saved-model
     * reader knows every family this enum lists and no annotation lists them again.
     */
    public static final class JsonFamily extends TypeIdResolverBase {

        @Override
        public String idFromValue(Object value) {
            return ((ModelConfig) value).kind().family();
        }

        @Override
        public String idFromValueAndType(Object value, Class<?> suggestedType) {
            return idFromValue(value);
        }

        @Override
        public JavaType typeFromId(DatabindContext context, String id) {
            Optional<ModelKind> k = ofFamily(id);
            return k.isEmpty() ? null : context.constructType(k.get().configType);
        }

        @Override
        public String getDescForKnownTypeIds() {
            return String.join(", ", families());
        }

        @Override
        public JsonTypeInfo.Id getMechanism() {
            return JsonTypeInfo.Id.CUSTOM;
        }
    }
}
