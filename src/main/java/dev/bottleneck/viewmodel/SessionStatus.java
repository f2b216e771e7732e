package dev.bottleneck.viewmodel;

import dev.bottleneck.viewmodel.TrainingViewModel.State;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Where the session is (loading, ready, training...), the status bar's sentence and the error banner's message:
 * written by the data session, the training run and the model files, read by the training bar and the window.
 * FX thread only.
 */
public final class SessionStatus {

    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.LOADING);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Loading data...");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** A message for the user when something went wrong; empty otherwise. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public void clearError() {
        error.set("");
    }

    State state() {
        return state.get();
    }

    boolean isTraining() {
        return state.get() == State.TRAINING;
    }

    void setState(State s) {
        state.set(s);
    }

    void say(String sentence) {
        status.set(sentence);
    }

    void error(String message) {
        error.set(message);
    }

    /** A failure in words for the banner: its message, or what ran out of memory and what to do about it. */
    static String messageOf(Throwable t, String what) {
        if (t instanceof OutOfMemoryError) {
            return "Not enough memory" + (what == null ? "" : " for " + what)
                    + ". Choose a smaller training set or image size, or start Bottleneck with more memory (-Xmx).";
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }
}
