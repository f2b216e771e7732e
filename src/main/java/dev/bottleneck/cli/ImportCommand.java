package dev.bottleneck.cli;

import dev.bottleneck.core.data.DataException;
import dev.bottleneck.core.data.DatasetCatalog;
import dev.bottleneck.core.data.SampleShape;
import dev.bottleneck.core.io.CommandText;
import dev.bottleneck.core.io.DatasetInfo;
import dev.bottleneck.core.io.ModelStore;
import dev.bottleneck.core.io.SavedModel;
import dev.bottleneck.core.io.TorchModels;
import dev.bottleneck.core.model.Autoencoder;
import dev.bottleneck.core.model.Likelihood;
import dev.bottleneck.core.model.Shape;
import dev.bottleneck.core.train.TrainingConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code import}: turns a PyTorch model exported by {@code interop/export_torch.py} (NAME.json + NAME.npz) into a
 * model folder, which the app opens like any other.
 */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Make a model folder from a PyTorch AE, VAE or beta-TCVAE, MLP or convolutional, exported by "
                + "interop/export_torch.py (NAME.json + NAME.npz); open the folder in the app.",
                "The folder records this command line, so --dataset tells the app which data to show it with."})
final class ImportCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--torch", required = true, paramLabel = "NAME.json", description = "the exported description")
    Path json;

    @Option(names = "--out", required = true, paramLabel = "FOLDER",
            description = "model folder to write (replacing a model folder there)")
    Path out;

    @Option(names = "--dataset", paramLabel = "NAME|PATH",
            description = "the data the model was trained on, as train --dataset names it (recorded for the app "
                    + "and eval)")
    String dataset;

    @Override
    public Integer call() throws Exception {
        Autoencoder model = TorchModels.load(json);
        if (dataset != null) {
            checkFits(model, json, dataset);
        }
        TrainCommand.checkTarget(out);
        CommandLine.ParseResult parsed = spec.root().commandLine().getParseResult();
        List<String> args = new ArrayList<>(parsed == null ? List.of() : parsed.originalArgs());
        if (args.isEmpty() || !args.get(0).equals(spec.name())) {
            args.add(0, spec.name());
        }
        // Split sizes unknown (0) and no fingerprint: eval rebuilds the default split of --dataset and says so.
        DatasetInfo info = dataset == null ? null : new DatasetInfo(dataset, 0, 0, 0, null);
        SavedModel m = SavedModel.of(model, TrainingConfig.defaults(TrainingConfig.DEFAULT_EPOCHS, 0), null, info,
                0, 0, 0, Map.of(), CommandText.record(args));
        new ModelStore().save(out, m);
        PrintWriter o = spec.commandLine().getOut();
        o.printf("wrote %s (%s, input %s, latent %d)%n", out, model.config().kind().label(),
                model.config().inputShape(), model.latentDim());
        o.flush();
        return 0;
    }

    /**
     * Refuses, before anything is written, a {@code --dataset} the model cannot read: another number of inputs per
     * example, for a convolutional model anything but images of its shape (as {@code train} refuses vectors for a
     * conv kind), or values outside [0, 1] for a Bernoulli decoder. Otherwise eval would fail later and the app
     * would show the model with data it was never trained on. The data is read as {@code eval} will read it: the
     * recorded command's flags through {@code train}'s own options.
     */
    static void checkFits(Autoencoder model, Path json, String dataset) throws DataException {
        DataOptions data = EvalCommand.parseTrainFlags(List.of("--dataset", dataset));
        DatasetCatalog.Source source = data.open(0);
        int features = source.pool().features();
        if (features != model.inputDim()) {
            throw new IllegalArgumentException("--dataset " + dataset + " does not fit the model in " + json + ": the "
                    + "data has " + features + " numbers per example, the model takes " + model.inputDim()
                    + "; nothing imported");
        }
        Shape image = model.config().inputShape();
        SampleShape shape = source.pool().shape();
        if (!image.isFlat() && !(shape.image() && Shape.of(shape).equals(image))) {
            throw new IllegalArgumentException("--dataset " + dataset + " does not fit the model in " + json + ": the "
                    + "data are " + (shape.image() ? shape + " images" : "vectors of " + shape.size() + " numbers")
                    + ", the model's convolutions take " + image + " images; nothing imported");
        }
        if (TrainCommand.likelihoodOf(model.config()) == Likelihood.BERNOULLI && !source.inUnitRange()) {
            float[] r = source.pool().valueRange();
            throw new IllegalArgumentException("--dataset " + dataset + " does not fit the model in " + json + ": the "
                    + "data lies in [" + r[0] + ", " + r[1] + "], but the model's Bernoulli decoder needs values in "
                    + "[0, 1]; nothing imported");
        }
    }
}
