package dev.bottleneck.ui;

import dev.bottleneck.core.data.SampleShape;
import dev.bottleneck.viewmodel.ExplorerViewModel;
import dev.bottleneck.viewmodel.ExplorerViewModel.Axes;
import dev.bottleneck.viewmodel.TrainingViewModel;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The main window's content: settings on the left; the loss chart and the latent scatter side by side; the traversal
 * sliders and the samples below; the status bar at the bottom. Errors show in a banner, never as a stack trace.
 */
public final class MainWindow extends BorderPane {

    private final TrainingViewModel training;
    private final dev.bottleneck.viewmodel.TrainingSession run;
    private final dev.bottleneck.viewmodel.TrainingCurves curves;
    private final dev.bottleneck.viewmodel.SnapshotTimeline timeline;
    private final dev.bottleneck.viewmodel.SessionStatus session;
    private final dev.bottleneck.viewmodel.DataSession data;
    private final dev.bottleneck.viewmodel.FxExecutors javafxExecutors;
    private final ExplorerViewModel explorer;
    private final LossChart chart = new LossChart();
    private final LatentScatter scatter = new LatentScatter();
    private final TrainingBar bar;
    private final HBox errorBanner;
    private final Label errorText = new Label();
    private final ComboBox<String> xAxis = new ComboBox<>();
    private final ComboBox<String> yAxis = new ComboBox<>();
    private boolean syncingAxes;
    private final javafx.scene.control.CheckBox errorRings = new javafx.scene.control.CheckBox("error rings");
    private SplitPane body;
    private SplitPane topSplit;
    private ScrollPane settingsPane;
    private boolean presenter;
    /** How much larger presenter mode draws what is not styled by CSS: chart texts, previews, decoded images. */
    static final double PRESENTER_SCALE = 1.5;
    private final TraversalPanel traversal;
    private final ComponentsChart components;
    private SweepChart sweepChart;
    private dev.bottleneck.viewmodel.SweepViewModel latentSweep;
    private final dev.bottleneck.viewmodel.BetaSweepViewModel betaSweep;
    private BetaSweepPane betaSweepPane;

    public MainWindow(TrainingViewModel training, ExplorerViewModel explorer, Node menuBar) {
        this(training, explorer, menuBar, dev.bottleneck.viewmodel.FxExecutors.forApp());
    }

    public MainWindow(TrainingViewModel training, ExplorerViewModel explorer, Node menuBar,
            dev.bottleneck.viewmodel.FxExecutors executors) {
        this.javafxExecutors = executors;
        this.training = training;
        this.run = training.run();
        this.curves = run.curves();
        this.timeline = run.timeline();
        this.session = training.status();
        this.data = training.data();
        this.explorer = explorer;
        this.bar = new TrainingBar(training);
        this.traversal = new TraversalPanel(explorer);
        this.components = new ComponentsChart(explorer);
        this.betaSweep = new dev.bottleneck.viewmodel.BetaSweepViewModel(executors, data.splitProperty(),
                training.settings());
        getStyleClass().add("main-window");

        SettingsPanel settings = new SettingsPanel(training.settings(), training::loadData, p -> {
            if (bar.guard().allows("The preset " + p.label() + " replaces the model")) {
                training.applyPreset(p);
                chart.setSmoothing(0);   // a preset starts the lesson afresh: no smoothing carried over
            }
        });
        bar.blockWhileInvalid(settings.invalidProperty(), settings.problemProperty());
        ScrollPane settingsScroll = new ScrollPane(settings);
        settingsScroll.setFitToWidth(true);
        settingsScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        settingsScroll.setPrefWidth(316);
        settingsScroll.setMinWidth(250);

        Label pathHint = new Label("2 clicks: path in Samples");
        pathHint.getStyleClass().add("caption");
        pathHint.setMinWidth(0);
        errorRings.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox scatterFooter = new HBox(10, errorRings, pathHint);
        scatterFooter.setAlignment(Pos.CENTER_LEFT);
        VBox scatterBox = new VBox(4, scatterHeader(), scatter, scatterFooter);
        VBox.setVgrow(scatter, Priority.ALWAYS);
        scatterBox.setPadding(new Insets(4));
        VBox chartBox = new VBox(chart, scrubber());
        VBox.setVgrow(chart, Priority.ALWAYS);
        SplitPane top = new SplitPane(chartBox, scatterBox);
        top.setDividerPositions(0.5);
        this.topSplit = top;

        Tab componentsTab = new Tab("Components", components);
        components.showingProperty().bind(componentsTab.selectedProperty());
        TabPane lower = new TabPane(
                new Tab("Latent traversal", traversal),
                new Tab("Samples", samplesScroll(new SamplesPanel(explorer))),
                componentsTab,
                new Tab("PCA vs AE", sweepPane()),
                new Tab("beta sweep", betaSweepPane()),
                new Tab("PCA, AE, VAE", new ComparisonPane(new dev.bottleneck.viewmodel.ComparisonViewModel(
                        javafxExecutors, () -> data.splitProperty().get(), training.settings()))));
        lower.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        SplitPane center = new SplitPane(top, lower);
        center.setOrientation(Orientation.VERTICAL);
        center.setDividerPositions(0.56);

        SplitPane body = new SplitPane(settingsScroll, center);
        body.setDividerPositions(0.247);
        this.body = body;
        this.settingsPane = settingsScroll;
        body.widthProperty().addListener((o, a, w) -> restoreSettingsWidth());
        // The split pane's own resize (it keeps a pane that does not resize with its parent at its width) can undo a
        // divider set while the window shrinks back from full screen: put it right again once laid out.
        settingsScroll.widthProperty().addListener((o, a, w) -> {
            if (Math.abs(w.doubleValue() - settingsWidth) > 1 && System.nanoTime() < restoreUntil) {
                javafx.application.Platform.runLater(this::restoreSettingsWidth);
            }
        });
        SplitPane.setResizableWithParent(settingsScroll, false);
        errorBanner = errorBanner();

        HBox tools = bar.controls();
        tools.setPadding(new Insets(6, 8, 6, 8));
        javafx.scene.control.Button restore = new javafx.scene.control.Button("Restore best");
        restore.setTooltip(new javafx.scene.control.Tooltip(
                "Put back the parameters of the epoch with the lowest validation loss"));
        restore.setOnAction(e -> run.restoreBest());
        restore.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> !run.canRestoreBest(), session.stateProperty(), curves.bestEpochProperty()));
        tools.getChildren().add(restore);
        setTop(new VBox(menuBar, tools, errorBanner));
        setCenter(body);
        HBox status = bar.status();
        status.setPadding(new Insets(4, 8, 4, 8));
        setBottom(status);
        // Sweeps train on the training thread: a run started meanwhile would wait behind them, looking stuck.
        bar.blockWhileBackground(latentSweep.runningProperty().or(betaSweep.runningProperty()),
                javafx.beans.binding.Bindings.createStringBinding(() -> (betaSweep.runningProperty().get()
                        ? "The beta sweep" : "The latent-size sweep") + " is training in the background: "
                        + "stop it first (its tab's Stop).", betaSweep.runningProperty()));

        wireChart();
        wireScatter();
        // The samples tab shows the selected example denoised with the same corruption as the validation check.
        explorer.samples().setCorruption(training.settings().validationCorruption.get());
        training.settings().validationCorruption.addListener((o, a, spec) -> explorer.samples().setCorruption(spec));
        // An error stays until dismissed or until the view model clears it with the next success.
        session.errorProperty().addListener((o, a, msg) -> showErrorOrClear(msg));
        explorer.errorProperty().addListener((o, a, msg) -> showErrorOrClear(msg));
    }

    /**
     * The error banner: above the panes, pushing them down rather than covering the chart's toolbar; "Dismiss" (or
     * the next success) hides it.
     */
    private HBox errorBanner() {
        errorText.setWrapText(true);
        errorText.setMaxWidth(Double.MAX_VALUE);
        errorText.getStyleClass().add("error-text");
        HBox.setHgrow(errorText, Priority.ALWAYS);
        javafx.scene.control.Button dismiss = new javafx.scene.control.Button("Dismiss");
        dismiss.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        dismiss.setOnAction(e -> hideError());
        HBox banner = new HBox(10, errorText, dismiss);
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.setPadding(new Insets(6, 10, 6, 10));
        banner.getStyleClass().add("error-banner");
        banner.setVisible(false);
        banner.setManaged(false);
        return banner;
    }

    private void showErrorOrClear(String message) {
        if (message == null || message.isBlank()) {
            if (session.errorProperty().get().isEmpty() && explorer.errorProperty().get().isEmpty()) {
                errorBanner.setVisible(false);
                errorBanner.setManaged(false);
            }
        } else {
            showError(message);
        }
    }

    private void hideError() {
        errorBanner.setVisible(false);
        errorBanner.setManaged(false);
        session.clearError();
    }

    /** The banner's message while it is shown, else null (for tests). */
    String errorShown() {
        return errorBanner.isVisible() ? errorText.getText() : null;
    }

    /** The latent-size sweep: the nonlinear-PCA lesson as one plot. */
    private Node sweepPane() {
        dev.bottleneck.viewmodel.SweepViewModel vm = new dev.bottleneck.viewmodel.SweepViewModel(
                javafxExecutors, () -> data.splitProperty().get(), training.settings());
        latentSweep = vm;
        SweepChart chart = new SweepChart();
        sweepChart = chart;
        vm.points().addListener((ListChangeListener<dev.bottleneck.core.eval.SweepPoint>) c -> {
            while (c.next()) {
                if (c.wasAdded()) {
                    c.getAddedSubList().forEach(chart::add);
                }
                if (c.wasRemoved() && vm.points().isEmpty()) {
                    chart.clear();
                }
            }
        });
        javafx.scene.control.Button run = new javafx.scene.control.Button("Run sweep");
        run.setOnAction(e -> vm.run());
        javafx.scene.control.Button stop = new javafx.scene.control.Button("Stop");
        stop.setOnAction(e -> vm.stop());
        run.disableProperty().bind(vm.runningProperty().or(session.stateProperty()
                .isEqualTo(TrainingViewModel.State.TRAINING)).or(betaSweep.runningProperty()));
        stop.disableProperty().bind(vm.runningProperty().not());
        Label status = new Label();
        status.textProperty().bind(vm.statusProperty());
        status.getStyleClass().add("caption");
        HBox top = new HBox(8, run, stop, status);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(4, 8, 4, 8));
        BorderPane pane = new BorderPane(chart);
        pane.setTop(top);
        return pane;
    }

    /** The beta sweep: MIG and reconstruction against beta or C_max, the trade-off of Higgins et al. as one plot. */
    private Node betaSweepPane() {
        var training = session.stateProperty().isEqualTo(TrainingViewModel.State.TRAINING);
        var busy = training.or(latentSweep.runningProperty());
        var why = javafx.beans.binding.Bindings.createStringBinding(() -> training.get()
                ? "Training is running: Pause (F6) or Stop (F8) first."
                : "The latent-size sweep (PCA vs AE) is running: stop it first.", training);
        betaSweepPane = new BetaSweepPane(betaSweep, busy, why);
        return betaSweepPane;
    }

    /** The beta sweep's view model, for tests and scenes. */
    public dev.bottleneck.viewmodel.BetaSweepViewModel betaSweep() {
        return betaSweep;
    }

    private ScrollPane samplesScroll(SamplesPanel panel) {
        ScrollPane sp = new ScrollPane(panel);
        sp.setFitToWidth(true); // the panel's groups wrap instead of running off to the right
        // Another model or other data starts at the top, not where the last one was scrolled to.
        explorer.scatter().scatterProperty().addListener((o, a, s) -> {
            if (a == null || s == null || a.x().length != s.x().length) {
                sp.setVvalue(0);
            }
        });
        return sp;
    }

    /** The training controls, to install their shortcuts on the scene. */
    public TrainingBar trainingBar() {
        return bar;
    }

    public LossChart chart() {
        return chart;
    }

    public LatentScatter scatter() {
        return scatter;
    }

    /**
     * Presenter mode: large type, the configuration hidden, keyboard control (space: train or pause; right arrow:
     * one more epoch). The caller switches to the high-contrast (dark) theme with it.
     */
    public void setPresenter(boolean on) {
        if (on == presenter) {
            return;
        }
        presenter = on;
        double scale = on ? PRESENTER_SCALE : 1;
        chart.setFontScale(scale);
        if (sweepChart != null) {
            sweepChart.setFontScale(scale);
        }
        betaSweepPane.chart().setFontScale(scale);
        traversal.previewScale().set(on ? PRESENTER_SCALE : 1);
        if (on) {
            settingsWidth = settingsPane.getWidth();
            getStyleClass().add("presenter");
            body.getItems().remove(settingsPane);
        } else {
            getStyleClass().remove("presenter");
            body.getItems().add(0, settingsPane);
            settingsPane.setHvalue(0); // a viewport scrolled while the pane was out of the window would clip it
            // Leaving full screen resizes the window a moment later: until it settles, keep the settings as wide as
            // they were (a divider set as a fraction of the full-screen width left them clipped in the window).
            restoreUntil = System.nanoTime() + 1_000_000_000L;
            restoreSettingsWidth();
            javafx.application.Platform.runLater(() -> {
                restoreSettingsWidth();
                topSplit.setDividerPositions(0.5);
            });
        }
    }

    private double settingsWidth;
    private long restoreUntil;

    /** Puts the settings pane back at its width from before presenter mode, while the window is still settling. */
    private void restoreSettingsWidth() {
        double w = body.getWidth();
        if (presenter || System.nanoTime() > restoreUntil || w <= 0) {
            return;
        }
        double width = settingsWidth > 0 ? settingsWidth : 0.247 * w;
        body.setDividerPosition(0, Math.min(0.5, width / w));
        settingsPane.setHvalue(0);
    }

    public boolean isPresenter() {
        return presenter;
    }

    /** The presenter's keys, installed on the scene: they act only in presenter mode. */
    public void installPresenterKeys(javafx.scene.Scene scene) {
        scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (!presenter) {
                return;
            }
            switch (e.getCode()) {
                case SPACE -> {
                    if (session.stateProperty().get() == TrainingViewModel.State.TRAINING
                            || session.stateProperty().get() == TrainingViewModel.State.PAUSED) {
                        bar.pause.fire();   // the button knows when Resume must wait for a background sweep
                    } else {
                        bar.train.fire();   // the button asks before a new run discards an unsaved model
                    }
                    e.consume();
                }
                case RIGHT -> {
                    bar.step.fire();        // continues a finished run: one more epoch
                    e.consume();
                }
                default -> {
                }
            }
        });
    }

    /** Shows the chart in dark or light colours. */
    public void setDark(boolean dark) {
        chart.setDark(dark);
        components.setDark(dark);
        sweepChart.setDark(dark);
        betaSweepPane.chart().setDark(dark);
    }

    /**
     * The time scrubber: one slider takes the scatter, samples and traversals back to the end of any earlier epoch,
     * with a cursor on the loss chart. Snapshots are kept while training; the slider works once training pauses.
     */
    private Node scrubber() {
        javafx.scene.control.Slider slider = new javafx.scene.control.Slider(1, 1, 1);
        slider.setMajorTickUnit(1);
        slider.setMinorTickCount(0);
        slider.setSnapToTicks(true);
        slider.setBlockIncrement(1);
        HBox.setHgrow(slider, Priority.ALWAYS);
        Label title = new Label("Time");
        title.setTooltip(new javafx.scene.control.Tooltip(
                "Take the scatter, samples and sliders back to the end of an earlier epoch (when training is paused)"));
        Label shown = new Label("latest");
        shown.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.control.Button latest = new javafx.scene.control.Button("Latest");
        javafx.beans.property.StringProperty why = new javafx.beans.property.SimpleStringProperty("");
        Runnable refresh = () -> {
            var epochs = timeline.snapshotEpochs();
            boolean training_ = session.stateProperty().get() == TrainingViewModel.State.TRAINING;
            boolean usable = epochs.size() >= 2 && !training_;
            slider.setDisable(!usable);
            latest.setDisable(!usable);
            why.set(usable ? "" : training_ ? "Pause training to go back to an earlier epoch."
                    : epochs.isEmpty() ? "No earlier epochs to show: the time scrubber keeps the model at the end of"
                            + " each epoch of a run trained here; an opened or shipped model holds only its final"
                            + " parameters (its curves are all there)."
                    : "One epoch so far: train another to go back in time.");
            if (!epochs.isEmpty()) {
                slider.setMin(epochs.get(0));
                slider.setMax(Math.max(epochs.get(0) + 1, epochs.get(epochs.size() - 1)));
            }
            if (timeline.shownEpochProperty().get() < 0 && !epochs.isEmpty()) {
                slider.setValue(slider.getMax());
            }
        };
        timeline.snapshotEpochs().addListener((ListChangeListener<Integer>) c -> refresh.run());
        session.stateProperty().addListener((o, a, st) -> refresh.run());
        slider.valueProperty().addListener((o, a, v) -> {
            if (!slider.isDisabled() && (slider.isValueChanging() || slider.isFocused())) {
                int epoch = (int) Math.round(v.doubleValue());
                timeline.showEpoch(epoch);
            }
        });
        slider.valueChangingProperty().addListener((o, a, changing) -> {
            if (!changing && !slider.isDisabled()) {
                timeline.showEpoch((int) Math.round(slider.getValue()));
            }
        });
        timeline.shownEpochProperty().addListener((o, a, e) -> {
            shown.setText(e.intValue() < 0 ? "latest" : "epoch " + e);
            chart.setCursorEpoch(e.intValue() < 0 ? Double.NaN : e.doubleValue());
        });
        latest.setOnAction(e -> {
            var epochs = timeline.snapshotEpochs();
            if (!epochs.isEmpty()) {
                slider.setValue(epochs.get(epochs.size() - 1));
                timeline.showEpoch(epochs.get(epochs.size() - 1));
            }
        });
        refresh.run();
        javafx.scene.layout.StackPane sliderHolder = DisabledReason.wrap(slider, why);
        HBox.setHgrow(sliderHolder, Priority.ALWAYS);
        slider.setMaxWidth(Double.MAX_VALUE);
        HBox row = new HBox(8, title, sliderHolder, shown, DisabledReason.wrap(latest, why));
        row.setAlignment(Pos.CENTER_LEFT);
        row.setPadding(new Insets(2, 8, 4, 8));
        row.getStyleClass().add("time-scrubber");
        return row;
    }

    /** Shows {@code message} in the error banner. */
    public void showError(String message) {
        if (message == null || message.isBlank()) {
            return;
        }
        errorText.setText(message);
        errorBanner.setVisible(true);
        errorBanner.setManaged(true);
    }

    private Node scatterHeader() {
        Label title = new Label("Latent space");
        title.getStyleClass().add("panel-title");
        title.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        title.setTooltip(new javafx.scene.control.Tooltip(
                "Hover: the image and its reconstruction. Click: anchor the sliders. Wheel: zoom. Drag: pan. 0: fit."));
        Label across = new Label("x");
        Label up = new Label("y");
        for (ComboBox<String> c : List.of(xAxis, yAxis)) {
            c.setPrefWidth(javafx.scene.layout.Region.USE_COMPUTED_SIZE);
            c.setMinWidth(64); // on a narrow window the choices shorten rather than push the scatter off screen
            c.setVisibleRowCount(12);
            c.valueProperty().addListener((o, a, v) -> axesChosen());
        }
        xAxis.setTooltip(new javafx.scene.control.Tooltip("Across: a principal component of the codes, or any latent dimension"));
        yAxis.setTooltip(new javafx.scene.control.Tooltip("Up: a principal component of the codes, or any latent dimension"));
        errorRings.setTooltip(new javafx.scene.control.Tooltip("Draw the validation examples hollow, sized by their"
                + " reconstruction error: where the model fails, and whether it overfits"));
        errorRings.selectedProperty().addListener((o, a, on) -> showErrorRings());
        scatter.setPointSizeCaption("ring size: reconstruction error (MSE per pixel)");
        HBox h = new HBox(6, title, across, xAxis, up, yAxis);
        h.setAlignment(Pos.CENTER_LEFT);
        return h;
    }

    /** The user picked an axis: both principal components, or two latent dimensions. */
    private void axesChosen() {
        if (syncingAxes) {
            return;
        }
        int x = xAxis.getSelectionModel().getSelectedIndex();
        int y = yAxis.getSelectionModel().getSelectedIndex();
        if (x < 0 || y < 0) {
            return;
        }
        boolean pcs = explorer.latentDim() > 2;
        Axes next;
        if (pcs && (x == 0 || y == 0)) {
            next = Axes.components();
        } else {
            int offset = pcs ? 1 : 0;
            next = new Axes(false, x - offset, y - offset);
        }
        if (!next.equals(explorer.scatter().axesProperty().get())) {
            explorer.scatter().setAxes(next);
        }
    }

    /** Fills the axis choosers for the explored model and shows the axes in use. */
    private void refreshAxisChoices() {
        int k = explorer.latentDim();
        List<String> xs = new ArrayList<>();
        List<String> ys = new ArrayList<>();
        if (k > 2) {
            xs.add("PC 1");
            ys.add("PC 2");
        }
        for (int j = 0; j < k; j++) {
            xs.add("z" + (j + 1));
            ys.add("z" + (j + 1));
        }
        syncingAxes = true;
        try {
            if (!xs.equals(xAxis.getItems())) {
                xAxis.setItems(FXCollections.observableArrayList(xs));
                yAxis.setItems(FXCollections.observableArrayList(ys));
            }
            Axes a = explorer.scatter().axesProperty().get();
            int offset = k > 2 ? 1 : 0;
            xAxis.getSelectionModel().select(a.principal() ? 0 : a.x() + offset);
            yAxis.getSelectionModel().select(a.principal() ? 0 : a.y() + offset);
        } finally {
            syncingAxes = false;
        }
    }

    /**
     * Batch points reach the chart at most four times a second: JFreeChart redraws the whole plot for every change,
     * and under software rendering a redraw per pulse while training held the window at 20-30 frames per second.
     * Epoch points and clearing go through at once (after the batches waiting before them).
     */
    private void wireChart() {
        List<dev.bottleneck.core.train.TrainingHistory.BatchPoint> pending = new ArrayList<>();
        Runnable flush = () -> {
            if (!pending.isEmpty()) {
                chart.addBatches(new ArrayList<>(pending));
                pending.clear();
            }
        };
        javafx.animation.Timeline ticker = new javafx.animation.Timeline(
                new javafx.animation.KeyFrame(javafx.util.Duration.millis(250), e -> flush.run()));
        ticker.setCycleCount(javafx.animation.Animation.INDEFINITE);
        ticker.play();
        curves.batchPoints().addListener((ListChangeListener<dev.bottleneck.core.train.TrainingHistory.BatchPoint>) c -> {
            while (c.next()) {
                if (c.wasAdded()) {
                    pending.addAll(c.getAddedSubList());
                }
                if (c.wasRemoved() && curves.batchPoints().isEmpty()) {
                    pending.clear();
                    chart.clear();
                }
            }
        });
        curves.epochPoints().addListener((ListChangeListener<dev.bottleneck.core.train.TrainingHistory.EpochPoint>) c -> {
            while (c.next()) {
                if (c.wasAdded()) {
                    flush.run();
                    c.getAddedSubList().forEach(chart::addEpoch);
                }
                if (c.wasRemoved() && curves.epochPoints().isEmpty() && curves.batchPoints().isEmpty()) {
                    chart.clear();
                }
            }
        });
        curves.bestEpochProperty().addListener((o, a, b) -> chart.setBestEpoch(b.intValue()));
        run.heldEpochProperty().addListener((o, a, h) -> chart.setHeldEpoch(h.doubleValue()));
        // What the curves plot, in words and units, for the model at hand (a capacity objective's loss is not -ELBO).
        run.configProperty().addListener((o, a, c) -> {
            if (c != null) {
                chart.setObjective(c.objective(), c.lossUnit());
            }
        });
    }

    private void wireScatter() {
        explorer.scatter().scatterProperty().addListener((o, a, s) -> {
            if (s == null) {
                // The explorer forgot its model (other data, PCA before its fit): an empty plot, not the old one.
                scatter.setPoints(new float[0], new float[0], null, java.util.List.of());
                scatter.setPath(null, null);
                scatter.setAxisLabels("", "");
                return;
            }
            if (a != null && a.x().length == s.x().length && sameAxes(a, s)) {
                scatter.updatePositions(s.x(), s.y());
            } else {
                scatter.setPoints(s.x(), s.y(), s.labels(), s.labelNames());
            }
            showErrorRings(); // setPoints clears the sizes; new codes bring new errors
            if (explorer.samples().interpolationProperty().get() != null) {
                explorer.samples().clearInterpolation(); // a path belongs to the codes it was computed from
            }
            scatter.setAxisLabels(s.xLabel(), s.yLabel());
            refreshAxisChoices();
        });
        scatter.selectedIndexProperty().addListener((o, a, i) -> {
            if (i.intValue() != explorer.selectedProperty().get()) {
                explorer.select(i.intValue());
            }
        });
        explorer.selectedProperty().addListener((o, a, i) -> {
            if (i.intValue() != scatter.getSelectedIndex()) {
                scatter.select(i.intValue());
            }
        });
        scatter.setHoverContent(this::hoverPreview);
        explorer.samples().interpolationProperty().addListener((o, a, p) -> {
            if (p == null) {
                scatter.setPath(null, null);
            } else {
                scatter.setPath(p.pathX(), p.pathY());
            }
        });
    }

    private static boolean sameAxes(ExplorerViewModel.Scatter a, ExplorerViewModel.Scatter b) {
        return a.xLabel().replaceAll("\\(.*\\)", "").equals(b.xLabel().replaceAll("\\(.*\\)", ""))
                && a.yLabel().replaceAll("\\(.*\\)", "").equals(b.yLabel().replaceAll("\\(.*\\)", ""));
    }

    /** Error rings on the scatter, when switched on; nothing to redo while they are off. */
    private void showErrorRings() {
        float[] errors = errorRings.isSelected() ? explorer.scatter().reconstructionErrors() : null;
        if (errors != null && errors.length != scatter.getPointCount()) {
            errors = null;
        }
        if (errors != null || scatter.hasPointSizes()) {
            scatter.setPointSizes(errors);
        }
    }

    /** The hover preview: the example's image beside its reconstruction. */
    private Node hoverPreview(int i) {
        SampleShape shape = explorer.imageShapeProperty().get();
        if (!Images.drawable(shape)) {
            return null;
        }
        var in = Images.view(64);
        in.setImage(Images.of(explorer.scatter().input(i), shape));
        var out = Images.view(64);
        out.setImage(Images.of(explorer.scatter().reconstruction(i), shape));
        Label caption = new Label("#" + i + "   input | reconstruction");
        VBox box = new VBox(2, new HBox(4, in, out), caption);
        box.getStyleClass().add("hover-preview");
        box.setPadding(new Insets(4));
        return new StackPane(box);
    }
}
