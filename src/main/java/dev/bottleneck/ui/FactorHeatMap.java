package dev.bottleneck.ui;

import dev.bottleneck.viewmodel.Disentanglement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Paint;

/**
 * The factor x latent mutual-information matrix as a heat map: one row per ground-truth factor, one column per latent
 * unit in the sliders' order, each cell I(z; v) / H(v) coloured on {@link HeatScale} and labelled with its value when
 * the text fits; beside the rows each factor's gap, coloured on the same scale (its tooltip names the top and second
 * unit). A factor whose gap names a slider has its top unit's cell and its gap outlined.
 *
 * <p>The nodes are made once per matrix shape and only recoloured and relabelled after that: the matrix changes with
 * every training snapshot the explorer explores, and rebuilding 50 cells with their tooltips each time was needless.
 */
final class FactorHeatMap extends Region {

    private static final PseudoClass NAMED = PseudoClass.getPseudoClass("named");
    private static final double GAP = 2;      // between cells
    private static final double SPACE = 8;    // between the blocks: names, matrix, gaps
    private static final double MAX_CELL_HEIGHT = 44;
    private static final double MAX_CELL_WIDTH = 96;

    /** One coloured cell with its value. */
    static final class Cell extends StackPane {
        final Label text = new Label();
        final Tooltip tip = new Tooltip();
        private java.util.function.Supplier<String> explanation = () -> "";

        Cell(String styleClass) {
            getStyleClass().addAll("mi-cell", styleClass);
            text.getStyleClass().add("mi-cell-text");
            text.setMinSize(0, 0);
            getChildren().add(text);
            setMinSize(0, 0);
            tip.setWrapText(true);
            tip.setMaxWidth(420);
            // why: written when it shows, not with every snapshot's matrix (55 long String.formats each time)
            tip.setOnShowing(e -> tip.setText(explanation.get()));
            Tooltip.install(this, tip);
        }

        void set(double v, HeatScale scale, java.util.function.Supplier<String> tooltip) {
            var fill = scale.color(v);
            setBackground(new Background(new BackgroundFill(fill, null, null)));
            text.setText(Double.isNaN(v) ? "\u2013" : String.format(Locale.ROOT, "%.2f", v));
            text.setTextFill(HeatScale.textOn(fill));
            explanation = tooltip;
            if (tip.isShowing()) {
                tip.setText(tooltip.get());
            }
        }

        /** Shows the value only where it fits inside the cell. */
        void fitText(double w, double h) {
            text.setVisible(text.prefWidth(-1) <= w - 4 && text.prefHeight(-1) <= h - 2);
        }
    }

    private final List<Label> factorLabels = new ArrayList<>();
    private final List<Label> unitLabels = new ArrayList<>();
    private Cell[][] cells = new Cell[0][0];
    private Cell[] gapCells = new Cell[0];
    private final Label gapHeader = new Label("gap");
    private final Label unitAxis = new Label("latent unit, in slider order");
    private final Label legendLow = new Label("0");
    private final Label legendHigh = new Label("1");
    private final Region legendBar = new Region();
    private Disentanglement shown;
    private HeatScale scale = HeatScale.LIGHT;

    FactorHeatMap() {
        getStyleClass().add("mi-heat-map");
        for (Label l : List.of(gapHeader, unitAxis, legendLow, legendHigh)) {
            l.getStyleClass().add("mi-axis-label");
            l.setMinWidth(Region.USE_PREF_SIZE);
        }
        gapHeader.setTooltip(new Tooltip("The factor's gap: its top unit's share of the factor's information minus"
                + " the second unit's (Chen et al. 2018). MIG is their mean."));
        legendBar.getStyleClass().add("mi-legend-bar");
        Tooltip.install(legendBar, new Tooltip("I(z; v) / H(v): 0, the unit knows nothing of the factor; 1, it"
                + " determines it"));
        legendBar.setMinSize(0, 0);
        getChildren().addAll(gapHeader, unitAxis, legendLow, legendBar, legendHigh);
        paintLegend();
    }

    /** Draws {@code d} (null clears). */
    void show(Disentanglement d) {
        if (d == null) {
            rebuild(List.of(), List.of());
            shown = null;
            return;
        }
        if (shown == null || !shown.factors().equals(d.factors()) || shown.units().size() != d.units().size()) {
            rebuild(d.factors(), d.units());
        }
        shown = d;
        for (int u = 0; u < d.units().size(); u++) {
            unitLabels.get(u).setText(d.units().get(u));   // the slider order changes between snapshots
        }
        for (int f = 0; f < d.factors().size(); f++) {
            String factor = d.factors().get(f);
            for (int u = 0; u < d.units().size(); u++) {
                int row = f;
                int column = u;
                cells[f][u].set(d.share()[f][u], scale, () -> cellText(d, row, column));
                cells[f][u].pseudoClassStateChanged(NAMED, d.names(f) && d.topUnit()[f] == u);
            }
            int factorRow = f;
            gapCells[f].set(d.gap()[f], scale, () -> gapText(d, factorRow));
            gapCells[f].pseudoClassStateChanged(NAMED, d.names(f));
            factorLabels.get(f).setText(factor);
        }
        requestLayout();
    }

    /** Light or dark colour scale. */
    void setDark(boolean dark) {
        scale = HeatScale.of(dark);
        paintLegend();
        if (shown != null) {
            show(shown);
        }
    }

    private void paintLegend() {
        legendBar.setBackground(new Background(new BackgroundFill(scale.gradient(), null, null)));
    }

    static String cellText(Disentanglement d, int f, int u) {
        String factor = d.factors().get(f);
        String unit = d.units().get(u);
        if (Double.isNaN(d.share()[f][u])) {
            return factor + " is constant in these examples: there is nothing to know about it.";
        }
        String text = String.format(Locale.ROOT, "%s and %s: I(%s; %s) = %.3f nats of H(%s) = %.3f nats, so %s carries"
                + " %.0f%% of the information about %s.", unit, factor, unit, factor, d.nats()[f][u], factor,
                d.entropy()[f], unit, 100 * d.share()[f][u], factor);
        if (d.topUnit()[f] == u) {
            text += String.format(Locale.ROOT, " The top unit of %s, by a gap of %.2f%s.", factor, d.gap()[f],
                    d.names(f) ? ": its slider is named after it" : "");
        }
        return text;
    }

    static String gapText(Disentanglement d, int f) {
        String factor = d.factors().get(f);
        if (Double.isNaN(d.gap()[f])) {
            return factor + " is constant in these examples: it has no gap and is left out of MIG.";
        }
        int top = d.topUnit()[f];
        int second = d.secondUnit()[f];
        if (top < 0) {
            return String.format(Locale.ROOT, "No unit carries any information about %s: gap 0.", factor);
        }
        String runnerUp = second < 0 ? "no other unit, 0%" : String.format(Locale.ROOT, "the second, %s, %.0f%%",
                d.units().get(second), 100 * d.share()[f][second]);
        return String.format(Locale.ROOT, "Gap of %s: %.2f. The top unit, %s, carries %.0f%% of the information about"
                + " %s, %s. A slider is named after a factor when its gap is at least %.2f; %s.", factor, d.gap()[f],
                d.units().get(top), 100 * d.share()[f][top], factor, runnerUp, Disentanglement.NAMING_GAP,
                d.names(f) ? d.units().get(top) + " is" : "no slider is");
    }

    private void rebuild(List<String> factors, List<String> units) {
        getChildren().removeIf(n -> n instanceof Cell || factorLabels.contains(n) || unitLabels.contains(n));
        factorLabels.clear();
        unitLabels.clear();
        cells = new Cell[factors.size()][units.size()];
        gapCells = new Cell[factors.size()];
        for (int f = 0; f < factors.size(); f++) {
            factorLabels.add(label("mi-factor-label", factors.get(f)));
            for (int u = 0; u < units.size(); u++) {
                cells[f][u] = new Cell("mi-value");
                getChildren().add(cells[f][u]);
            }
            gapCells[f] = new Cell("mi-gap");
            getChildren().add(gapCells[f]);
        }
        for (String u : units) {
            unitLabels.add(label("mi-unit-label", u));
        }
        boolean any = !factors.isEmpty();
        for (Region r : List.of(gapHeader, unitAxis, legendLow, legendBar, legendHigh)) {
            r.setVisible(any);
        }
    }

    private Label label(String styleClass, String text) {
        Label l = new Label(text);
        l.getStyleClass().addAll("mi-axis-label", styleClass);
        l.setMinWidth(Region.USE_PREF_SIZE);
        getChildren().add(l);
        return l;
    }

    // ---- layout --------------------------------------------------------------------------------------------------

    @Override
    protected void layoutChildren() {
        int nf = cells.length;
        int k = nf == 0 ? 0 : cells[0].length;
        if (nf == 0 || k == 0) {
            return;
        }
        Insets in = getInsets();
        double x0 = in.getLeft();
        double y0 = in.getTop();
        double w = getWidth() - in.getLeft() - in.getRight();
        double h = getHeight() - in.getTop() - in.getBottom();
        double lineH = Math.ceil(unitAxis.prefHeight(-1));
        double namesW = maxPrefWidth(factorLabels);
        double gapW = Math.max(gapHeader.prefWidth(-1), Math.ceil(gapCells[0].text.prefWidth(-1)) + 10);
        double gridW = Math.max(0, w - namesW - gapW - 2 * SPACE);
        double gridH = Math.max(0, h - 2 * lineH - 2 * GAP - 4);
        double cellW = Math.min(MAX_CELL_WIDTH, gridW / k);
        double cellH = Math.min(MAX_CELL_HEIGHT, gridH / nf);
        double gx = x0 + namesW + SPACE;
        for (int f = 0; f < nf; f++) {
            double y = y0 + f * cellH;
            Label name = factorLabels.get(f);
            place(name, x0, y, namesW, cellH, Pos.CENTER_RIGHT);
            for (int u = 0; u < k; u++) {
                Cell c = cells[f][u];
                c.resizeRelocate(snapPositionX(gx + u * cellW), snapPositionY(y), snapSizeX(cellW - GAP),
                        snapSizeY(cellH - GAP));
                c.fitText(cellW - GAP, cellH - GAP);
            }
            double gapX = gx + k * cellW + SPACE;
            gapCells[f].resizeRelocate(snapPositionX(gapX), snapPositionY(y), snapSizeX(gapW - GAP),
                    snapSizeY(cellH - GAP));
            gapCells[f].fitText(gapW - GAP, cellH - GAP);
        }
        // Column names under the matrix: every one that fits, else every second, third, ... one.
        double yLabels = y0 + nf * cellH + GAP;
        double labelW = maxPrefWidth(unitLabels);
        int stride = Math.max(1, (int) Math.ceil((labelW + 2) / cellW));
        for (int u = 0; u < k; u++) {
            Label l = unitLabels.get(u);
            l.setVisible(u % stride == 0);
            place(l, gx + u * cellW, yLabels, cellW - GAP, lineH, Pos.CENTER);
        }
        double gapX = gx + k * cellW + SPACE;
        place(gapHeader, gapX, yLabels, gapW - GAP, lineH, Pos.CENTER);
        // The axis title under the column names, the colour legend to its right.
        double yAxis = yLabels + lineH + GAP;
        double axisW = unitAxis.prefWidth(-1);
        place(unitAxis, gx, yAxis, axisW, lineH, Pos.CENTER_LEFT);
        double lx = gx + axisW + 2 * SPACE;
        double lowW = legendLow.prefWidth(-1);
        double highW = legendHigh.prefWidth(-1);
        double barW = Math.max(40, Math.min(160, x0 + w - lx - lowW - highW - 2 * GAP - 8));
        boolean legendFits = lx + lowW + barW + highW + 8 <= x0 + w;
        legendLow.setVisible(legendFits);
        legendBar.setVisible(legendFits);
        legendHigh.setVisible(legendFits);
        place(legendLow, lx, yAxis, lowW, lineH, Pos.CENTER_RIGHT);
        legendBar.resizeRelocate(snapPositionX(lx + lowW + 4), snapPositionY(yAxis + lineH * 0.2), snapSizeX(barW),
                snapSizeY(lineH * 0.6));
        place(legendHigh, lx + lowW + barW + 8, yAxis, highW, lineH, Pos.CENTER_LEFT);
    }

    private void place(Region r, double x, double y, double w, double h, Pos pos) {
        layoutInArea(r, x, y, w, h, 0, Insets.EMPTY, false, false, pos.getHpos(), pos.getVpos());
    }

    private static double maxPrefWidth(List<Label> labels) {
        double m = 0;
        for (Label l : labels) {
            m = Math.max(m, Math.ceil(l.prefWidth(-1)));
        }
        return m;
    }

    @Override
    protected double computePrefWidth(double height) {
        return 520;
    }

    @Override
    protected double computePrefHeight(double width) {
        return cells.length * 30 + 60;
    }

    @Override
    protected double computeMinWidth(double height) {
        return 0;
    }

    @Override
    protected double computeMinHeight(double width) {
        return 0;
    }

    // ---- for tests -----------------------------------------------------------------------------------------------

    List<Label> factorLabels() {
        return List.copyOf(factorLabels);
    }

    List<Label> unitLabels() {
        return List.copyOf(unitLabels);
    }

    Cell cell(int f, int u) {
        return cells[f][u];
    }

    Cell gapCell(int f) {
        return gapCells[f];
    }

    static Paint fillOf(Cell c) {
        return c.getBackground().getFills().get(0).getFill();
    }
}
