package dev.bottleneck.viewmodel;

import dev.bottleneck.core.data.Corruption;
import dev.bottleneck.core.data.DatasetCatalog;
import dev.bottleneck.core.data.SplitSettings;
import dev.bottleneck.core.io.DatasetInfo;
import dev.bottleneck.core.io.SavedModel;
import dev.bottleneck.core.model.Activation;
import dev.bottleneck.core.model.AutoencoderConfig;
import dev.bottleneck.core.model.Likelihood;
import dev.bottleneck.core.model.ConvSpec;
import dev.bottleneck.core.model.ModelConfig;
import dev.bottleneck.core.model.ModelKind;
import dev.bottleneck.core.model.ModelSetting;
import dev.bottleneck.core.model.ModelSettings;
import dev.bottleneck.core.model.Shape;
import dev.bottleneck.core.model.Sparsity;
import dev.bottleneck.core.model.VaeConfig;
import dev.bottleneck.core.model.TcVaeConfig;
import dev.bottleneck.core.model.FactorVaeConfig;
import dev.bottleneck.core.train.Optimizer;
import dev.bottleneck.core.train.TrainingConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Everything a user sets before training: data, model, optimiser, seed. Each field is a property a control binds
 * to; {@link #problems()} says what is wrong, field by field, and {@link #modelConfig(Shape)} builds the config.
 */
public final class SettingsViewModel {

    /** Ready-made settings for the lecture's demonstrations. */
    public enum Preset {
        /** The lecture's overfitting demo: few training examples, a large code, no noise, many epochs. */
        OVERFIT("Overfit on purpose", "500 training examples, an AE with a 64-D code, no noise, 150 epochs"),
        /** The VAE the engine is benchmarked with. */
        REFERENCE_VAE("Reference VAE", "MNIST, VAE 784-512-256-(z=16), 10 epochs"),
        /** A 2-D VAE: the latent space is the scatter itself. */
        TWO_D_VAE("2-D VAE", "MNIST, VAE with a 2-D code: the latent plane is the scatter"),
        /** Denoising as training and validation. */
        DENOISING("Denoising AE", "MNIST, AE trained on inputs with 30 % of the pixels masked"),
        /** Disentanglement on the shapes data. */
        SHAPES_BETA_VAE("beta-VAE on shapes", "shapes sprites, beta 4, 10-D code, 20 epochs"),
        /** A convolutional VAE: the nets see neighbouring pixels as neighbours. */
        CONV_VAE("Conv VAE", "MNIST, convolutional VAE: conv 32, 64, dense 256, 16-D code, 10 epochs"),
        /**
         * The beta-VAE lesson in front of a room: the capacity objective of Burgess et al. 2018 on the dSprites grid,
         * whose slowly rising C is spent on position first: both position units are named on their sliders within
         * about three epochs (under five minutes on a 2-core laptop). models/README.md gives the measured MIG after
         * each epoch, and the longer run that also separates scale.
         */
        DSPRITES_CAPACITY("Disentangle dSprites (5 min)", "dSprites 32x32, beta-VAE with C rising to 25 nats over 20 "
                + "epochs, 10-D code, 5 epochs: x and y get sliders of their own");

        private final String label;
        private final String description;

        Preset(String label, String description) {
            this.label = label;
            this.description = description;
        }

        public String label() {
            return label;
        }

        public String description() {
            return description;
        }
    }

    /** Sets every field for {@code p}; the caller loads the data when the dataset changed. */
    public void apply(Preset p) {
        validationFraction.set(0.1);
        activation.set(Activation.RELU);
        likelihood.set(Likelihood.BERNOULLI);
        klWarmup.set(0);
        patience.set(0);
        learningRate.set(1e-3);
        batchSize.set(128);
        // What one preset sets, the next must not inherit: a capacity objective or TC weights left from the last.
        capacityMax.set(0);
        tcAlpha.set(TcVaeConfig.DEFAULT_ALPHA);
        tcGamma.set(TcVaeConfig.DEFAULT_GAMMA);
        convChannels.set("");
        convDense.set("");
        switch (p) {
            case OVERFIT -> {
                dataset.set("mnist");
                trainSize.set(500);
                kind.set(ModelKind.AE);
                latent.set(64);
                hidden.set("512,256");
                epochs.set(150);
                batchSize.set(50);
            }
            case REFERENCE_VAE -> {
                dataset.set("mnist");
                trainSize.set(0);
                kind.set(ModelKind.VAE);
                latent.set(16);
                hidden.set("512,256");
                epochs.set(10);
            }
            case TWO_D_VAE -> {
                dataset.set("mnist");
                trainSize.set(0);
                kind.set(ModelKind.VAE);
                latent.set(2);
                hidden.set("256,128");
                epochs.set(10);
            }
            case DENOISING -> {
                dataset.set("mnist");
                trainSize.set(0);
                kind.set(ModelKind.DENOISING_AE);
                latent.set(16);
                hidden.set("512,256");
                corruption.set("masking:0.3");
                epochs.set(10);
            }
            case CONV_VAE -> {
                dataset.set("mnist");
                trainSize.set(0);
                kind.set(ModelKind.CONV_VAE);
                latent.set(16);
                convChannels.set("32,64");
                convDense.set("256");
                epochs.set(10);
            }
            case DSPRITES_CAPACITY -> {
                dataset.set("dsprites32");
                trainSize.set(0);
                kind.set(ModelKind.BETA_VAE);
                beta.set(4);
                capacityMax.set(25);
                capacityGamma.set(500);
                capacityEpochs.set(20);
                latent.set(10);
                hidden.set("256,256");
                epochs.set(5);
            }
            case SHAPES_BETA_VAE -> {
                dataset.set("shapes");
                trainSize.set(0);
                kind.set(ModelKind.BETA_VAE);
                beta.set(4);
                latent.set(10);
                hidden.set("256,128");
                epochs.set(20);
            }
        }
    }

    /** Every field by name, for a scene file: strings, numbers and enum names. */
    public java.util.Map<String, Object> snapshot() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("dataset", dataset.get());
        m.put("trainSize", trainSize.get());
        m.put("validationFraction", validationFraction.get());
        m.put("validationCorruption", validationCorruption.get());
        m.put("kind", kind.get().name());
        m.put("latent", latent.get());
        m.put("hidden", hidden.get());
        m.put("convChannels", convChannels.get());
        m.put("convDense", convDense.get());
        m.put("activation", activation.get().name());
        m.put("likelihood", likelihood.get().name());
        m.put("beta", beta.get());
        m.put("klWarmup", klWarmup.get());
        m.put("heldOutSamples", heldOutSamples.get());
        m.put("capacityMax", capacityMax.get());
        m.put("capacityGamma", capacityGamma.get());
        m.put("capacityEpochs", capacityEpochs.get());
        m.put("tcAlpha", tcAlpha.get());
        m.put("tcGamma", tcGamma.get());
        m.put("factorGamma", factorGamma.get());
        m.put("discriminator", discriminator.get());
        m.put("discriminatorRate", discriminatorRate.get());
        m.put("sparsity", sparsity.get().name());
        m.put("sparsityWeight", sparsityWeight.get());
        m.put("sparsityTarget", sparsityTarget.get());
        m.put("corruption", corruption.get());
        m.put("learningRate", learningRate.get());
        m.put("batchSize", batchSize.get());
        m.put("epochs", epochs.get());
        m.put("patience", patience.get());
        m.put("seed", seed.get());
        return m;
    }

    /** Sets the fields a {@link #snapshot()} holds; fields it lacks keep their values. */
    public void restore(java.util.Map<String, Object> m) {
        java.util.function.Function<String, Number> num = k -> (Number) m.get(k);
        if (m.get("dataset") instanceof String v) {
            dataset.set(v);
        }
        if (m.get("hidden") instanceof String v) {
            hidden.set(v);
        }
        if (m.get("convChannels") instanceof String v) {
            convChannels.set(v);
        }
        if (m.get("convDense") instanceof String v) {
            convDense.set(v);
        }
        if (m.get("corruption") instanceof String v) {
            corruption.set(v);
        }
        if (m.get("discriminator") instanceof String v) {
            discriminator.set(v);
        }
        if (m.get("validationCorruption") instanceof String v) {
            validationCorruption.set(v);
        }
        if (m.get("kind") instanceof String v) {
            kind.set(ModelKind.valueOf(v));
        }
        if (m.get("activation") instanceof String v) {
            activation.set(Activation.valueOf(v));
        }
        if (m.get("likelihood") instanceof String v) {
            likelihood.set(Likelihood.valueOf(v));
        }
        if (m.get("sparsity") instanceof String v) {
            sparsity.set(Sparsity.valueOf(v));
        }
        for (var e : java.util.Map.of("trainSize", trainSize, "latent", latent, "heldOutSamples", heldOutSamples,
                "batchSize", batchSize, "epochs", epochs, "patience", patience).entrySet()) {
            if (num.apply(e.getKey()) != null) {
                e.getValue().set(num.apply(e.getKey()).intValue());
            }
        }
        if (num.apply("seed") != null) {
            seed.set(num.apply("seed").longValue());
        }
        java.util.Map<String, DoubleProperty> doubles = new java.util.HashMap<>(java.util.Map.of(
                "validationFraction", validationFraction, "beta", beta, "klWarmup", klWarmup,
                "sparsityWeight", sparsityWeight, "sparsityTarget", sparsityTarget, "learningRate", learningRate,
                "capacityMax", capacityMax, "capacityGamma", capacityGamma, "capacityEpochs", capacityEpochs));
        doubles.putAll(java.util.Map.of("tcAlpha", tcAlpha, "tcGamma", tcGamma, "factorGamma", factorGamma,
                "discriminatorRate", discriminatorRate));
        for (var e : doubles.entrySet()) {
            if (num.apply(e.getKey()) != null) {
                e.getValue().set(num.apply(e.getKey()).doubleValue());
            }
        }
    }

    /** A field's name and what is wrong with its value. */
    public record Problem(String field, String message) {
    }

    /** The datasets the dataset box lists by name: the catalog's (a path can be typed or chosen besides). */
    public static final List<String> DATASET_NAMES = DatasetCatalog.NAMES;

    public final StringProperty dataset = new SimpleStringProperty("mnist");
    public final IntegerProperty trainSize = new SimpleIntegerProperty(0);
    public final DoubleProperty validationFraction = new SimpleDoubleProperty(0.1);
    /** Corruption of held-out inputs for the "denoising error, validation" curve; "none" for no such curve. */
    public final StringProperty validationCorruption = new SimpleStringProperty("none");

    public final ObjectProperty<ModelKind> kind = new SimpleObjectProperty<>(ModelKind.VAE);
    public final IntegerProperty latent = new SimpleIntegerProperty(2);
    public final StringProperty hidden = new SimpleStringProperty("512,256");
    /** A conv kind's convolution channels, "32,64"; blank for the image's default ({@link ConvSpec#defaultFor}). */
    public final StringProperty convChannels = new SimpleStringProperty("");
    /** A conv kind's dense layers after the convolutions, "256"; blank for the image's default. */
    public final StringProperty convDense = new SimpleStringProperty("");
    public final ObjectProperty<Activation> activation = new SimpleObjectProperty<>(Activation.RELU);
    public final ObjectProperty<Likelihood> likelihood = new SimpleObjectProperty<>(Likelihood.BERNOULLI);
    public final DoubleProperty beta = new SimpleDoubleProperty(4.0);
    public final DoubleProperty klWarmup = new SimpleDoubleProperty(0);
    /** C_max of the capacity objective (Burgess et al. 2018) in nats; 0 turns it off (beta-VAE). */
    public final DoubleProperty capacityMax = new SimpleDoubleProperty(0);
    public final DoubleProperty capacityGamma = new SimpleDoubleProperty(50);
    public final DoubleProperty capacityEpochs = new SimpleDoubleProperty(25);
    /** beta-TCVAE's weight of the index-code MI (its weight of the total correlation is {@link #beta}). */
    public final DoubleProperty tcAlpha = new SimpleDoubleProperty(TcVaeConfig.DEFAULT_ALPHA);
    /** beta-TCVAE's weight of the dimension-wise KL. */
    public final DoubleProperty tcGamma = new SimpleDoubleProperty(TcVaeConfig.DEFAULT_GAMMA);
    /** FactorVAE's weight of the total correlation its discriminator estimates (Kim &amp; Mnih's gamma). */
    public final DoubleProperty factorGamma = new SimpleDoubleProperty(FactorVaeConfig.DEFAULT_GAMMA);
    /** FactorVAE's discriminator's hidden layers, "256,256". */
    public final StringProperty discriminator = new SimpleStringProperty(
            join(FactorVaeConfig.DEFAULT_DISCRIMINATOR));
    /** The learning rate of FactorVAE's discriminator's Adam. */
    public final DoubleProperty discriminatorRate = new SimpleDoubleProperty(
            FactorVaeConfig.DEFAULT_DISCRIMINATOR_RATE);
    /** K of the held-out log-likelihood tracked every epoch (VAE): 0 (off), 1, 10, 100 or 1000. */
    public final IntegerProperty heldOutSamples = new SimpleIntegerProperty(0);
    public final ObjectProperty<Sparsity> sparsity = new SimpleObjectProperty<>(Sparsity.L1);
    public final DoubleProperty sparsityWeight = new SimpleDoubleProperty(1e-3);
    public final DoubleProperty sparsityTarget = new SimpleDoubleProperty(0.05);
    public final StringProperty corruption = new SimpleStringProperty("masking:0.3");

    public final DoubleProperty learningRate = new SimpleDoubleProperty(1e-3);
    public final IntegerProperty batchSize = new SimpleIntegerProperty(128);
    public final IntegerProperty epochs = new SimpleIntegerProperty(10);
    public final IntegerProperty patience = new SimpleIntegerProperty(0);
    /** The run's seed: split, weights and noise derive from it. A long, as the CLI's and model.json's. */
    public final LongProperty seed = new SimpleLongProperty(1);

    /** True when the current kind has the settings row {@code setting}: the form shows exactly those rows. */
    public boolean has(ModelSetting setting) {
        return kind.get().has(setting);
    }

    /** Which hyperparameters the current kind has, so the form shows exactly those. */
    public boolean hasNetwork() {
        return has(ModelSetting.NETWORK);
    }

    public boolean hasConvolutions() {
        return has(ModelSetting.CONVOLUTIONS);
    }

    /** Which rows set an activation: the MLP's layers or the convolutional nets. */
    public boolean hasActivation() {
        return hasNetwork() || hasConvolutions();
    }

    /** Which rows set the optimiser and epochs: kinds fitted by gradient steps. */
    public boolean hasOptimisation() {
        return has(ModelSetting.OPTIMISATION);
    }

    public boolean hasBeta() {
        return has(ModelSetting.BETA);
    }

    /** The weights alpha, beta and gamma of beta-TCVAE's decomposed KL. */
    public boolean hasTcWeights() {
        return has(ModelSetting.TC_WEIGHTS);
    }

    /** FactorVAE's gamma, discriminator layers and discriminator learning rate. */
    public boolean hasDiscriminator() {
        return has(ModelSetting.DISCRIMINATOR);
    }

    public boolean hasWarmup() {
        return has(ModelSetting.KL_WARMUP);
    }

    public boolean hasSparsity() {
        return has(ModelSetting.SPARSITY);
    }

    public boolean hasCorruption() {
        return has(ModelSetting.CORRUPTION);
    }

    /** Parses "512,256" into layer sizes, or says why it cannot. */
    public static Optional<List<Integer>> parseHidden(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of(List.of());
        }
        List<Integer> sizes = new ArrayList<>();
        for (String part : text.split("[,\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            try {
                int v = Integer.parseInt(part);
                if (v < 1 || v > 8192) {
                    return Optional.empty();
                }
                sizes.add(v);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.of(sizes);
    }

    /** Every problem with the current values; empty when training can start. */
    public List<Problem> problems() {
        List<Problem> p = new ArrayList<>();
        if (dataset.get() == null || dataset.get().isBlank()) {
            p.add(new Problem("dataset", "choose a dataset"));
        }
        if (trainSize.get() < 0) {
            p.add(new Problem("trainSize", "training-set size must be 0 (all) or more"));
        }
        if (!(validationFraction.get() >= 0 && validationFraction.get() < 0.9)) {
            p.add(new Problem("validationFraction", "validation share must lie in [0, 0.9)"));
        }
        try {
            Corruption.parse(validationCorruption.get());
        } catch (IllegalArgumentException e) {
            p.add(new Problem("validationCorruption", e.getMessage()));
        }
        if (latent.get() < 1 || latent.get() > 256) {
            p.add(new Problem("latent", "latent size must be 1..256"));
        }
        if (hasNetwork() && parseHidden(hidden.get()).isEmpty()) {
            p.add(new Problem("hidden", "hidden layers: sizes 1..8192 separated by commas, e.g. 512,256"));
        }
        if (hasConvolutions() && (parseHidden(convChannels.get()).isEmpty()
                || parseHidden(convChannels.get()).get().stream().anyMatch(c -> c > 1024))) {
            p.add(new Problem("convChannels", "convolutions: channels 1..1024 separated by commas, e.g. 32,64;"
                    + " blank for the image's default"));
        }
        if (hasConvolutions() && parseHidden(convDense.get()).isEmpty()) {
            p.add(new Problem("convDense", "dense layers: sizes 1..8192 separated by commas, e.g. 256;"
                    + " blank for the image's default"));
        }
        if (hasBeta() && !(beta.get() > 0 && beta.get() <= VaeConfig.MAX_BETA)) {
            p.add(new Problem("beta", "beta must lie in (0, " + ModelConfig.num(VaeConfig.MAX_BETA) + "]"));
        }
        if (hasBeta() && !(capacityMax.get() >= 0 && capacityMax.get() <= VaeConfig.MAX_CAPACITY)) {
            p.add(new Problem("capacityMax", "C_max must lie in [0, " + ModelConfig.num(VaeConfig.MAX_CAPACITY)
                    + "] nats (0: off)"));
        }
        if (hasBeta() && capacityMax.get() > 0
                && !(capacityGamma.get() > 0 && capacityGamma.get() <= VaeConfig.MAX_CAPACITY_GAMMA)) {
            p.add(new Problem("capacityGamma", "gamma must lie in (0, "
                    + ModelConfig.num(VaeConfig.MAX_CAPACITY_GAMMA) + "]"));
        }
        if (hasBeta() && !(capacityEpochs.get() >= 0)) {
            p.add(new Problem("capacityEpochs", "epochs for C must be 0 or more"));
        }
        if (hasTcWeights()) {
            weight(p, "beta", "the weight of the total correlation", beta.get());
            weight(p, "tcAlpha", "the weight of the index-code MI", tcAlpha.get());
            weight(p, "tcGamma", "the weight of the dimension-wise KL", tcGamma.get());
        }
        if (hasDiscriminator()) {
            check(p, "factorGamma", () -> FactorVaeConfig.checkGamma(factorGamma.get()));
            Optional<List<Integer>> d = parseHidden(discriminator.get());
            if (d.isEmpty() || d.get().isEmpty()) {
                p.add(new Problem("discriminator", "discriminator: hidden layer sizes 1..8192 separated by commas,"
                        + " at least one, e.g. 256,256"));
            }
            check(p, "discriminatorRate", () -> FactorVaeConfig.checkDiscriminatorRate(discriminatorRate.get()));
        }
        if (hasWarmup() && !(klWarmup.get() >= 0)) {
            p.add(new Problem("klWarmup", "KL warm-up must be 0 or more epochs"));
        }
        if (hasSparsity() && !(sparsityWeight.get() >= 0)) {
            p.add(new Problem("sparsityWeight", "sparsity weight must be 0 or more"));
        }
        if (hasSparsity() && sparsity.get() == Sparsity.KL
                && !(sparsityTarget.get() > 0 && sparsityTarget.get() < 1)) {
            p.add(new Problem("sparsityTarget", "target activation must lie in (0, 1)"));
        }
        if (hasCorruption()) {
            try {
                Corruption.parse(corruption.get());
            } catch (IllegalArgumentException e) {
                p.add(new Problem("corruption", e.getMessage()));
            }
        }
        if (hasOptimisation()) {
            if (!(learningRate.get() > 0 && learningRate.get() < 10)) {
                p.add(new Problem("learningRate", "learning rate must lie in (0, 10)"));
            }
            if (batchSize.get() < 1 || batchSize.get() > 65536) {
                p.add(new Problem("batchSize", "batch size must be 1..65536"));
            }
            if (epochs.get() < 1 || epochs.get() > 10000) {
                p.add(new Problem("epochs", "epochs must be 1..10000"));
            }
            if (patience.get() < 0) {
                p.add(new Problem("patience", "patience must be 0 (off) or more"));
            }
        }
        return p;
    }

    /** Adds the problem of a beta-TCVAE weight out of its range, in the config's words. */
    private static void weight(List<Problem> p, String field, String name, double value) {
        try {
            TcVaeConfig.checkWeight(name, value);
        } catch (IllegalArgumentException e) {
            p.add(new Problem(field, e.getMessage()));
        }
    }

    /** Adds the problem {@code check} throws, in the config's words, to {@code field}. */
    private static void check(List<Problem> p, String field, Runnable check) {
        try {
            check.run();
        } catch (IllegalArgumentException e) {
            p.add(new Problem(field, e.getMessage()));
        }
    }

    /** The problem of one field, if any. */
    public Optional<String> problem(String field) {
        return problems().stream().filter(x -> x.field().equals(field)).map(Problem::message).findFirst();
    }

    /**
     * The model config for examples of {@code input} (an image, or {@link Shape#features} for vectors); throws if
     * {@link #problems()} is not empty, or if the kind needs images and {@code input} is not one.
     */
    public ModelConfig modelConfig(Shape input) {
        return kind.get().configure(input, modelSettings(input));
    }

    /**
     * The knobs of {@link #modelConfig} before the kind turns them into its config: what a sweep varies one of. Rows
     * the kind does not show hold their "off" values; throws if {@link #problems()} is not empty.
     */
    public ModelSettings modelSettings(Shape input) {
        List<Problem> p = problems();
        if (!p.isEmpty()) {
            throw new IllegalArgumentException(p.get(0).message());
        }
        int inputDim = input.size();
        List<Integer> h = parseHidden(hidden.get()).orElseThrow();
        ModelKind k = kind.get();
        // Rows the kind does not show pass their "off" values, so a value left in a hidden row changes nothing.
        boolean capacity = k.has(ModelSetting.CAPACITY);
        ModelSettings s = new ModelSettings(k.latentAtMostInput() ? Math.min(latent.get(), inputDim) : latent.get(),
                h, activation.get(), likelihood.get(), AutoencoderConfig.DEFAULT_SIGMA,
                k.has(ModelSetting.BETA) ? beta.get() : null, k.has(ModelSetting.KL_WARMUP) ? klWarmup.get() : 0,
                capacity ? capacityMax.get() : 0, capacity ? capacityGamma.get() : 0,
                capacity ? capacityEpochs.get() : 0,
                k.has(ModelSetting.SPARSITY) && sparsity.get() != Sparsity.NONE ? sparsity.get() : null,
                k.has(ModelSetting.SPARSITY) ? sparsityWeight.get() : 0,
                k.has(ModelSetting.SPARSITY) ? sparsityTarget.get() : AutoencoderConfig.DEFAULT_SPARSITY_TARGET,
                k.has(ModelSetting.CORRUPTION) ? corruption.get() : null, convSpec(input));
        if (k.has(ModelSetting.TC_WEIGHTS)) {
            s = s.withTcWeights(tcAlpha.get(), beta.get(), tcGamma.get());
        }
        if (k.has(ModelSetting.DISCRIMINATOR)) {
            s = s.withFactor(factorGamma.get(), parseHidden(discriminator.get()).orElseThrow(),
                    discriminatorRate.get());
        }
        return s;
    }

    /**
     * The convolutional nets the conv rows describe for {@code input}, each blank row taking the image's default;
     * null when both are blank (the kind takes the whole default) or the data are not images.
     */
    private ConvSpec convSpec(Shape input) {
        List<Integer> c = parseHidden(convChannels.get()).orElseThrow();
        List<Integer> d = parseHidden(convDense.get()).orElseThrow();
        if (!hasConvolutions() || input.isFlat() || (c.isEmpty() && d.isEmpty())) {
            return null;
        }
        ConvSpec def = ConvSpec.defaultFor(input);
        return new ConvSpec(c.isEmpty() ? def.channels() : c, def.kernel(), def.stride(), def.padding(),
                d.isEmpty() ? def.dense() : d);
    }

    /** Held-out examples for the importance-weighted bound: fewer for a larger K, so an epoch's check stays short. */
    public int heldOutExamples() {
        int k = Math.max(1, heldOutSamples.get());
        return Math.max(50, Math.min(1000, 50_000 / k));
    }

    public TrainingConfig trainingConfig() {
        return new TrainingConfig(epochs.get(), batchSize.get(), Optimizer.Kind.ADAM, learningRate.get(), 0.9,
                seed.get(), patience.get(), TrainingConfig.DEFAULT_SNAPSHOT_MILLIS);
    }

    /** Sets every field from a saved model's configs (when a model is opened). */
    public void apply(ModelConfig config, TrainingConfig training) {
        kind.set(config.kind());
        latent.set(config.latentDim());
        ModelSettings m = config.settings();
        if (config.kind().has(ModelSetting.NETWORK)) {
            hidden.set(join(m.hidden()));
            activation.set(m.activation());
        }
        if (config.kind().has(ModelSetting.CONVOLUTIONS) && m.conv() != null) {
            convChannels.set(join(m.conv().channels()));
            convDense.set(join(m.conv().dense()));
            activation.set(m.activation());
        }
        if (config.kind().has(ModelSetting.LIKELIHOOD)) {
            likelihood.set(m.likelihood());
        }
        if (m.sparsity() != null) {
            sparsity.set(m.sparsity());
            sparsityWeight.set(m.sparsityWeight());
            sparsityTarget.set(m.sparsityTarget());
        }
        if (m.corruption() != null) {
            corruption.set(m.corruption());
        }
        if (m.tcAlpha() != null) { // beta-TCVAE's weights; its beta, on the TC, follows
            tcAlpha.set(m.tcAlpha());
            tcGamma.set(m.tcGamma());
        }
        if (m.factorGamma() != null) { // FactorVAE's
            factorGamma.set(m.factorGamma());
            discriminator.set(join(m.discriminator()));
            discriminatorRate.set(m.discriminatorRate());
        }
        if (m.beta() != null) { // the settings of a config with a KL term
            beta.set(m.beta());
            klWarmup.set(m.klWarmupEpochs());
            capacityMax.set(m.capacityMax());
            if (m.capacityMax() > 0) {
                capacityGamma.set(m.capacityGamma());
                capacityEpochs.set(m.capacityEpochs());
            }
        }
        if (training != null) {
            learningRate.set(training.learningRate());
            batchSize.set(training.batchSize());
            epochs.set(training.epochs());
            patience.set(training.patience());
            seed.set(training.seed());
        }
    }

    /**
     * Sets the data fields from a saved model: its dataset and its split's settings, typed as recorded, or derived
     * from its recorded command for a folder written before they were. The seed stays a long.
     */
    public void applyData(SavedModel m) {
        DatasetInfo info = m.dataset() != null ? m.dataset() : new DatasetInfo(null, 0, 0, 0, null);
        if (info.spec() != null) {
            dataset.set(info.spec());
        }
        SplitSettings split = info.splitSettings(m.command(), m.seed());
        trainSize.set(split.trainLimit());
        validationFraction.set(split.validationFraction());
        seed.set(split.seed());
    }

    private static String join(List<Integer> sizes) {
        StringBuilder sb = new StringBuilder();
        for (int s : sizes) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(s);
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }
}
