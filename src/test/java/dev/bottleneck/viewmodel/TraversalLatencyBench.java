package dev.bottleneck.viewmodel;

import dev.bottleneck.core.data.DataSplit;
import dev.bottleneck.core.data.Mnist;
import dev.bottleneck.core.data.MnistData;
import dev.bottleneck.core.data.Splits;
import dev.bottleneck.core.model.Blas;
import dev.bottleneck.core.model.VaeConfig;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Slider-to-image latency, measured (not asserted): the time from moving a slider to the decoded image arriving
 * back on the "FX" side, through the real decoding thread, for the reference VAE (784-512-256-16) on MNIST.
 * Run by hand: {@code mvn -o -q test -Dtest=TraversalLatencyBench -Dbench=true}.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class TraversalLatencyBench {

    @Test
    void sliderToImage() throws Exception {
        Blas.init(1);
        MnistData m = Mnist.load();
        DataSplit split = Splits.split(m.train(), m.test(), 0.1, 0, 0.2, 1);
        var decoding = Executors.newSingleThreadExecutor();
        var exploring = Executors.newSingleThreadExecutor();
        FxExecutors ex = new FxExecutors(Runnable::run, Runnable::run, decoding, exploring, Runnable::run, 0);
        ExplorerViewModel vm = new ExplorerViewModel(ex);
        CountDownLatch ready = new CountDownLatch(1);
        vm.dimensions().addListener((javafx.collections.ListChangeListener<ExplorerViewModel.Dimension>) c -> ready.countDown());
        long t0 = System.nanoTime();
        vm.follow(new SimpleObjectProperty<>(VaeConfig.standard(784, List.of(512, 256), 16, 1.0).build(1)),
                new SimpleObjectProperty<>(split));
        ready.await(60, TimeUnit.SECONDS);
        System.out.printf("explore %d validation examples (encode, reconstruct, order): %.0f ms%n",
                split.validation().size(), (System.nanoTime() - t0) / 1e6);
        int runs = 400;
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            CountDownLatch done = new CountDownLatch(1);
            javafx.beans.value.ChangeListener<float[]> l = (o, a, b) -> done.countDown();
            vm.decodedProperty().addListener(l);
            long s = System.nanoTime();
            vm.setValue(i % 16, (i % 13) / 2.0 - 3);
            done.await(5, TimeUnit.SECONDS);
            ms[i] = (System.nanoTime() - s) / 1e6;
            vm.decodedProperty().removeListener(l);
            Thread.sleep(2); // let the strip request that follows each move finish, as a drag would
        }
        double[] warm = Arrays.copyOfRange(ms, 50, runs);
        Arrays.sort(warm);
        System.out.printf("slider to decoded image: median %.3f ms, p90 %.3f ms, p99 %.3f ms (%d moves)%n",
                warm[warm.length / 2], warm[(int) (warm.length * 0.9)], warm[(int) (warm.length * 0.99)], warm.length);
        decoding.shutdownNow();
        exploring.shutdownNow();
    }
}
