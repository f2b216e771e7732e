package dev.bottleneck.core.io;

import dev.bottleneck.core.model.AutoencoderConfig;
import dev.bottleneck.core.model.ModelConfig;
import dev.bottleneck.core.train.TrainingConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The child process of {@link SaveKillTest}: saves model "A" and model "B" into one folder, alternately, until it is
 * killed. Prints "ready" once the first save is complete. The models are large enough (1.7 MB of parameters) that
 * a random kill often lands inside the writing.
 */
public final class SaveLoop {

    private SaveLoop() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        ModelConfig config = AutoencoderConfig.plain(784, List.of(256), 16);
        SavedModel a = model(config, 1, "A");
        SavedModel b = model(config, 2, "B");
        ModelStore store = new ModelStore("test");
        store.save(folder, a);
        System.out.println("ready");
        System.out.flush();
        for (long i = 1; ; i++) {
            store.save(folder, i % 2 == 0 ? a : b);
        }
    }

    static SavedModel model(ModelConfig config, long seed, String command) {
        return SavedModel.of(config.build(seed), TrainingConfig.defaults(1, seed), null, null, seed, 1, 0,
                Map.of(), command);
    }
}
