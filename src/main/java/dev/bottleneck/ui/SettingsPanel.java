package dev.bottleneck.ui;

import dev.bottleneck.core.model.Activation;
import dev.bottleneck.core.model.Likelihood;
import dev.bottleneck.core.model.ModelKind;
import dev.bottleneck.core.model.ModelSetting;
import dev.bottleneck.core.model.Sparsity;
import dev.bottleneck.core.model.TcVaeConfig;
import dev.bottleneck.core.model.FactorVaeConfig;
import dev.bottleneck.core.model.VaeConfig;
import dev.bottleneck.viewmodel.SettingsViewModel;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.DoublePredicate;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import org.controlsfx.validation.Severity;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;
import org.controlsfx.validation.Validator;

/**
 * The configuration form: data, model and optimiser. It shows exactly the hyperparameters the chosen model kind
 * has, and refuses a bad value at its field with the reason (ControlsFX validation decorations).
 */
public final class SettingsPanel extends VBox {

    private final SettingsViewModel s;
    private final ValidationSupport validation = new ValidationSupport();
    private final Runnable loadData;
    private final ComboBox<String> dataset = new ComboBox<>(FXCollections.observableArrayList(
            SettingsViewModel.DATASET_NAMES));

    public SettingsPanel(SettingsViewModel settings, Runnable loadData,
            Consumer<SettingsViewModel.Preset> applyPreset) {
        super(8);
        this.s = settings;
        this.loadData = loadData;
        getStyleClass().add("settings-panel");
        setPadding(new Insets(8));
        validation.setErrorDecorationEnabled(true);
        MenuButton presets = new MenuButton("Presets");
        presets.setTooltip(new Tooltip("Ready-made settings for the lecture's demonstrations"));
        for (SettingsViewModel.Preset p : SettingsViewModel.Preset.values()) {
            MenuItem item = new MenuItem(p.label() + "  -  " + p.description());
            item.setMnemonicParsing(false);
            item.setOnAction(e -> applyPreset.accept(p));
            presets.getItems().add(item);
        }
        presets.setMaxWidth(Double.MAX_VALUE);
        getChildren().addAll(presets, dataPane(), modelPane(), trainingPane());
        validation.validationResultProperty().addListener((o, a, r) -> updateProblems());
        s.kind.addListener((o, a, k) -> javafx.application.Platform.runLater(this::updateProblems));
    }

    private TitledPane dataPane() {
        GridPane g = grid();
        dataset.setEditable(true);
        dataset.setMaxWidth(Double.MAX_VALUE);
        dataset.valueProperty().bindBidirectional(s.dataset);
        // What is typed is the dataset at once (Ctrl+L or Load never read an uncommitted older value), and a path
        // that fails to load stays in the field, to be corrected.
        dataset.getEditor().textProperty().addListener((o, a, t) -> {
            if (dataset.getEditor().isFocused() && t != null && !t.equals(s.dataset.get())) {
                s.dataset.set(t);
            }
        });
        dataset.setTooltip(new Tooltip("A shipped or generated dataset, or a path"));
        MenuButton open = new MenuButton("Open");
        MenuItem idx = new MenuItem("IDX file...");
        idx.setOnAction(e -> chooseFile("IDX image file", "*.gz", "*idx3*", "*"));
        MenuItem folder = new MenuItem("Image folder...");
        folder.setOnAction(e -> chooseFolder());
        MenuItem csv = new MenuItem("CSV file...");
        csv.setOnAction(e -> chooseFile("CSV of numbers", "*.csv", "*.tsv", "*.txt"));
        open.getItems().addAll(idx, folder, csv);
        Button load = new Button("Load");
        load.setDefaultButton(false);
        load.setOnAction(e -> loadData.run());
        load.setTooltip(new Tooltip("Load the dataset and split it (Ctrl+L)"));
        int r = 0;
        g.addRow(r++, new Label("Dataset"), dataset);
        g.add(new javafx.scene.layout.HBox(6, open, load), 1, r++);
        g.addRow(r++, label("Train examples", "0 keeps them all; a few hundred provoke overfitting"),
                intField(s.trainSize, v -> v >= 0, "0 (all) or more"));
        g.addRow(r++, label("Validation share", "held out from the training pool"),
                doubleField(s.validationFraction, v -> v >= 0 && v < 0.9, "a share in [0, 0.9)"));
        TextField check = new TextField();
        check.textProperty().bindBidirectional(s.validationCorruption);
        validation.registerValidator(check, false, (Control c, String t) -> ValidationResult.fromErrorIf(c,
                s.problem("validationCorruption").orElse(""), s.problem("validationCorruption").isPresent()));
        g.addRow(r, label("Denoising check", "corrupt held-out inputs (e.g. masking:0.3) and chart the error of"
                + " reconstructing the clean ones: denoising as validation; none for off"), check);
        return titled("Data", g);
    }

    private TitledPane modelPane() {
        GridPane g = grid();
        ComboBox<ModelKind> kind = new ComboBox<>(FXCollections.observableArrayList(ModelKind.values()));
        kind.valueProperty().bindBidirectional(s.kind);
        kind.setCellFactory(l -> kindCell());
        kind.setButtonCell(kindCell());
        kind.setMaxWidth(Double.MAX_VALUE);
        int r = 0;
        g.addRow(r++, new Label("Model"), kind);
        g.addRow(r++, label("Latent size", "size of the code z, 1..256"), intField(s.latent, v -> v >= 1 && v <= 256, "1..256"));
        BooleanBinding network = Bindings.createBooleanBinding(s::hasNetwork, s.kind);
        BooleanBinding beta = Bindings.createBooleanBinding(s::hasBeta, s.kind);
        BooleanBinding warmup = Bindings.createBooleanBinding(s::hasWarmup, s.kind);
        BooleanBinding sparse = Bindings.createBooleanBinding(s::hasSparsity, s.kind);
        BooleanBinding denoise = Bindings.createBooleanBinding(s::hasCorruption, s.kind);
        TextField hidden = new TextField();
        hidden.textProperty().bindBidirectional(s.hidden);
        validation.registerValidator(hidden, false, Validator.createPredicateValidator(
                (String t) -> SettingsViewModel.parseHidden(t).isPresent(),
                "sizes 1..8192 separated by commas, e.g. 512,256"));
        r = addRow(g, r, label("Hidden layers", "encoder sizes; the decoder mirrors them"), hidden, network);
        BooleanBinding convolutions = Bindings.createBooleanBinding(s::hasConvolutions, s.kind);
        TextField channels = new TextField();
        channels.textProperty().bindBidirectional(s.convChannels);
        channels.setPromptText("image's default");
        validation.registerValidator(channels, false, (Control c, String t) -> ValidationResult.fromErrorIf(c,
                s.problem("convChannels").orElse(""), s.problem("convChannels").isPresent()));
        r = addRow(g, r, label("Convolutions", "channels of each 4x4, stride-2 convolution (each halves the image);"
                + " the decoder mirrors them with transposed convolutions. Blank: the image's default, 32,64 for"
                + " 28x28, Burgess et al.'s 32,32,32,32 for 64x64"), channels, convolutions);
        TextField dense = new TextField();
        dense.textProperty().bindBidirectional(s.convDense);
        dense.setPromptText("image's default");
        validation.registerValidator(dense, false, (Control c, String t) -> ValidationResult.fromErrorIf(c,
                s.problem("convDense").orElse(""), s.problem("convDense").isPresent()));
        r = addRow(g, r, label("Dense layers", "sizes between the convolutions and the code; blank: the image's"
                + " default (256 for 28x28)"), dense, convolutions);
        BooleanBinding activation = Bindings.createBooleanBinding(s::hasActivation, s.kind);
        BooleanBinding likelihood = Bindings.createBooleanBinding(() -> s.has(ModelSetting.LIKELIHOOD), s.kind);
        r = addRow(g, r, new Label("Activation"), combo(s.activation, Activation.values()), activation);
        r = addRow(g, r, label("Likelihood", "Bernoulli (BCE) for data in [0, 1]; Gaussian (MSE) otherwise"),
                combo(s.likelihood, Likelihood.values()), likelihood);
        r = addRow(g, r, label("beta", "weight of the KL term (Higgins et al. 2017)"),
                doubleField(s.beta, v -> v > 0 && v <= VaeConfig.MAX_BETA, "a number in (0, 1000]"), beta);
        r = addRow(g, r, label("Capacity C_max", "Burgess et al. 2018: loss = recon + gamma |KL - C|, C rising to"
                + " C_max nats; 0 keeps beta * KL"),
                doubleField(s.capacityMax, v -> v >= 0 && v <= VaeConfig.MAX_CAPACITY, "0 (off) to 1000 nats"), beta);
        r = addRow(g, r, label("gamma", "weight of |KL - C| in the capacity objective"),
                doubleField(s.capacityGamma, v -> v > 0 && v <= VaeConfig.MAX_CAPACITY_GAMMA,
                        "a number in (0, 10000]"), beta);
        r = addRow(g, r, label("C rises over", "epochs for C to reach C_max"),
                doubleField(s.capacityEpochs, v -> v >= 0, "0 or more epochs"), beta);
        BooleanBinding tc = Bindings.createBooleanBinding(s::hasTcWeights, s.kind);
        String range = "a number in [0, " + SettingsPanel.format(TcVaeConfig.MAX_WEIGHT) + "]";
        java.util.function.DoublePredicate inRange = v -> v >= 0 && v <= TcVaeConfig.MAX_WEIGHT;
        Label tcBeta = label("TC weight beta", "beta-TCVAE (Chen et al. 2018): loss = recon + alpha MI + beta TC"
                + " + gamma dimension-wise KL. beta weighs the total correlation, the dependence between the code's"
                + " dimensions. The three are estimated on each batch with the training set's size in them"
                + " (minibatch stratified sampling), biased at small batches: MI reads high and the dimension-wise KL"
                + " low, TC low at tens to hundreds of examples and high at a handful; batches of hundreds keep it"
                + " small.");
        tcBeta.getTooltip().setWrapText(true);
        tcBeta.getTooltip().setMaxWidth(420);
        r = addRow(g, r, tcBeta, doubleField(s.beta, inRange, range), tc);
        r = addRow(g, r, label("MI weight alpha", "weight of the index-code mutual information I(z; n), how much"
                + " the code says of which example it came from; Chen et al. keep 1"),
                doubleField(s.tcAlpha, inRange, range), tc);
        r = addRow(g, r, label("Dim-KL weight gamma", "weight of the dimension-wise KL, each code dimension's"
                + " aggregate posterior against the prior N(0, 1); Chen et al. keep 1"),
                doubleField(s.tcGamma, inRange, range), tc);
        BooleanBinding factor = Bindings.createBooleanBinding(s::hasDiscriminator, s.kind);
        Label factorGamma = label("TC weight gamma", "FactorVAE (Kim & Mnih 2018): loss = recon + KL + gamma TC, TC"
                + " the total correlation of the code, estimated as the mean of log(D(z) / (1 - D(z))) by a"
                + " discriminator D trained beside the VAE to tell the batch's codes from codes with each dimension"
                + " shuffled across the batch. Kim & Mnih use gamma 35 on dSprites; the estimate is only as good as D,"
                + " near 0 while it cannot tell them apart.");
        factorGamma.getTooltip().setWrapText(true);
        factorGamma.getTooltip().setMaxWidth(420);
        r = addRow(g, r, factorGamma, doubleField(s.factorGamma, v -> v >= 0 && v <= FactorVaeConfig.MAX_GAMMA,
                "a number in [0, " + SettingsPanel.format(FactorVaeConfig.MAX_GAMMA) + "]"), factor);
        TextField disc = new TextField();
        disc.textProperty().bindBidirectional(s.discriminator);
        validation.registerValidator(disc, false, (Control c, String t) -> ValidationResult.fromErrorIf(c,
                s.problem("discriminator").orElse(""), s.problem("discriminator").isPresent()));
        r = addRow(g, r, label("Discriminator", "hidden layer sizes of the discriminator D, leaky ReLU 0.2, one"
                + " logit out; Kim & Mnih's is six layers of 1000, slower on two cores"), disc, factor);
        r = addRow(g, r, label("D learning rate", "of the discriminator's own Adam (betas 0.5, 0.9); Kim & Mnih's"
                + " 1e-4"), doubleField(s.discriminatorRate, v -> v > 0 && v < 1, "a number in (0, 1)"), factor);
        r = addRow(g, r, label("KL warm-up", "epochs over which the KL weight rises from 0"),
                doubleField(s.klWarmup, v -> v >= 0, "0 or more epochs"), warmup);
        ComboBox<Integer> heldOut = new ComboBox<>(FXCollections.observableArrayList(0, 1, 10, 100, 1000));
        heldOut.valueProperty().addListener((o, a, k) -> s.heldOutSamples.set(k == null ? 0 : k));
        s.heldOutSamples.addListener((o, a, k) -> heldOut.setValue(k.intValue()));
        heldOut.setValue(s.heldOutSamples.get());
        heldOut.setMaxWidth(Double.MAX_VALUE);
        heldOut.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Integer k) {
                return k == null || k == 0 ? "off" : "K = " + k;
            }

            @Override
            public Integer fromString(String t) {
                return null;
            }
        });
        Label heldOutLabel = label("log p(x) held out",
                "Every epoch, the importance-weighted bound (Burda et al. 2016) with K samples on held-out digits. It is"
                + " a lower bound on log p(x) that tightens as K grows and is never looser than the ELBO; its mean"
                + " over examples the model never saw estimates E log P(X_new), which is what validating a VAE asks."
                + " Charted as '-log p(x), IWAE bound' with its standard error.");
        heldOutLabel.getTooltip().setWrapText(true);
        heldOutLabel.getTooltip().setMaxWidth(420);
        heldOut.setTooltip(heldOutLabel.getTooltip());
        BooleanBinding heldOutRow = Bindings.createBooleanBinding(
                () -> s.has(ModelSetting.HELD_OUT_LIKELIHOOD), s.kind);
        r = addRow(g, r, heldOutLabel, heldOut, heldOutRow);
        r = addRow(g, r, new Label("Sparsity"), combo(s.sparsity, new Sparsity[] {Sparsity.L1, Sparsity.KL}), sparse);
        r = addRow(g, r, label("Sparsity weight", "weight of the penalty on the code"),
                doubleField(s.sparsityWeight, v -> v >= 0, "0 or more"), sparse);
        r = addRow(g, r, label("Target rho", "target mean activation of the KL penalty"),
                doubleField(s.sparsityTarget, v -> v > 0 && v < 1, "a number in (0, 1)"), sparse);
        TextField corruption = new TextField();
        corruption.textProperty().bindBidirectional(s.corruption);
        validation.registerValidator(corruption, false, (Control c, String t) -> ValidationResult.fromErrorIf(c,
                s.problem("corruption").orElse(""), s.problem("corruption").isPresent()));
        addRow(g, r, label("Corruption", "masking:F, gaussian:SIGMA or saltpepper:F"), corruption, denoise);
        return titled("Model", g);
    }

    private TitledPane trainingPane() {
        GridPane g = grid();
        BooleanBinding network = Bindings.createBooleanBinding(s::hasOptimisation, s.kind);
        int r = 0;
        r = addRow(g, r, label("Learning rate", "Adam's step size"),
                doubleField(s.learningRate, v -> v > 0 && v < 10, "a number in (0, 10)"), network);
        r = addRow(g, r, new Label("Batch size"), intField(s.batchSize, v -> v >= 1 && v <= 65536, "1..65536"), network);
        r = addRow(g, r, new Label("Epochs"), intField(s.epochs, v -> v >= 1 && v <= 10000, "1..10000"), network);
        r = addRow(g, r, label("Early stopping", "stop after this many epochs without a better validation loss (0: off)"),
                intField(s.patience, v -> v >= 0, "0 (off) or more"), network);
        g.addRow(r, label("Seed", "split, weights and noise all derive from it"), longField(s.seed));
        return titled("Training", g);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(0); // rows hidden for another model kind must not leave their gaps: spacing is per-node margin
        g.getColumnConstraints().addAll(new javafx.scene.layout.ColumnConstraints(118),
                new javafx.scene.layout.ColumnConstraints(140));
        return g;
    }

    private static TitledPane titled(String title, GridPane content) {
        for (Node n : content.getChildren()) {
            GridPane.setMargin(n, new Insets(3, 0, 3, 0));
        }
        TitledPane t = new TitledPane(title, content);
        t.setCollapsible(true);
        return t;
    }

    private static Label label(String text, String tip) {
        Label l = new Label(text);
        l.setTooltip(new Tooltip(tip));
        return l;
    }

    private static int addRow(GridPane g, int row, Label label, Node field, BooleanBinding shown) {
        g.addRow(row, label, field);
        for (Node n : new Node[] {label, field}) {
            n.visibleProperty().bind(shown);
            n.managedProperty().bind(shown);
        }
        return row + 1;
    }

    private <E extends Enum<E>> ComboBox<E> combo(ObjectProperty<E> p, E[] values) {
        ComboBox<E> c = new ComboBox<>(FXCollections.observableArrayList(values));
        c.valueProperty().bindBidirectional(p);
        c.setMaxWidth(Double.MAX_VALUE);
        c.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(E e) {
                return e == null ? "" : display(e);
            }

            @Override
            public E fromString(String text) {
                return null;
            }
        });
        return c;
    }

    /** How a user reads an option, rather than its Java name. */
    static String display(Enum<?> e) {
        return switch (e.name()) {
            case "RELU" -> "ReLU";
            case "TANH" -> "tanh";
            case "SIGMOID" -> "sigmoid";
            case "ELU" -> "ELU";
            case "IDENTITY" -> "none";
            case "BERNOULLI" -> "Bernoulli";
            case "GAUSSIAN" -> "Gaussian";
            case "L1" -> "L1 on the code";
            case "KL" -> "KL to target rho";
            case "NONE" -> "none";
            default -> e.name().toLowerCase(Locale.ROOT);
        };
    }

    private static ListCell<ModelKind> kindCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(ModelKind k, boolean empty) {
                super.updateItem(k, empty);
                setText(empty || k == null ? "" : k.label());
            }
        };
    }

    private TextField intField(IntegerProperty p, java.util.function.IntPredicate ok, String reason) {
        return numberField(p, () -> Integer.toString(p.get()), t -> p.set(Integer.parseInt(t)),
                t -> ok.test(Integer.parseInt(t.trim())), reason);
    }

    private TextField longField(javafx.beans.property.LongProperty p) {
        return numberField(p, () -> Long.toString(p.get()), t -> p.set(Long.parseLong(t.trim())),
                t -> { Long.parseLong(t.trim()); return true; }, "a whole number");
    }

    private TextField doubleField(DoubleProperty p, DoublePredicate ok, String reason) {
        return numberField(p, () -> format(p.get()), t -> p.set(Double.parseDouble(t)),
                t -> ok.test(Double.parseDouble(t.trim())), reason);
    }

    /** A text field that writes its value to the model only when it parses and passes; otherwise it says why. */
    private TextField numberField(javafx.beans.value.ObservableValue<?> source, Supplier<String> initial,
            Consumer<String> write, java.util.function.Predicate<String> ok, String reason) {
        TextField f = new TextField(initial.get());
        f.setPrefColumnCount(8);
        java.util.function.Predicate<String> valid = t -> {
            try {
                return t != null && !t.isBlank() && ok.test(t.trim());
            } catch (NumberFormatException e) {
                return false;
            }
        };
        validation.registerValidator(f, false, Validator.createPredicateValidator(valid,
                reason.isEmpty() ? "a whole number" : "must be " + reason, Severity.ERROR));
        boolean[] writing = {false};
        f.textProperty().addListener((o, a, t) -> {
            if (valid.test(t)) {
                writing[0] = true;
                try {
                    write.accept(t.trim());
                } finally {
                    writing[0] = false;
                }
            }
        });
        // A value set elsewhere (an opened model's settings) shows in the field.
        source.addListener((o, a, v) -> {
            if (!writing[0]) {
                f.setText(initial.get());
            }
        });
        return f;
    }

    private static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%s", v);
    }

    private void chooseFile(String description, String... patterns) {
        FileChooser fc = new FileChooser();
        fc.setTitle("Open " + description);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, patterns));
        File f = fc.showOpenDialog(getScene().getWindow());
        if (f != null) {
            s.dataset.set(f.getAbsolutePath());
            loadData.run();
        }
    }

    private void chooseFolder() {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Open a folder of images (one sub-folder per class)");
        File f = dc.showDialog(getScene().getWindow());
        if (f != null) {
            s.dataset.set(f.getAbsolutePath());
            loadData.run();
        }
    }

    /** Whether every field holds a valid value. */
    public boolean isValid() {
        return !invalid.get();
    }

    private final javafx.beans.property.ReadOnlyBooleanWrapper invalid =
            new javafx.beans.property.ReadOnlyBooleanWrapper(false);
    private final javafx.beans.property.ReadOnlyStringWrapper problem =
            new javafx.beans.property.ReadOnlyStringWrapper("");

    /** True while a shown field holds a value the form cannot take (hidden rows do not count: the run ignores them). */
    public javafx.beans.property.ReadOnlyBooleanProperty invalidProperty() {
        return invalid.getReadOnlyProperty();
    }

    /** The first such field and what is wrong with it ("Latent size: must be 1..256"); empty when none. */
    public javafx.beans.property.ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    private void updateProblems() {
        ValidationResult r = validation.getValidationResult();
        List<String> shown = new ArrayList<>();
        if (r != null) {
            for (var m : r.getErrors()) {
                Control c = m.getTarget();
                if (c.isVisible()) {
                    shown.add(fieldName(c) + ": " + m.getText());
                }
            }
        }
        invalid.set(!shown.isEmpty());
        problem.set(String.join("; ", shown));
    }

    /** The label beside a field in its grid row. */
    private static String fieldName(Control field) {
        if (field.getParent() instanceof GridPane g) {
            Integer row = GridPane.getRowIndex(field);
            for (Node n : g.getChildren()) {
                if (n instanceof Label l && n != field && java.util.Objects.equals(GridPane.getRowIndex(n), row)) {
                    return l.getText();
                }
            }
        }
        return field.getAccessibleText() != null ? field.getAccessibleText() : "a field";
    }
}
