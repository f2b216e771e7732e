package dev.bottleneck.ui;

import dev.bottleneck.core.eval.LatentActivity;
import dev.bottleneck.viewmodel.ExplorerViewModel;
import dev.bottleneck.viewmodel.ExplorerViewModel.Components;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Insets;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The latent dimensions as bars, most important first: KL per dimension (VAE), code variance (AE) or explained
 * variance (PCA), with the number of active units and a warning when a VAE collapses. PCA's components come ordered
 * by importance; this is the order an autoencoder's code only has once it is shown.
 *
 * <p>Beside the bars, for data with ground-truth factors (the shapes), the factor x latent mutual information as a
 * heat map with MIG and each factor's gap ({@link FactorHeatMap}), its columns in the bars' (the sliders') order.
 * For data without factors that half is replaced by one line saying why.
 */
public final class ComponentsChart extends BorderPane {

    private final CategoryAxis xAxis = new CategoryAxis();
    private final NumberAxis yAxis = new NumberAxis();
    private final BarChart<String, Number> chart = new BarChart<>(xAxis, yAxis);
    private final Label summary = new Label();
    private final Label warning = new Label();
    private final Label noFactors = new Label();
    private final Label migTitle = new Label();
    private final Label migCaption = new Label();
    private final FactorHeatMap heatMap = new FactorHeatMap();
    private final VBox migPane;
    private final BooleanProperty showing = new SimpleBooleanProperty(true);
    private Components waiting;   // the latest figures that arrived while not showing
    private boolean stale;

    public ComponentsChart(ExplorerViewModel vm) {
        getStyleClass().add("components-chart");
        chart.setLegendVisible(false);
        chart.setAnimated(false); // why: bars are replaced once a second while training; animation would lag behind
        chart.setCategoryGap(4);
        chart.setBarGap(1);
        xAxis.setLabel("latent dimension, most important first");
        xAxis.setAnimated(false);  // why: as the chart's, a relabelling fade would lag behind the next snapshot
        warning.getStyleClass().add("collapse-warning");
        warning.setWrapText(true);
        summary.getStyleClass().add("panel-title");
        summary.setWrapText(true); // why: at 1024 px the criterion was cut to "(Cov_x E[z_u|x] > 0.01..."
        noFactors.getStyleClass().addAll("caption", "no-factors");
        VBox top = new VBox(2, summary, warning, noFactors);
        top.setPadding(new Insets(4, 8, 0, 8));
        setTop(top);
        migTitle.getStyleClass().add("panel-title");
        migTitle.setTooltip(new Tooltip("Mutual Information Gap (Chen et al. 2018): for each factor, the share of its"
                + " information that its top unit carries minus the second unit's share, averaged over the factors."
                + " 1: each factor has a unit of its own; 0: none has."));
        migCaption.getStyleClass().add("caption");
        migCaption.setWrapText(true);
        migCaption.setMinHeight(Label.USE_PREF_SIZE);
        migCaption.setText(String.format(Locale.ROOT, "Each cell: I(z; v) / H(v), the unit's share of the factor's"
                + " information. Outlined: a factor's top unit when its gap is at least %.2f; its slider is named"
                + " after it.", dev.bottleneck.viewmodel.Disentanglement.NAMING_GAP));
        migPane = new VBox(4, migTitle, heatMap, migCaption);
        migPane.getStyleClass().add("mi-pane");
        migPane.setPadding(new Insets(4, 8, 4, 8));
        VBox.setVgrow(heatMap, Priority.ALWAYS);
        migPane.setMinWidth(0);
        // why: the matrix needs the width for its columns; the bars read well in less
        migPane.prefWidthProperty().bind(widthProperty().multiply(0.62));
        chart.setMinWidth(0);
        HBox.setHgrow(chart, Priority.ALWAYS);
        setCenter(new HBox(chart, migPane));
        showFactors(null);
        // While the tab is behind another, new figures only wait: every training snapshot brings some, and rebuilding
        // the bars and recolouring the matrix nobody sees cost the FX thread on every exploration.
        vm.componentsProperty().addListener((o, a, c) -> {
            if (showing.get()) {
                show(c);
            } else {
                waiting = c;
                stale = true;
            }
        });
        showing.addListener((o, was, now) -> {
            if (now && stale) {
                stale = false;
                Components c = waiting;
                waiting = null;
                show(c);
            }
        });
    }

    /** Whether the chart is on screen (the main window binds it to its tab's selection); true unless told. */
    public BooleanProperty showingProperty() {
        return showing;
    }

    /** Light or dark colours for the heat map (the bars follow the CSS). */
    public void setDark(boolean dark) {
        heatMap.setDark(dark);
    }

    private void showFactors(Components c) {
        boolean matrix = c != null && c.disentanglement() != null;
        migPane.setVisible(matrix);
        migPane.setManaged(matrix);
        migPane.setDisable(!matrix);
        heatMap.show(matrix ? c.disentanglement() : null);
        String why = c == null ? "" : c.noFactors();
        noFactors.setText(why);
        noFactors.setVisible(!why.isEmpty());
        noFactors.setManaged(!why.isEmpty());
        if (matrix) {
            var d = c.disentanglement();
            int informative = 0;
            for (double g : d.gap()) {
                informative += Double.isNaN(g) ? 0 : 1;
            }
            migTitle.setText(Double.isNaN(d.mig()) ? "MIG undefined: every factor is constant here"
                    : String.format(Locale.ROOT, "MIG %.3f: mean gap over %d factors (%,d examples)", d.mig(),
                            informative, d.examples()));
        }
    }

    void show(Components c) {
        showFactors(c);
        if (c == null) {
            chart.getData().clear();
            summary.setText("");
            warning.setVisible(false);
            warning.setManaged(false);
            return;
        }
        // The axis label is short (the title above says "per dimension"): a long one was cut off on a low chart.
        yAxis.setLabel((c.measure().startsWith("KL") ? "KL" : c.measure()) + " (" + c.unit() + ")");
        xAxis.setLabel("latent dimension, largest " + c.measure() + " first");
        // The categories are set, not left to the axis: an auto-ranging CategoryAxis keeps the order in which it
        // first saw each name, so the bars froze in the first model's order.
        xAxis.setAutoRanging(false);
        xAxis.setCategories(javafx.collections.FXCollections.observableArrayList(c.names()));
        // And the axis is told its range changed: with the same names in a new order it kept its tick labels where
        // they were, so the bars moved under other units' names (and disagreed with the heat map's columns beside).
        xAxis.invalidateRange(c.names());
        XYChart.Series<String, Number> series = new XYChart.Series<>();
        for (int i = 0; i < c.names().size(); i++) {
            series.getData().add(new XYChart.Data<>(c.names().get(i), c.values()[i]));
        }
        chart.getData().setAll(java.util.List.of(series));
        for (int i = 0; i < series.getData().size(); i++) {
            var node = series.getData().get(i).getNode();
            if (node != null) {
                node.getStyleClass().removeAll("inactive-unit");
                if (!c.active()[i]) {
                    node.getStyleClass().add("inactive-unit");
                }
                Tooltip.install(node, new Tooltip(barText(c, i)));
            }
        }
        double total = 0;
        for (double v : c.values()) {
            total += v;
        }
        String head = switch (c.measure()) {
            case "KL per dimension" -> String.format(Locale.ROOT, "KL per dimension: %.2f nats in all", total);
            case "explained variance" -> String.format(Locale.ROOT, "Explained variance: %.1f %% in %d components",
                    total, c.names().size());
            default -> "Code variance per dimension";
        };
        if (c.activeUnits() >= 0) {
            head += String.format(Locale.ROOT, "  -  active units: %d of %d (%s)", c.activeUnits(),
                    c.names().size(), LatentActivity.CRITERION);
        }
        summary.setText(head);
        warning.setText(c.warning());
        warning.setVisible(!c.warning().isEmpty());
        warning.setManaged(!c.warning().isEmpty());
    }

    // ---- for tests -----------------------------------------------------------------------------------------------

    BarChart<String, Number> bars() {
        return chart;
    }

    FactorHeatMap heatMap() {
        return heatMap;
    }

    Label noFactorsLabel() {
        return noFactors;
    }

    /** A bar's tooltip: its value with the unit and, for a VAE, the statistic that makes it active or not. */
    static String barText(Components c, int i) {
        String text = String.format(Locale.ROOT, "%s: %s %.4g %s", c.names().get(i), c.measure(), c.values()[i],
                c.unit());
        if (c.activeUnits() >= 0) {
            text += String.format(Locale.ROOT, "%nCov_x E[z|x] = %.3g: %s (active when > %.2f)", c.codeVariance()[i],
                    c.active()[i] ? "active" : "inactive", LatentActivity.ACTIVE_THRESHOLD);
        }
        return text;
    }
}
