package dev.bottleneck.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.bottleneck.viewmodel.FxExecutors;
import dev.bottleneck.viewmodel.SettingsViewModel;
import dev.bottleneck.viewmodel.TrainingViewModel;
import java.util.List;
import javafx.scene.control.Button;
import org.junit.jupiter.api.Test;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/** The training buttons carry Ikonli icons, and the icon pack is found (its font loads) on the classpath. */
class IconsTest {

    @Test
    void trainingButtonsHaveTheirIcons() {
        List<Object> codes = FxTestSupport.call(() -> {
            TrainingBar bar = new TrainingBar(new TrainingViewModel(new SettingsViewModel(), FxExecutors.synchronous()));
            return List.<Button>of(bar.train, bar.pause, bar.step, bar.stop, bar.reset).stream()
                    .map(b -> (Object) assertInstanceOf(FontIcon.class, b.getGraphic(), b.getText()).getIconCode())
                    .toList();
        });
        assertEquals(List.of(MaterialDesignP.PLAY, MaterialDesignP.PAUSE, MaterialDesignS.STEP_FORWARD,
                MaterialDesignS.STOP, MaterialDesignR.RESTORE), codes);
    }
}
