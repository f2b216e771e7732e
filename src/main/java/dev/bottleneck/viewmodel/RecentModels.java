package dev.bottleneck.viewmodel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The model folders opened or saved lately, newest first, kept in the user's preferences. */
public final class RecentModels {

    private static final int MAX = 8;
    private static final String KEY = "recentModels";

    private final Preferences prefs;
    private final ObservableList<Path> items = FXCollections.observableArrayList();
    private final ObservableList<Path> itemsView = FXCollections.unmodifiableObservableList(items);

    /** Recent models kept under {@code node} (tests pass a node of their own). */
    public RecentModels(Preferences node) {
        this.prefs = node;
        String stored = node == null ? "" : node.get(KEY, "");
        for (String line : stored.split("\n")) {
            if (!line.isBlank()) {
                items.add(Path.of(line));
            }
        }
    }

    /** The app's own preferences node. */
    public static RecentModels forUser() {
        return new RecentModels(Preferences.userRoot().node("dev/bottleneck"));
    }

    public ObservableList<Path> items() {
        return itemsView;
    }

    /** Puts {@code folder} first. */
    public void add(Path folder) {
        Path p = folder.toAbsolutePath().normalize();
        List<Path> next = new ArrayList<>(items);
        next.remove(p);
        next.add(0, p);
        while (next.size() > MAX) {
            next.remove(next.size() - 1);
        }
        items.setAll(next);
        store();
    }

    /** Forgets {@code folder} (it could not be opened). */
    public void remove(Path folder) {
        items.remove(folder.toAbsolutePath().normalize());
        store();
    }

    private void store() {
        if (prefs == null) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        for (Path p : items) {
            sb.append(p).append('\n');
        }
        prefs.put(KEY, sb.toString());
        try {
            prefs.flush();
        } catch (BackingStoreException e) {
            // Preferences are a convenience; the list still works for this session.
        }
    }
}
