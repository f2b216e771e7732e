package dev.bottleneck.ui;

import dev.bottleneck.core.data.SampleShape;
import dev.bottleneck.viewmodel.ComparisonViewModel;
import dev.bottleneck.viewmodel.ComparisonViewModel.Panel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * PCA, AE and VAE side by side, each with a 2-D code: three linked scatters (select in one, it is selected in all)
 * and the selected example's three reconstructions beside its input.
 */
public final class ComparisonPane extends BorderPane {

    private final ComparisonViewModel vm;
    private final HBox columns = new HBox(8);
    private final List<LatentScatter> scatters = new ArrayList<>();
    private final List<ImageView> outputs = new ArrayList<>();
    private final ImageView input = Images.view(64);

    public ComparisonPane(ComparisonViewModel vm) {
        this.vm = vm;
        getStyleClass().add("comparison-pane");
        Button run = new Button("Compare");
        run.setOnAction(e -> vm.run());
        run.disableProperty().bind(vm.runningProperty());
        Button cancel = new Button("Cancel");
        cancel.setOnAction(e -> vm.cancel());
        cancel.disableProperty().bind(vm.runningProperty().not());
        Label status = new Label();
        status.textProperty().bind(vm.statusProperty());
        status.getStyleClass().add("caption");
        HBox top = new HBox(8, run, cancel, status);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(4, 8, 4, 8));
        setTop(top);
        VBox inputBox = new VBox(2, new Label("input"), input);
        inputBox.setAlignment(Pos.TOP_CENTER);
        HBox body = new HBox(8, inputBox, columns);
        HBox.setHgrow(columns, Priority.ALWAYS);
        body.setPadding(new Insets(0, 8, 4, 8));
        setCenter(body);
        vm.panels().addListener((ListChangeListener<Panel>) c -> build());
        vm.selectedProperty().addListener((o, a, i) -> {
            for (LatentScatter s : scatters) {
                if (s.getSelectedIndex() != i.intValue()) {
                    s.select(i.intValue());
                }
            }
        });
        vm.reconstructionsProperty().addListener((o, a, r) -> showReconstructions(r));
    }

    private void build() {
        columns.getChildren().clear();
        scatters.clear();
        outputs.clear();
        for (Panel p : vm.panels()) {
            LatentScatter s = new LatentScatter();
            s.setPoints(p.x(), p.y(), p.labels(), p.labelNames());
            s.setAxisLabels(p.name() + " z1", p.name() + " z2");
            s.selectedIndexProperty().addListener((o, a, i) -> vm.select(i.intValue()));
            ImageView out = Images.view(64);
            Label title = new Label(String.format(Locale.ROOT, "%s: MSE %.4f per pixel", p.name(),
                    p.msePerPixel()));
            title.getStyleClass().add("panel-title");
            HBox bottom = new HBox(6, out, new Label("reconstruction"));
            bottom.setAlignment(Pos.CENTER_LEFT);
            VBox col = new VBox(4, title, s, bottom);
            VBox.setVgrow(s, Priority.ALWAYS);
            HBox.setHgrow(col, Priority.ALWAYS);
            col.setMinWidth(0);
            col.setPrefWidth(300);
            columns.getChildren().add(col);
            scatters.add(s);
            outputs.add(out);
        }
    }

    private void showReconstructions(List<float[]> r) {
        SampleShape shape = vm.imageShape();
        if (r == null || !Images.drawable(shape)) {
            input.setImage(null);
            outputs.forEach(o -> o.setImage(null));
            return;
        }
        input.setImage(Images.of(vm.input(), shape));
        for (int i = 0; i < Math.min(r.size(), outputs.size()); i++) {
            outputs.get(i).setImage(Images.of(r.get(i), shape));
        }
    }
}
