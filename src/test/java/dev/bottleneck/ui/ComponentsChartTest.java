package dev.bottleneck.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.viewmodel.Disentanglement;
import dev.bottleneck.viewmodel.ExplorerViewModel;
import dev.bottleneck.viewmodel.ExplorerViewModel.Components;
import dev.bottleneck.viewmodel.FxExecutors;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;

/**
 * The bars stand most important first at every refresh, and each says its value, unit and activity; beside them the
 * factor x unit heat map has one cell per factor and unit, labelled where the value fits, and data without factors
 * get one line instead.
 */
class ComponentsChartTest {

    /**
     * A matrix of {@code factors.size() x units.size()} (at least 4 units) small shares, except that the first factor
     * is owned by the second unit (share 0.7, gap 0.6 over the fourth).
     */
    private static Disentanglement matrix(List<String> factors, List<String> units) {
        int nf = factors.size();
        int k = units.size();
        double[][] share = new double[nf][k];
        double[][] nats = new double[nf][k];
        double[] entropy = new double[nf];
        double[] gap = new double[nf];
        int[] top = new int[nf];
        int[] second = new int[nf];
        for (int f = 0; f < nf; f++) {
            entropy[f] = Math.log(20);
            for (int u = 0; u < k; u++) {
                share[f][u] = 0.01 * ((f + u) % 5);   // small, below any naming
                nats[f][u] = share[f][u] * entropy[f];
            }
            top[f] = (f + 4) % 5 % k;
            second[f] = -1;
            gap[f] = 0.01;
        }
        share[0][1] = 0.7;
        share[0][3] = 0.1;
        gap[0] = 0.6;
        top[0] = 1;
        second[0] = 3;
        return new Disentanglement(factors, units, share, nats, entropy, gap, top, second, 0.2, 2000);
    }

    private static Components withMatrix(Disentanglement d) {
        double[] values = new double[d.units().size()];
        java.util.Arrays.fill(values, 1.0);
        boolean[] active = new boolean[values.length];
        java.util.Arrays.fill(active, true);
        return new Components("KL per dimension", "nats", d.units(), values, active, values, values.length, "", d, "");
    }

    private static ComponentsChart shown(Components c, double width, double height) {
        ComponentsChart chart = new ComponentsChart(new ExplorerViewModel(FxExecutors.synchronous()));
        new Scene(chart, width, height);
        chart.show(c);
        chart.applyCss();
        chart.layout();
        return chart;
    }

    @Test
    void theHeatMapHasACellPerFactorAndUnitLabelledInSliderOrder() {
        List<String> factors = List.of("shape", "scale", "rotation", "posX", "posY");
        List<String> units = List.of("z3", "z1", "z4", "z2");
        FxTestSupport.run(() -> {
            ComponentsChart chart = shown(withMatrix(matrix(factors, units)), 1200, 420);
            FactorHeatMap map = chart.heatMap();
            assertTrue(map.isVisible() && map.getParent().isVisible());
            assertEquals(factors.size() * units.size(), map.lookupAll(".mi-value").size());
            assertEquals(factors.size(), map.lookupAll(".mi-gap").size());
            assertEquals(factors, map.factorLabels().stream().map(Label::getText).toList());
            assertEquals(units, map.unitLabels().stream().map(Label::getText).toList(), "the sliders' order");
            for (Label l : map.unitLabels()) {
                assertTrue(l.isVisible(), "four columns leave room for every unit's name");
            }
            // Rows top to bottom in factor order, columns left to right in unit order.
            assertTrue(map.cell(0, 0).getLayoutY() < map.cell(1, 0).getLayoutY());
            assertTrue(map.cell(0, 0).getLayoutX() < map.cell(0, 1).getLayoutX());
            assertEquals(map.unitLabels().get(1).getBoundsInParent().getCenterX(),
                    map.cell(0, 1).getBoundsInParent().getCenterX(), 1.0, "a unit's name is under its column");
            // Each value is written in its cell; the owned factor's top cell and gap are outlined.
            for (int f = 0; f < factors.size(); f++) {
                for (int u = 0; u < units.size(); u++) {
                    FactorHeatMap.Cell cell = map.cell(f, u);
                    assertTrue(cell.text.isVisible(), "a 1200 px pane fits every value");
                    assertEquals(String.format(java.util.Locale.ROOT, "%.2f",
                            matrix(factors, units).share()[f][u]), cell.text.getText());
                    boolean outlined = cell.getPseudoClassStates().stream()
                            .anyMatch(p -> p.getPseudoClassName().equals("named"));
                    assertEquals(f == 0 && u == 1, outlined, "outlined: posX's top unit z1, gap 0.6 >= 0.2");
                }
            }
            assertEquals("0.60", map.gapCell(0).text.getText());
            assertTrue(chart.noFactorsLabel().getText().isEmpty() && !chart.noFactorsLabel().isVisible());
        });
    }

    @Test
    void valuesAndUnitNamesThatDoNotFitAreLeftOut() {
        List<String> factors = List.of("shape", "scale", "rotation", "posX", "posY");
        List<String> units = new java.util.ArrayList<>();
        for (int j = 1; j <= 40; j++) {
            units.add("z" + j);
        }
        FxTestSupport.run(() -> {
            ComponentsChart chart = shown(withMatrix(matrix(factors, units)), 900, 300);
            FactorHeatMap map = chart.heatMap();
            assertEquals(5 * 40, map.lookupAll(".mi-value").size(), "every cell is drawn, however narrow");
            FactorHeatMap.Cell cell = map.cell(0, 0);
            assertTrue(cell.getWidth() < cell.text.prefWidth(-1), "cells narrower than their text: " + cell.getWidth());
            assertFalse(cell.text.isVisible(), "a value that does not fit is not drawn over its neighbours");
            long named = map.unitLabels().stream().filter(Label::isVisible).count();
            assertTrue(named > 1 && named < 40, "every n-th unit is named when all do not fit: " + named);
            assertTrue(map.unitLabels().get(0).isVisible(), "the first column is always named");
        });
    }

    @Test
    void dataWithoutFactorsShowOneLineInsteadOfTheHeatMap() {
        FxTestSupport.run(() -> {
            Components c = kl(List.of("z1", "z2"), 2, 1);
            Components none = new Components(c.measure(), c.unit(), c.names(), c.values(), c.active(),
                    c.codeVariance(), c.activeUnits(), "", null, "MNIST has no ground-truth factors: MIG needs them");
            ComponentsChart chart = shown(none, 900, 300);
            assertFalse(chart.heatMap().getParent().isVisible(), "no heat map");
            assertFalse(chart.heatMap().getParent().isManaged(), "the bars take its room");
            assertTrue(chart.noFactorsLabel().isVisible());
            assertEquals("MNIST has no ground-truth factors: MIG needs them", chart.noFactorsLabel().getText());
            assertEquals(0, chart.heatMap().lookupAll(".mi-value").size());
            chart.show(withMatrix(matrix(List.of("a"), List.of("z1", "z2", "z3", "z4"))));
            chart.applyCss();
            chart.layout();
            assertTrue(chart.heatMap().getParent().isVisible(), "data with factors bring it back");
            assertFalse(chart.noFactorsLabel().isVisible());
        });
    }

    /** Behind another tab the chart ignores new figures until it is shown, then shows the latest. */
    @Test
    void aHiddenChartCatchesUpWhenShown() {
        var split = dev.bottleneck.core.data.Splits.split(
                dev.bottleneck.core.data.ShapesDataset.generate(300, 16, 2), null, 0.3, 0, 0.1, 2);
        var model = new javafx.beans.property.SimpleObjectProperty<dev.bottleneck.core.model.Autoencoder>(
                dev.bottleneck.core.model.VaeConfig.standard(256, List.of(16), 3, 1.0).build(1));
        FxTestSupport.run(() -> {
            ExplorerViewModel vm = new ExplorerViewModel(FxExecutors.synchronous());
            ComponentsChart chart = new ComponentsChart(vm);
            new Scene(chart, 900, 300);
            chart.showingProperty().set(false);
            vm.follow(model, new javafx.beans.property.SimpleObjectProperty<>(split));
            model.set(dev.bottleneck.core.model.VaeConfig.standard(256, List.of(16), 4, 1.0).build(2));
            chart.applyCss();
            chart.layout();
            assertEquals(0, chart.heatMap().lookupAll(".mi-value").size(), "nothing drawn while hidden");
            assertTrue(chart.bars().getData().isEmpty());
            chart.showingProperty().set(true);
            chart.applyCss();
            chart.layout();
            assertEquals(5 * 4, chart.heatMap().lookupAll(".mi-value").size(), "the latest model: 4 units");
            assertEquals(vm.componentsProperty().get().names(),
                    chart.heatMap().unitLabels().stream().map(Label::getText).toList());
        });
    }

    @Test
    void theDarkThemeRecoloursTheCells() {
        FxTestSupport.run(() -> {
            ComponentsChart chart = shown(withMatrix(matrix(List.of("posX"), List.of("z1", "z2", "z3", "z4"))), 900, 300);
            FactorHeatMap.Cell low = chart.heatMap().cell(0, 0);
            assertEquals(HeatScale.LIGHT.color(0.0), FactorHeatMap.fillOf(low));
            chart.setDark(true);
            assertEquals(HeatScale.DARK.color(0.0), FactorHeatMap.fillOf(low));
            assertEquals(HeatScale.textOn(HeatScale.DARK.color(0.0)), low.text.getTextFill());
        });
    }

    private static Components kl(List<String> names, double... values) {
        boolean[] active = new boolean[values.length];
        double[] variance = new double[values.length];
        int units = 0;
        for (int i = 0; i < values.length; i++) {
            variance[i] = values[i] / 2;
            active[i] = variance[i] > 0.01;
            units += active[i] ? 1 : 0;
        }
        return new Components("KL per dimension", "nats", names, values, active, variance, units, "", null, "");
    }

    @Test
    void barsFollowEachNewOrderNotTheFirstOne() {
        List<String> order = FxTestSupport.call(() -> {
            ComponentsChart chart = new ComponentsChart(new ExplorerViewModel(FxExecutors.synchronous()));
            new Scene(chart, 600, 400);
            chart.show(kl(List.of("z1", "z2", "z3", "z4"), 3, 2, 1, 0.001));
            chart.applyCss();
            chart.layout();   // the first render: an auto-ranging axis would keep this order
            chart.show(kl(List.of("z4", "z2", "z1", "z3"), 5, 2, 1, 0.001));
            chart.applyCss();
            chart.layout();
            BarChart<?, ?> bars = chart.bars();
            CategoryAxis axis = (CategoryAxis) bars.getXAxis();
            assertEquals(List.of("z4", "z2", "z1", "z3"), List.copyOf(axis.getCategories()));
            // Where the bars are drawn, left to right.
            @SuppressWarnings("unchecked")
            XYChart.Series<String, Number> s = (XYChart.Series<String, Number>) bars.getData().get(0);
            return s.getData().stream()
                    .sorted(java.util.Comparator.comparingDouble(d -> d.getNode().getBoundsInParent().getMinX()))
                    .map(XYChart.Data::getXValue).toList();
        });
        assertEquals(List.of("z4", "z2", "z1", "z3"), order);
    }

    /**
     * The names under the bars follow each new order too, in a window on screen. The axis kept its tick labels
     * where they were when the same names came in a new order (its range was still "valid"): the bars moved to the
     * new order under the old names, and beside the heat map, whose columns are in slider order, the two disagreed.
     */
    @Test
    void theNamesUnderTheBarsFollowEachNewOrder() {
        ComponentsChart chart = FxTestSupport.call(() -> {
            ComponentsChart c = new ComponentsChart(new ExplorerViewModel(FxExecutors.synchronous()));
            javafx.stage.Stage stage = new javafx.stage.Stage();
            stage.setScene(new Scene(c, 600, 400));
            stage.show();
            c.show(kl(List.of("z1", "z2", "z3", "z4"), 3, 2, 1, 0.001));
            return c;
        });
        try {
            for (List<String> order : List.of(List.of("z4", "z2", "z1", "z3"), List.of("z2", "z4", "z3", "z1"),
                    List.of("z3", "z1", "z2", "z4"))) {
                List<String> drawn = FxTestSupport.call(() -> {
                    chart.show(kl(order, 5, 2, 1, 0.001));
                    chart.applyCss();
                    chart.layout();
                    CategoryAxis axis = (CategoryAxis) chart.bars().getXAxis();
                    return axis.lookupAll("Text").stream().map(n -> (javafx.scene.text.Text) n)
                            .filter(t -> t.isVisible() && t.getText().startsWith("z"))
                            .sorted(java.util.Comparator.comparingDouble(
                                    t -> t.localToScene(t.getBoundsInLocal()).getCenterX()))
                            .map(javafx.scene.text.Text::getText).toList();
                });
                assertEquals(order, drawn, "the names drawn under the bars, left to right");
            }
        } finally {
            FxTestSupport.run(() -> chart.getScene().getWindow().hide());
        }
    }

    @Test
    void aBarSaysItsValueUnitAndWhetherItIsActive() {
        Components c = kl(List.of("z2", "z7"), 1.5, 0.004);
        String active = ComponentsChart.barText(c, 0);
        String inactive = ComponentsChart.barText(c, 1);
        assertTrue(active.contains("z2") && active.contains("1.5") && active.contains("nats")
                && active.contains(": active"), active);
        assertTrue(inactive.contains("0.002") && inactive.contains("inactive"), inactive);
    }
}
