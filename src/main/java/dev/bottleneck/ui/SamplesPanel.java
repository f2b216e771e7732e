package dev.bottleneck.ui;

import dev.bottleneck.core.data.SampleShape;
import dev.bottleneck.viewmodel.ExplorerViewModel;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;

/**
 * Decoded samples: a grid drawn from the prior (VAE) or from a Gaussian fitted to the codes (AE, PCA); for a 2-D
 * latent space, the decoded grid over the plane; and the selected example beside its reconstruction.
 */
public final class SamplesPanel extends javafx.scene.layout.FlowPane {

    private static final double TILE = 26;

    private final ExplorerViewModel vm;
    private final TilePane samples = grid(ExplorerViewModel.SAMPLE_GRID);
    private final TilePane plane = grid(ExplorerViewModel.PLANE_GRID);
    private final Label samplesTitle = new Label("Samples");
    private final VBox planeBox;
    private final ImageView input = Images.view(84);
    private final ImageView output = Images.view(84);
    private final ImageView noisy = Images.view(84);
    private final ImageView clean = Images.view(84);
    private final ImageView denoisedOut = Images.view(84);

    public SamplesPanel(ExplorerViewModel vm) {
        super(16, 12); // a flow: the groups wrap onto a second row when the tab is narrow
        this.vm = vm;
        getStyleClass().add("samples-panel");
        setPadding(new Insets(8));
        samplesTitle.getStyleClass().add("panel-title");
        Button again = new Button("New samples");
        again.setOnAction(e -> vm.samples().newSamples());
        again.setGraphic(Icons.of(org.kordamp.ikonli.materialdesign2.MaterialDesignR.REFRESH));
        // The button above the grid: below it, a short tab scrolled it out of sight.
        VBox samplesBox = new VBox(6, samplesTitle, again, samples);
        Label planeTitle = new Label("Latent plane (z1 across, z2 up)");
        planeTitle.getStyleClass().add("panel-title");
        planeBox = new VBox(6, planeTitle, plane);
        Label selTitle = new Label("Selected example (click a point)");
        selTitle.getStyleClass().add("panel-title");
        Label in = new Label("input");
        Label out = new Label("reconstruction");
        VBox selBox = new VBox(6, selTitle, new HBox(8, new VBox(2, input, in), new VBox(2, output, out)));
        selBox.setAlignment(Pos.TOP_LEFT);
        Label denTitle = new Label("Denoising (held out)");
        denTitle.getStyleClass().add("panel-title");
        VBox denBox = new VBox(6, denTitle, new HBox(8, new VBox(2, noisy, new Label("corrupted")),
                new VBox(2, clean, new Label("clean target")), new VBox(2, denoisedOut, new Label("output"))));
        denBox.visibleProperty().bind(vm.samples().denoisedProperty().isNotNull());
        denBox.managedProperty().bind(denBox.visibleProperty());
        vm.samples().denoisedProperty().addListener((o, a, d) -> showDenoised(d));
        getChildren().addAll(samplesBox, planeBox, selBox, denBox, interpolationBox());
        planeBox.setVisible(false);
        planeBox.setManaged(false);
        vm.samples().samplesProperty().addListener((o, a, g) -> {
            fill(samples, g);
            samplesTitle.setText(vm.samples().hasPrior() ? "Samples from the prior N(0, I)"
                    : "Samples from a Gaussian fitted to the codes");
        });
        vm.samples().planeProperty().addListener((o, a, g) -> {
            planeBox.setVisible(g != null);
            planeBox.setManaged(g != null);
            fill(plane, g);
        });
        vm.selectedProperty().addListener((o, a, s) -> showSelected(s.intValue()));
        vm.scatter().scatterProperty().addListener((o, a, s) -> showSelected(vm.selectedProperty().get()));
    }

    private static TilePane grid(int side) {
        TilePane t = new TilePane(1, 1);
        t.setPrefColumns(side);
        t.setPrefTileWidth(TILE);
        t.setPrefTileHeight(TILE);
        t.setMaxWidth(side * (TILE + 1));
        t.getStyleClass().add("image-grid");
        return t;
    }

    /** Shows {@code images} in {@code pane}, reusing its image views (new nodes each second stalled frames). */
    private void fill(TilePane pane, float[][] images) {
        SampleShape shape = vm.imageShapeProperty().get();
        if (images == null || !Images.drawable(shape)) {
            pane.getChildren().clear();
            return;
        }
        while (pane.getChildren().size() > images.length) {
            pane.getChildren().remove(pane.getChildren().size() - 1);
        }
        while (pane.getChildren().size() < images.length) {
            pane.getChildren().add(Images.view(TILE));
        }
        for (int i = 0; i < images.length; i++) {
            ((ImageView) pane.getChildren().get(i)).setImage(Images.of(images[i], shape));
        }
    }

    /** The path between the last two selected examples: decoded images along it and the prior's density. */
    private VBox interpolationBox() {
        Label title = new Label("Interpolation");
        title.getStyleClass().add("panel-title");
        Button linear = new Button("Linear");
        Button spherical = new Button("Spherical");
        linear.setOnAction(e -> vm.samples().interpolate(false));
        spherical.setOnAction(e -> vm.samples().interpolate(true));
        linear.setTooltip(new javafx.scene.control.Tooltip("A straight line from the previously to the currently"
                + " selected example"));
        spherical.setTooltip(new javafx.scene.control.Tooltip("Along a great circle: keeps the code's norm, so the path"
                + " stays where the prior has mass (White 2016)"));
        Label hint = new Label("Click two points on the scatter, then:");
        hint.getStyleClass().add("caption");
        HBox strip = new HBox(1);
        Label density = new Label();
        density.getStyleClass().add("caption");
        density.setWrapText(true);
        density.setMaxWidth(10 * (TILE + 8));
        vm.samples().interpolationProperty().addListener((o, a, p) -> {
            strip.getChildren().clear();
            SampleShape shape = vm.imageShapeProperty().get();
            if (p == null || !Images.drawable(shape)) {
                density.setText("");
                return;
            }
            for (float[] img : p.images()) {
                ImageView v = Images.view(TILE + 8);
                v.setImage(Images.of(img, shape));
                strip.getChildren().add(v);
            }
            StringBuilder sb = new StringBuilder("log prior density along the path (nats): ");
            for (int i = 0; i < p.logPrior().length; i++) {
                sb.append(i == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%.1f", p.logPrior()[i]));
            }
            density.setText(sb.toString());
        });
        return new VBox(6, title, hint, new HBox(6, linear, spherical), strip, density);
    }

    private void showDenoised(float[][] d) {
        SampleShape shape = vm.imageShapeProperty().get();
        if (d == null || !Images.drawable(shape)) {
            return;
        }
        noisy.setImage(Images.of(d[0], shape));
        clean.setImage(Images.of(d[1], shape));
        denoisedOut.setImage(Images.of(d[2], shape));
    }

    private void showSelected(int i) {
        SampleShape shape = vm.imageShapeProperty().get();
        if (i < 0 || !Images.drawable(shape)) {
            input.setImage(null);
            output.setImage(null);
            return;
        }
        input.setImage(Images.of(vm.scatter().input(i), shape));
        output.setImage(Images.of(vm.scatter().reconstruction(i), shape));
    }
}
