package dev.bottleneck.viewmodel;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A lecture scene: the settings (dataset, model, seed...), where the model comes from (a saved folder, or a training
 * run that the seed makes exactly reproducible), and the view (scatter axes, selected example, slider values, theme,
 * presenter mode). Saved as JSON; replaying it brings the window back to the same state.
 *
 * @param version the scene format, 1
 * @param settings the settings form, field by field ({@link SettingsViewModel#snapshot()})
 * @param model the model folder to open, or null to train from the settings on replay
 * @param view what the explorer and the window showed
 */
public record Scene(int version, Map<String, Object> settings, String model, View view) {

    /** The view state of a scene. */
    public record View(boolean principalAxes, int x, int y, int selected, double[] sliders, boolean dark,
            boolean presenter) {
    }

    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** What replaying this scene will do, in a sentence for the user before it starts. */
    public String replayPlan() {
        if (model != null) {
            return "Replaying opens the saved model " + model + " with the scene's view.";
        }
        return "The scene holds no saved model: replaying loads " + settings.getOrDefault("dataset", "the data")
                + " and trains a new " + String.valueOf(settings.getOrDefault("kind", "model")).toLowerCase(
                        java.util.Locale.ROOT).replace('_', '-') + " for " + settings.getOrDefault("epochs", "?")
                + " epochs from seed " + settings.getOrDefault("seed", "?")
                + ", which remakes the same run (it takes as long as it took).";
    }

    /** Writes the scene as JSON. */
    public void write(Path file) throws IOException {
        Files.writeString(file, JSON.writeValueAsString(this));
    }

    /** Reads a scene, with a message naming the file when it is not one. */
    public static Scene read(Path file) throws IOException {
        try {
            Scene s = JSON.readValue(Files.readString(file), Scene.class);
            if (s.version() > VERSION) {
                throw new IOException(file + ": a scene of format " + s.version() + ", newer than this Bottleneck's "
                        + VERSION);
            }
            if (s.settings() == null || s.view() == null) {
                throw new IOException(file + ": not a Bottleneck scene (no settings or view)");
            }
            return s;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(file + ": not a readable scene: " + e.getOriginalMessage(), e);
        }
    }
}
