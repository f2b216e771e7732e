package dev.bottleneck.cli;

import dev.bottleneck.core.io.ModelStore;
import dev.bottleneck.core.io.SavedModel;
import dev.bottleneck.core.io.ShippedModels;
import dev.bottleneck.core.io.TorchModels;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code export}: writes a model folder's AE, VAE or beta-TCVAE, MLP or convolutional, as NAME.json + NAME.npz for
 * {@code interop/export_torch.py}.
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write a saved AE, VAE or beta-TCVAE, MLP or convolutional, as NAME.json + NAME.npz (float32, "
                + "PyTorch layout) for PyTorch: interop/export_torch.py's load(NAME.json) rebuilds it as an nn.Module.",
                "Only the architecture, the weights and the objective's weights (beta; a beta-TCVAE's alpha, beta, "
                + "gamma and the N and M of its estimator) travel; PCA cannot be exported."})
final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FOLDER",
            description = "model folder written by train --out, or a shipped model (models/NAME or NAME)")
    Path folder;

    @Option(names = "--out", required = true, paramLabel = "NAME.json",
            description = "JSON description to write; the arrays go to NAME.npz beside it")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!out.getFileName().toString().endsWith(".json")) {
            throw new IllegalArgumentException("--out must end in .json, not " + out);
        }
        SavedModel m = new ModelStore().load(ShippedModels.resolve(folder));
        TorchModels.export(m.model(), out);
        PrintWriter o = spec.commandLine().getOut();
        String name = out.getFileName().toString();
        o.printf("wrote %s and %s (%s, %d parameter tensors)%n", out,
                out.resolveSibling(name.substring(0, name.length() - 5) + ".npz"), m.model().config().kind().label(),
                m.model().parameters().size());
        o.flush();
        return 0;
    }
}
