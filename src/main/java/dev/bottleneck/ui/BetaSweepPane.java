package dev.bottleneck.ui;

import dev.bottleneck.core.eval.SweepPoint;
import dev.bottleneck.core.model.SweepAxis;
import dev.bottleneck.viewmodel.BetaSweepViewModel;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The beta sweep beside the latent-size sweep: choose beta or C_max, the values and the epochs per point, Run, and
 * watch MIG and reconstruction error fill in point by point ({@link TradeOffChart}), with every number of every point
 * in a table beside it (KL and active units too).
 */
public final class BetaSweepPane extends BorderPane {

    private final BetaSweepViewModel vm;
    private final TradeOffChart chart = new TradeOffChart();
    private final TableView<SweepPoint> table = new TableView<>();
    private final Button run = new Button("Run sweep");
    private final Button stop = new Button("Stop");
    private final CheckBox migShown = new CheckBox("MIG");
    private final TableColumn<SweepPoint, String> valueColumn = new TableColumn<>("beta");

    /**
     * @param busy true while something else holds the training thread (training, another sweep)
     * @param busyReason why, in one line, shown on the disabled Run button
     */
    public BetaSweepPane(BetaSweepViewModel vm, ObservableBooleanValue busy, ObservableStringValue busyReason) {
        this.vm = vm;
        getStyleClass().add("beta-sweep-pane");

        run.setOnAction(e -> vm.run());
        stop.setOnAction(e -> vm.stop());
        run.setId("beta-sweep-run");
        stop.setId("beta-sweep-stop");
        var blocked = Bindings.createBooleanBinding(() -> !vm.blockedProperty().get().isEmpty(),
                vm.blockedProperty());
        run.disableProperty().bind(vm.runningProperty().or(busy).or(blocked));
        stop.disableProperty().bind(vm.runningProperty().not());
        StringBinding runReason = Bindings.createStringBinding(() -> vm.runningProperty().get()
                ? "The sweep is running: Stop ends it after the current batch."
                : busy.get() ? busyReason.get() : vm.blockedProperty().get(),
                vm.runningProperty(), busy, busyReason, vm.blockedProperty());

        ComboBox<SweepAxis> axis = new ComboBox<>(FXCollections.observableArrayList(BetaSweepViewModel.axes()));
        axis.valueProperty().bindBidirectional(vm.axisProperty());
        axis.setButtonCell(axisCell());
        axis.setCellFactory(l -> axisCell());
        axis.setTooltip(new Tooltip("beta: the KL weight (the total correlation's for a beta-TCVAE); C_max: the "
                + "capacity objective's target KL in nats (beta-VAE only)"));
        TextField values = new TextField();
        values.textProperty().bindBidirectional(vm.valuesProperty());
        values.setPrefColumnCount(9);
        values.setId("beta-sweep-values");
        values.setTooltip(new Tooltip("The values, comma-separated, swept in this order"));
        Spinner<Integer> epochs = new Spinner<>(1, 1000, vm.epochsProperty().get());
        epochs.setEditable(true);
        epochs.setId("beta-sweep-epochs");
        epochs.setPrefWidth(78);
        epochs.getValueFactory().valueProperty().addListener((o, a, b) -> vm.epochsProperty().set(b));
        epochs.setTooltip(new Tooltip("Training epochs of each point; batch size, learning rate and seed come from "
                + "the settings"));
        for (var c : new javafx.scene.Node[] {axis, values, epochs}) {
            c.disableProperty().bind(vm.runningProperty());
        }
        Label status = new Label();
        status.textProperty().bind(vm.statusProperty());
        status.getStyleClass().addAll("caption", "sweep-status");
        status.setMinWidth(0);
        Tooltip statusTip = new Tooltip();
        statusTip.textProperty().bind(vm.statusProperty());
        statusTip.setWrapText(true);
        statusTip.setMaxWidth(480);
        status.setTooltip(statusTip);
        HBox.setHgrow(status, Priority.ALWAYS);
        Label values1 = new Label("values");
        Label epochs1 = new Label("epochs per point");
        javafx.scene.layout.StackPane runHolder = DisabledReason.wrap(run, runReason);
        runHolder.setMinWidth(Region.USE_PREF_SIZE);
        HBox controls = new HBox(8, runHolder, stop, axis, values1, values, epochs1, epochs);
        controls.setAlignment(Pos.CENTER_LEFT);
        for (var n : new Region[] {run, stop, axis, values1, values, epochs1, epochs}) {
            n.setMinWidth(Region.USE_PREF_SIZE);
        }

        // The plot's options: the MIG panel (disabled, saying why, on data without factors) and the error's unit;
        // then the model the sweep trains.
        migShown.setSelected(true);
        migShown.disableProperty().bind(Bindings.createBooleanBinding(
                () -> !vm.migUnavailableProperty().get().isEmpty(), vm.migUnavailableProperty()));
        migShown.selectedProperty().addListener((o, a, on) -> chart.setMigShown(on));
        migShown.setTooltip(new Tooltip("The Mutual Information Gap (Chen et al. 2018) on the validation split: how "
                + "much better each ground-truth factor's top unit knows it than the runner-up, averaged"));
        migShown.setMinWidth(Region.USE_PREF_SIZE);
        ComboBox<TradeOffChart.Reconstruction> unit = new ComboBox<>(FXCollections.observableArrayList(
                TradeOffChart.Reconstruction.values()));
        unit.setValue(TradeOffChart.Reconstruction.NATS_PER_EXAMPLE);
        unit.valueProperty().addListener((o, a, r) -> chart.setReconstruction(r));
        unit.setMinWidth(Region.USE_PREF_SIZE);
        Label model = new Label();
        model.textProperty().bind(Bindings.createStringBinding(() -> {
            BetaSweepViewModel.Plan p = vm.planProperty().get();
            return p == null ? "" : p.description() + "; " + p.epochs() + (p.epochs() == 1 ? " epoch" : " epochs")
                    + " per point";
        }, vm.planProperty()));
        model.getStyleClass().add("caption");
        model.setMinWidth(0);
        Tooltip modelTip = new Tooltip();
        modelTip.textProperty().bind(model.textProperty());
        model.setTooltip(modelTip);
        Label reconstruction = new Label("reconstruction in");
        reconstruction.setMinWidth(Region.USE_PREF_SIZE);
        // The status, which changes, gets the room beside the plot's options; the model, which does not, a footer.
        HBox options = new HBox(8, DisabledReason.wrap(migShown, vm.migUnavailableProperty()), reconstruction, unit,
                status);
        options.setAlignment(Pos.CENTER_LEFT);

        VBox top = new VBox(4, controls, options);
        top.setPadding(new Insets(4, 8, 4, 8));
        setTop(top);
        model.setPadding(new Insets(2, 8, 2, 8));
        model.setMaxWidth(Double.MAX_VALUE);
        setBottom(model);

        buildTable();
        SplitPane body = new SplitPane(chart, table);
        body.setDividerPositions(0.6);
        SplitPane.setResizableWithParent(table, false);
        setCenter(body);

        vm.planProperty().addListener((o, a, p) -> {
            if (p != null) {
                chart.start(p.axis(), p.values());
                valueColumn.setText(p.axis().symbol());
            }
        });
        // Before the first sweep the axis is laid out for the values in the field.
        try {
            chart.start(vm.axisProperty().get(), BetaSweepViewModel.parseValues(vm.valuesProperty().get()));
        } catch (IllegalArgumentException e) {
            chart.start(vm.axisProperty().get(), java.util.List.of());
        }
        vm.axisProperty().addListener((o, a, ax) -> {
            if (vm.planProperty().get() == null) {
                try {
                    chart.start(ax, BetaSweepViewModel.parseValues(vm.valuesProperty().get()));
                } catch (IllegalArgumentException e) {
                    chart.start(ax, java.util.List.of());
                }
            }
        });
        chart.setMigUnavailable(vm.migUnavailableProperty().get());
        vm.migUnavailableProperty().addListener((o, a, why) -> chart.setMigUnavailable(why));
        vm.points().addListener((ListChangeListener<SweepPoint>) c -> {
            while (c.next()) {
                if (c.wasAdded()) {
                    c.getAddedSubList().forEach(chart::add);
                }
                if (c.wasRemoved() && vm.points().isEmpty()) {
                    chart.clear();
                }
            }
        });
        table.setItems(vm.points());
    }

    private void buildTable() {
        valueColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().axis().format(c.getValue()
                .value())));
        TableColumn<SweepPoint, String> mig = column("MIG", p -> p.diverged() ? TradeOffChart.DIVERGED
                : p.hasMig() ? String.format(Locale.ROOT, "%.3f", p.mig()) : "");
        mig.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                SweepPoint p = empty || getTableRow() == null ? null : getTableRow().getItem();
                setText(empty ? null : text);
                setTooltip(p != null && p.diverged() ? new Tooltip(p.divergence()) : null);
                getStyleClass().remove("diverged");
                if (p != null && p.diverged()) {
                    getStyleClass().add("diverged");
                }
            }
        });
        TableColumn<SweepPoint, String> nats = column("recon.", p -> number(p.reconstruction(), "%.1f"));
        TableColumn<SweepPoint, String> mse = column("MSE/px", p -> number(p.msePerPixel(), "%.4f"));
        TableColumn<SweepPoint, String> kl = column("KL", p -> number(p.kl(), "%.2f"));
        TableColumn<SweepPoint, String> active = column("active", p -> p.activeUnits() < 0 ? ""
                : Integer.toString(p.activeUnits()));
        headerTip(nats, "Reconstruction error on the validation split, nats per example (-log p(x|z))");
        headerTip(mse, "Reconstruction error as the squared error of the decoded posterior mean, per pixel, on the "
                + "validation split");
        headerTip(kl, "KL(q(z|x) || p(z)) on the validation split, nats per example");
        headerTip(active, "Active latent units: Cov_x E[z_u|x] > 0.01 (Burda et al. 2016)");
        table.getColumns().setAll(java.util.List.of(valueColumn, mig, nats, mse, kl, active));
        for (TableColumn<SweepPoint, ?> c : table.getColumns()) {
            c.setStyle("-fx-alignment: CENTER-RIGHT;");   // numbers line up by their last digit
        }
        // Wide enough for their headers and numbers ("0.0043", "diverged") at the desk font size.
        double[] widths = {48, 64, 60, 70, 50, 58};
        for (int i = 0; i < widths.length; i++) {
            table.getColumns().get(i).setMinWidth(widths[i]);
            table.getColumns().get(i).setPrefWidth(widths[i]);
        }
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Each point appears here as it finishes."));
        table.getStyleClass().add("sweep-table");
        table.setMinWidth(280);
        table.setPrefWidth(390);
    }

    private static TableColumn<SweepPoint, String> column(String title, Function<SweepPoint, String> text) {
        TableColumn<SweepPoint, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        c.setSortable(false);
        return c;
    }

    /** A column header with a tooltip: a column has none of its own, its header label can. */
    private static void headerTip(TableColumn<SweepPoint, String> c, String tip) {
        Label header = new Label(c.getText());
        header.setTooltip(new Tooltip(tip));
        c.setText(null);
        c.setGraphic(header);
    }

    private static String number(double v, String format) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, format, v) : "";
    }

    private static ListCell<SweepAxis> axisCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(SweepAxis a, boolean empty) {
                super.updateItem(a, empty);
                setText(empty || a == null ? null : a == SweepAxis.BETA ? "over beta" : "over C_max");
            }
        };
    }

    /** The chart, for presenter mode and tests. */
    public TradeOffChart chart() {
        return chart;
    }

    /** The points' table, for tests. */
    TableView<SweepPoint> table() {
        return table;
    }

    /** The MIG panel's switch, for tests. */
    CheckBox migSwitch() {
        return migShown;
    }
}
