package dev.bottleneck.app;

import dev.bottleneck.core.io.ShippedModels;
import dev.bottleneck.ui.Exports;
import dev.bottleneck.ui.MainWindow;
import dev.bottleneck.viewmodel.ExplorerViewModel;
import dev.bottleneck.viewmodel.FxExecutors;
import dev.bottleneck.viewmodel.RecentModels;
import dev.bottleneck.viewmodel.SettingsViewModel;
import dev.bottleneck.viewmodel.TrainingViewModel;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

/** The desktop application: builds the view models and the main window, then loads the data in the background. */
public final class BottleneckApp extends Application {

    private static final String LIGHT = "bottleneck.css";
    private static final String DARK = "bottleneck-dark.css";

    private TrainingViewModel training;
    private ExplorerViewModel explorer;
    private MainWindow window;
    private Scene scene;
    private Stage stage;

    /** Starts the JavaFX runtime and opens the main window. */
    public static void launchApp(String[] args) {
        Application.launch(BottleneckApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        this.stage = stage;
        ErrorDialog.install(stage); // first, so that an exception while building the window shows too
        FxExecutors executors = FxExecutors.forApp();
        // The native libraries load on the loading thread, before the first dataset (queued behind this), so the
        // first training step does not wait for them. The app owns the engine's threads; view models do not.
        executors.loading().execute(() -> dev.bottleneck.core.model.Blas.init(
                dev.bottleneck.core.model.Blas.defaultThreads()));
        training = new TrainingViewModel(new SettingsViewModel(), executors, RecentModels.forUser());
        explorer = new ExplorerViewModel(executors);
        explorer.follow(training.run().modelProperty(), training.data().splitProperty());
        window = new MainWindow(training, explorer, menuBar(stage), executors);
        scene = new Scene(window);
        scene.getStylesheets().add(css(LIGHT));
        window.trainingBar().install(scene);
        window.installPresenterKeys(scene);
        stage.setTitle("Bottleneck");
        AppIcons.install(stage);
        stage.setScene(scene);
        WindowSize.install(stage);
        stage.show();
        if (Boolean.getBoolean("bottleneck.fps")) {
            new FrameRateMeter(System.out).start();
        }
        // The window is up first; the first shipped model (or, without one, MNIST) loads behind it.
        ShippedModels.first().ifPresentOrElse(training.files()::open, training::loadData);
    }

    /** Dark or light theme: one extra stylesheet over the base one. */
    void setDark(boolean dark) {
        List<String> sheets = scene.getStylesheets();
        sheets.remove(css(DARK));
        if (dark) {
            sheets.add(css(DARK));
        }
        window.setDark(dark);
    }

    private MenuBar menuBar(Stage stage) {
        MenuItem load = new MenuItem("Load data");
        load.setAccelerator(new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN));
        load.setOnAction(e -> {
            if (guard().allows("Loading the data makes a fresh model")) {
                training.loadData();
            }
        });
        MenuItem open = new MenuItem("Open model...");
        open.setAccelerator(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
        open.setOnAction(e -> {
            DirectoryChooser dc = new DirectoryChooser();
            dc.setTitle("Open a model folder");
            File f = dc.showDialog(stage);
            if (f != null && guard().allows("Opening " + f.getName() + " replaces the model")) {
                training.files().open(f.toPath());
            }
        });
        MenuItem save = new MenuItem("Save model...");
        save.setAccelerator(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN));
        save.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle("Save the model as a folder");
            fc.setInitialFileName("my-model");
            File f = fc.showSaveDialog(stage);
            if (f != null) {
                training.files().save(f.toPath());
            }
        });
        Menu shipped = new Menu("Shipped models");
        for (Path p : ShippedModels.list()) {
            MenuItem item = new MenuItem(p.getFileName().toString());
            item.setMnemonicParsing(false);
            item.setOnAction(e -> openGuarded(p));
            shipped.getItems().add(item);
        }
        shipped.setDisable(shipped.getItems().isEmpty());
        Menu recent = new Menu("Recent models");
        Runnable fillRecent = () -> {
            recent.getItems().clear();
            for (Path p : training.files().recentModels().items()) {
                MenuItem item = new MenuItem(p.toString());
                item.setMnemonicParsing(false);
                item.setOnAction(e -> openGuarded(p));
                recent.getItems().add(item);
            }
            recent.setDisable(recent.getItems().isEmpty());
        };
        training.files().recentModels().items().addListener((ListChangeListener<Path>) c -> fillRecent.run());
        fillRecent.run();
        Menu export = new Menu("Export", null,
                exportItem(stage, "Loss chart as PNG...", "loss-chart.png",
                        f -> Exports.png(window.chart(), f, 1600, 900)),
                exportItem(stage, "Loss chart as SVG...", "loss-chart.svg",
                        f -> Exports.svg(window.chart(), f, 1200, 675)),
                exportItem(stage, "Latent scatter as PNG...", "latent-scatter.png", f -> Exports.png(window.scatter(), f)),
                exportItem(stage, "Window as PNG...", "bottleneck.png", f -> Exports.png(window, f)),
                exportItem(stage, "Curves as CSV...", "curves.csv", training.files()::exportCurves),
                bundleItem(stage));
        MenuItem quit = new MenuItem("Quit");
        quit.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        quit.setOnAction(e -> {
            if (guard().allows("Quitting")) {
                Platform.exit();
            }
        });
        stage.setOnCloseRequest(e -> {
            if (!guard().allows("Closing the window quits Bottleneck")) {
                e.consume();
            }
        });
        Menu file = new Menu("File", null, load, new SeparatorMenuItem(), open, save, shipped, recent, export,
                new SeparatorMenuItem(), quit);
        CheckMenuItem dark = new CheckMenuItem("Dark theme");
        dark.setAccelerator(new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN));
        dark.selectedProperty().addListener((o, a, d) -> setDark(d));
        MenuItem fit = new MenuItem("Fit the scatter");
        fit.setAccelerator(new KeyCodeCombination(KeyCode.DIGIT0, KeyCombination.SHORTCUT_DOWN));
        fit.setOnAction(e -> window.scatter().resetView());
        CheckMenuItem presenter = new CheckMenuItem("Presenter mode");
        presenter.setAccelerator(new KeyCodeCombination(KeyCode.F11));
        stage.setFullScreenExitHint("F11 or Esc leaves presenter mode");
        double[] windowed = new double[2]; // the window's size before presenter mode, to come back to
        presenter.selectedProperty().addListener((o, a, on) -> {
            if (on) {
                windowed[0] = stage.getWidth();
                windowed[1] = stage.getHeight();
            }
            window.setPresenter(on);
            dark.setSelected(on); // the high-contrast palette for a projector
            stage.setFullScreen(on);
        });
        // Esc leaves full screen on its own; presenter mode follows, so the configuration comes back too.
        stage.fullScreenProperty().addListener((o, a, full) -> {
            if (!full && presenter.isSelected()) {
                presenter.setSelected(false);
            }
            if (!full && windowed[0] > 0) {
                // Once full screen has ended, back to the window's earlier size (it may keep the screen's otherwise).
                Platform.runLater(() -> {
                    stage.setWidth(windowed[0]);
                    stage.setHeight(windowed[1]);
                });
            }
        });
        MenuItem saveScene = new MenuItem("Save scene...");
        saveScene.setOnAction(e -> {
            if (training.files().openedFolder() == null && training.run().modelProperty().get() != null
                    && training.run().curves().epochPoints().size() > 0 && !confirm("Save the scene without its model?",
                            "This run's model is not saved, so replaying the scene will train it again from its"
                                    + " settings and seed. Save the model first (File > Save model) to replay it at"
                                    + " once.", "Save the scene")) {
                return;
            }
            FileChooser fc = sceneChooser("Save the scene: settings, model and view, as JSON");
            fc.setInitialFileName("scene.json");
            File f = fc.showSaveDialog(stage);
            if (f != null) {
                sceneFolder = f.getParentFile();
                training.files().saveScene(f.toPath(), explorer.view(dark.isSelected(), presenter.isSelected()));
            }
        });
        MenuItem replayScene = new MenuItem("Replay scene...");
        replayScene.setOnAction(e -> {
            FileChooser fc = sceneChooser("Replay a scene");
            File f = fc.showOpenDialog(stage);
            if (f == null) {
                return;
            }
            sceneFolder = f.getParentFile();
            try {
                var scene = dev.bottleneck.viewmodel.Scene.read(f.toPath());
                if (!confirm("Replay " + f.getName() + "?", scene.replayPlan(), "Replay")
                        || !guard().allows("Replaying a scene replaces the model")) {
                    return;
                }
                training.replay(scene);
                explorer.applyView(scene.view());
                dark.setSelected(scene.view().dark());
                presenter.setSelected(scene.view().presenter());
            } catch (java.io.IOException ex) {
                window.showError(ex.getMessage());
            }
        });
        Menu view = new Menu("View", null, dark, presenter, fit, new SeparatorMenuItem(), saveScene, replayScene);
        return new MenuBar(file, view);
    }

    private File sceneFolder; // where the last scene was saved or read: the next dialog opens there

    /** A scene file dialog: scene files first, any file on request, in the last scene's folder. */
    private FileChooser sceneChooser(String title) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Bottleneck scene (*.json)", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*"));
        if (sceneFolder != null && sceneFolder.isDirectory()) {
            fc.setInitialDirectory(sceneFolder);
        }
        return fc;
    }

    /** Asks a yes-or-cancel question; true for {@code yes}. */
    private static boolean confirm(String header, String text, String yes) {
        javafx.scene.control.ButtonType go = new javafx.scene.control.ButtonType(yes,
                javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION,
                text, go, javafx.scene.control.ButtonType.CANCEL);
        a.setHeaderText(header);
        a.setTitle("Bottleneck");
        return a.showAndWait().orElse(javafx.scene.control.ButtonType.CANCEL) == go;
    }

    private dev.bottleneck.ui.DiscardGuard guard() {
        return window.trainingBar().guard();
    }

    private void openGuarded(Path p) {
        if (guard().allows("Opening " + p.getFileName() + " replaces the model")) {
            training.files().open(p);
        }
    }

    /** A file to write a figure or the curves to. */
    @FunctionalInterface
    private interface FileWriter {
        void write(Path file) throws Exception;
    }

    private MenuItem exportItem(Stage stage, String text, String name, FileWriter writer) {
        MenuItem item = new MenuItem(text);
        item.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle(text.replace("...", ""));
            fc.setInitialFileName(name);
            File f = fc.showSaveDialog(stage);
            if (f != null) {
                try {
                    writer.write(f.toPath());
                } catch (Exception ex) {
                    window.showError("Could not write " + f + ": " + ex.getMessage());
                }
            }
        });
        return item;
    }

    /**
     * A run bundle: one folder with the model (configuration, seed, split fingerprint and curves inside its
     * model.json and history.json), the curves as CSV and the figures as PNG.
     */
    private MenuItem bundleItem(Stage stage) {
        MenuItem item = new MenuItem("Run bundle...");
        item.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle("Save a run bundle (a folder)");
            fc.setInitialFileName("run-bundle");
            File f = fc.showSaveDialog(stage);
            if (f == null) {
                return;
            }
            Path dir = f.toPath();
            try {
                Exports.png(window.chart(), dir.resolve("figures/loss-chart.png"), 1600, 900);
                Exports.svg(window.chart(), dir.resolve("figures/loss-chart.svg"), 1200, 675);
                Exports.png(window.scatter(), dir.resolve("figures/latent-scatter.png"));
                Exports.png(window, dir.resolve("figures/window.png"));
                training.files().exportCurves(dir.resolve("curves.csv"));
                training.files().save(dir.resolve("model"));
            } catch (Exception ex) {
                window.showError("Could not write the bundle " + dir + ": " + ex.getMessage());
            }
        });
        return item;
    }

    private static String css(String name) {
        return BottleneckApp.class.getResource(name).toExternalForm();
    }

    @Override
    public void stop() {
        // Daemon threads end with the JVM; no model is saved implicitly. Quit ends without hiding the window first.
        if (stage != null) {
            WindowSize.remember(stage);
        }
    }
}
