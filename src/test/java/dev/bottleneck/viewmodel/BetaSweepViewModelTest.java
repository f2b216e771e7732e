package dev.bottleneck.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.data.DataSplit;
import dev.bottleneck.core.data.ShapesDataset;
import dev.bottleneck.core.data.Splits;
import dev.bottleneck.core.data.ToyDatasets;
import dev.bottleneck.core.eval.SweepPoint;
import dev.bottleneck.core.model.ModelKind;
import dev.bottleneck.core.model.SweepAxis;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;

/** The beta sweep's view model with synchronous executors: settings in, points and status out. */
class BetaSweepViewModelTest {

    private static final DataSplit SHAPES = Splits.split(ShapesDataset.generate(400, 16, 3), null, 0.25, 0, 0.0, 3);

    private static SettingsViewModel betaVae() {
        SettingsViewModel s = new SettingsViewModel();
        s.kind.set(ModelKind.BETA_VAE);
        s.latent.set(3);
        s.hidden.set("16");
        s.batchSize.set(50);
        return s;
    }

    @Test
    void aSweepTrainsTheSettingsModelAtEachValueAndReportsEveryPoint() {
        SettingsViewModel s = betaVae();
        BetaSweepViewModel vm = new BetaSweepViewModel(FxExecutors.synchronous(), new SimpleObjectProperty<>(SHAPES),
                s);
        assertEquals("", vm.blockedProperty().get());
        assertEquals("", vm.migUnavailableProperty().get());
        assertTrue(vm.statusProperty().get().contains("one beta-VAE per value"), vm.statusProperty().get());
        vm.valuesProperty().set("1, 4 16");
        vm.epochsProperty().set(2);
        vm.run();

        assertFalse(vm.runningProperty().get());
        assertEquals(List.of(1.0, 4.0, 16.0), vm.points().stream().map(SweepPoint::value).toList());
        for (SweepPoint p : vm.points()) {
            assertFalse(p.diverged(), p.divergence());
            assertTrue(p.mig() >= 0 && p.mig() <= 1, p.toString());
            assertEquals("beta-VAE", p.model());
        }
        BetaSweepViewModel.Plan plan = vm.planProperty().get();
        assertEquals(SweepAxis.BETA, plan.axis());
        assertEquals(2, plan.epochs());
        assertTrue(plan.description().startsWith("beta-VAE 256-16-(z=3)-16-256"), plan.description());
        assertTrue(vm.statusProperty().get().startsWith("Done: 3 points. Measured on 100 validation examples, MIG"
                + " on all of them"), vm.statusProperty().get());
    }

    @Test
    void pointsAndProgressReachTheFxSideThroughOnePendingTaskAtATime() {
        List<Runnable> fxQueue = new ArrayList<>();
        Executor fx = fxQueue::add;   // a stalled FX thread: nothing runs until the test drains it
        Executor direct = Runnable::run;
        FxExecutors ex = new FxExecutors(fx, direct, direct, direct, direct, 0);
        BetaSweepViewModel vm = new BetaSweepViewModel(ex, new SimpleObjectProperty<>(SHAPES), betaVae());
        vm.valuesProperty().set("1,2");
        vm.epochsProperty().set(2);
        vm.run();   // the whole sweep runs here, on the "training thread"; the FX side has not run yet
        assertEquals(1, fxQueue.size(), "however many points and epochs, one FX task is pending");
        assertTrue(vm.points().isEmpty());
        assertTrue(vm.runningProperty().get());
        fxQueue.remove(0).run();
        assertEquals(2, vm.points().size(), "every point arrives, in order, in the one task");
        assertFalse(vm.runningProperty().get());
        assertTrue(vm.statusProperty().get().startsWith("Done"), vm.statusProperty().get());
        assertTrue(fxQueue.isEmpty());
    }

    @Test
    void aModelWithoutBetaBlocksRunAndSaysWhichModelsHaveIt() {
        SettingsViewModel s = betaVae();
        s.kind.set(ModelKind.VAE);
        BetaSweepViewModel vm = new BetaSweepViewModel(FxExecutors.synchronous(), new SimpleObjectProperty<>(SHAPES),
                s);
        String why = vm.blockedProperty().get();
        assertEquals("VAE has no beta: choose beta-VAE, Conv beta-VAE, beta-TCVAE or Conv beta-TCVAE in the "
                + "settings.", why);
        assertEquals(why, vm.statusProperty().get());
        vm.run();
        assertTrue(vm.points().isEmpty());
        assertNull(vm.planProperty().get());

        s.kind.set(ModelKind.BETA_TCVAE);
        assertEquals("", vm.blockedProperty().get());
        vm.axisProperty().set(SweepAxis.CAPACITY);
        assertTrue(vm.blockedProperty().get().startsWith("beta-TCVAE has no C_max: choose beta-VAE or Conv "
                + "beta-VAE"), vm.blockedProperty().get());
    }

    @Test
    void theCapacityAxisBringsItsOwnValuesAndReachesCMaxWithinEachPoint() {
        SettingsViewModel s = betaVae();
        s.capacityGamma.set(10);
        s.capacityEpochs.set(25);
        BetaSweepViewModel vm = new BetaSweepViewModel(FxExecutors.synchronous(), new SimpleObjectProperty<>(SHAPES),
                s);
        vm.axisProperty().set(SweepAxis.CAPACITY);
        assertEquals(BetaSweepViewModel.DEFAULT_CAPACITIES, vm.valuesProperty().get());
        vm.valuesProperty().set("0,5");
        vm.epochsProperty().set(2);
        vm.run();
        assertEquals(2, vm.points().size());
        assertTrue(vm.planProperty().get().description().contains("capacity C rising to C_max nats over 2 epochs, "
                + "gamma 10"), vm.planProperty().get().description());
        vm.axisProperty().set(SweepAxis.BETA);
        assertEquals("0,5", vm.valuesProperty().get(), "values the user typed stay");
    }

    @Test
    void dataWithoutFactorsSaysSoAndStillSweepsReconstruction() {
        DataSplit blobs = Splits.split(ToyDatasets.blobs(300, 2, 3, 0.5, 1), null, 0.2, 0, 0.0, 1);
        SimpleObjectProperty<DataSplit> data = new SimpleObjectProperty<>(null);
        SettingsViewModel s = betaVae();
        BetaSweepViewModel vm = new BetaSweepViewModel(FxExecutors.synchronous(), data, s);
        assertEquals("No data loaded yet.", vm.blockedProperty().get());
        data.set(blobs);
        assertEquals("blobs has no ground-truth factors: MIG needs them", vm.migUnavailableProperty().get());
        assertTrue(vm.statusProperty().get().startsWith("MIG and reconstruction against beta"),
                "the status follows the data: " + vm.statusProperty().get());
        vm.valuesProperty().set("1,2");
        vm.epochsProperty().set(1);
        vm.run();
        assertEquals(2, vm.points().size());
        assertTrue(vm.points().stream().noneMatch(SweepPoint::hasMig));
        assertTrue(vm.statusProperty().get().startsWith("Done: 2 points. Measured on 60 validation examples."),
                vm.statusProperty().get());
        data.set(SHAPES);
        assertEquals("", vm.migUnavailableProperty().get());
    }

    @Test
    void badValuesAreRefusedInTheStatusAndNothingRuns() {
        BetaSweepViewModel vm = new BetaSweepViewModel(FxExecutors.synchronous(), new SimpleObjectProperty<>(SHAPES),
                betaVae());
        vm.valuesProperty().set("1,x");
        vm.run();
        assertEquals("'x' is not a number: give the values as 1,2,4,8,16", vm.statusProperty().get());
        vm.valuesProperty().set("1,-4");
        vm.run();
        assertTrue(vm.statusProperty().get().contains("beta must lie in (0, 1000]"), vm.statusProperty().get());
        vm.valuesProperty().set(" ");
        vm.run();
        assertTrue(vm.statusProperty().get().startsWith("Give at least one value"), vm.statusProperty().get());
        assertTrue(vm.points().isEmpty());
        assertNull(vm.planProperty().get());
    }
}
