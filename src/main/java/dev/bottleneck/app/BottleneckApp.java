package dev.bottleneck.app;

import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/** The desktop application. For now a window that says what is coming; the explorer replaces it. */
public final class BottleneckApp extends Application {

    /** Starts the JavaFX runtime and opens the main window. */
    public static void launchApp(String[] args) {
        Application.launch(BottleneckApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        Label title = new Label("Bottleneck");
        title.getStyleClass().add("title");
        Label body = new Label("""
                An explorer for what an autoencoder learns.
                Coming here: live train and validation loss curves, the latent space as a scatter,
                sliders that walk each latent dimension, and decoded samples.
                The command line already reads the data: java -jar target/bottleneck.jar --help""");
        body.setWrapText(true);
        VBox root = new VBox(16, title, body);
        root.setAlignment(Pos.CENTER_LEFT);
        root.setPadding(new Insets(32));
        Scene scene = new Scene(root, 960, 600);
        scene.getStylesheets().add(BottleneckApp.class.getResource("bottleneck.css").toExternalForm());
        stage.setTitle("Bottleneck");
        stage.setScene(scene);
        stage.show();
    }
}
