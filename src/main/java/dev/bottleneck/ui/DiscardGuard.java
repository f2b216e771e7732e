package dev.bottleneck.ui;

import dev.bottleneck.viewmodel.TrainingSession;
import java.util.function.Predicate;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;

/**
 * Asks before an action throws away a trained model that no save accounts for: a new run, Reset, a preset, loading
 * data, opening a model, replaying a scene, quitting. Nothing asks when there is nothing to lose.
 */
public final class DiscardGuard {

    static final ButtonType DISCARD = new ButtonType("Discard it", ButtonBar.ButtonData.OK_DONE);
    static final ButtonType KEEP = new ButtonType("Keep it", ButtonBar.ButtonData.CANCEL_CLOSE);

    private final TrainingSession run;
    private Predicate<String> ask = DiscardGuard::askWithDialog;

    public DiscardGuard(TrainingSession run) {
        this.run = run;
    }

    /** True when {@code action} ("Train starts a new run", say) may go ahead: nothing would be lost, or the user said so. */
    public boolean allows(String action) {
        return !run.wouldDiscardTraining() || ask.test(action);
    }

    /** Replaces the question (for tests without a dialog). */
    void setAsk(Predicate<String> ask) {
        this.ask = ask;
    }

    private static boolean askWithDialog(String action) {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, action + " and discards the trained model, which is not"
                + " saved. Save it first with File > Save model (Ctrl+S) to keep it.", KEEP, DISCARD);
        a.setTitle("Discard the trained model?");
        a.setHeaderText("The trained model is not saved");
        ((javafx.scene.control.Button) a.getDialogPane().lookupButton(KEEP)).setDefaultButton(true);
        ((javafx.scene.control.Button) a.getDialogPane().lookupButton(DISCARD)).setDefaultButton(false);
        return a.showAndWait().orElse(KEEP) == DISCARD;
    }
}
