package dev.bottleneck.cli;

import dev.bottleneck.core.data.DataSplit;
import dev.bottleneck.core.data.DatasetCatalog;
import dev.bottleneck.core.io.CommandText;
import dev.bottleneck.core.io.DatasetNpz;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code export-data}: writes the train, validation or test part of a dataset with ground-truth factors, split as
 * {@code train} splits it with the same data flags and seed, as one NumPy {@code .npz} ({@link DatasetNpz}): what
 * a reference implementation needs to train and test on exactly Bottleneck's examples.
 */
@Command(name = "export-data", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        description = {"Write a dataset with ground-truth factors (dsprites, dsprites32, shapes, shapes64, the toy "
                + "sets), split exactly as train splits it with the same data flags and --seed, as FILE.npz for "
                + "NumPy: x (uint8 for 8-bit images, whose values are x * x_scale in float32; float32 otherwise), "
                + "factors (float32), factor_names, factor_discrete, labels, part (per row: 0 train, 1 validation, "
                + "2 test; part_names) and meta (JSON: the flags, the part sizes, the split's fingerprint as "
                + "train saves it).",
                "Rows: the parts asked for, train, then validation, then test, each in Bottleneck's order. The file "
                + "is written whole or not at all, and replaces only a file export-data wrote."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "2:bad input, or the file could not be written"})
final class ExportDataCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
            description = "seed of the split (and of generated data): train's --seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--part", defaultValue = "all", paramLabel = "PART",
            description = "train, validation, test or all (default: ${DEFAULT-VALUE})")
    String part;

    @Option(names = "--out", required = true, paramLabel = "FILE.npz", description = "the .npz file to write")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        Set<DatasetNpz.Part> parts = DatasetNpz.parts(part);
        data.validate();
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npz")) {
            throw new IllegalArgumentException("--out must end in .npz (numpy.load reads it by that name), not " + out);
        }
        DatasetNpz.checkReplaceable(out);
        Optional<DatasetCatalog.Size> size = data.estimate(seed);
        if (size.isPresent()) {
            DatasetCatalog.checkSize(data.dataset, size.get(), BottleneckCli.budget(), data.knobs(size));
        }
        DatasetCatalog.Source source = data.open(seed);
        if (source.pool().factors().isEmpty()) {
            throw new IllegalArgumentException(source.spec() + " has no ground-truth factors, so there is nothing "
                    + "for export-data to write beside the examples (dsprites, dsprites32, shapes, shapes64 and the toy "
                    + "sets have them)");
        }
        DataSplit split = data.split(source, seed);
        o.printf(Locale.ROOT, "%s%n  train %d, validation %d, test %d (seed %d)%n", source.summary(),
                split.train().size(), split.validation().size(), split.test().size(), seed);
        o.flush();
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("dataset", source.spec());
        provenance.put("summary", source.summary());
        provenance.put("seed", seed);
        provenance.put("count", data.count);
        provenance.put("valFraction", data.valFraction);
        provenance.put("trainSize", data.trainSize);
        provenance.put("noise", data.noise);
        provenance.put("imageSize", data.imageSize);
        provenance.put("command", CommandText.record(originalArgs()));
        DatasetNpz.Written w = DatasetNpz.write(out, split, parts, provenance);
        List<String> counts = new ArrayList<>();
        w.rows().forEach((p, n) -> counts.add(String.format(Locale.ROOT, "%s %,d", p.label(), n)));
        o.printf(Locale.ROOT, "wrote %s: %,d rows (%s), x %s, %d factors %s, split fingerprint %s%n", out, w.total(),
                String.join(", ", counts), w.bytes() ? "uint8 (value = x * float32(1/255))" : "float32",
                split.train().factors().get().width(), split.train().factors().get().names(), w.fingerprint());
        o.flush();
        return 0;
    }

    /** The arguments as given, the verb first: what the meta JSON records. */
    private List<String> originalArgs() {
        CommandLine.ParseResult parsed = spec.root().commandLine().getParseResult();
        List<String> args = new ArrayList<>(parsed == null ? List.of() : parsed.originalArgs());
        if (args.isEmpty() || !args.get(0).equals(spec.name())) {
            args.add(0, spec.name());
        }
        return args;
    }
}
