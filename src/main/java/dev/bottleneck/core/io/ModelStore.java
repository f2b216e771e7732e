package dev.bottleneck.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bottleneck.core.FileProblemException;
import dev.bottleneck.core.io.ModelManifest.ParameterIndex;
import dev.bottleneck.core.io.ModelManifest.TensorEntry;
import dev.bottleneck.core.model.Autoencoder;
import dev.bottleneck.core.model.GradientModel;
import dev.bottleneck.core.model.NetworkSpec;
import dev.bottleneck.core.model.ModelConfig;
import dev.bottleneck.core.model.Parameter;
import dev.bottleneck.core.model.Pca;
import dev.bottleneck.core.model.PcaConfig;
import dev.bottleneck.core.train.TrainingHistory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Saves and loads models as folders. A model folder holds:
 *
 * <ul>
 *   <li>{@code model.json}: the format version, the app that wrote it, when, the model kind and config, the training
 *       config, the dataset and split, seed, epochs, final metrics, the command line, and the index of the parameter
 *       file (an example is in the package's {@code ModelManifest});
 *   <li>{@code parameters.bin}: every tensor as little-endian float32, concatenated in index order. PCA stores
 *       {@code pca.mean} (1 x d), {@code pca.components} (d x k) and {@code pca.variances} (1 x d, all d variances,
 *       rounded to float32);
 *   <li>{@code history.json}: every curve of the run, loss terms keyed by {@link dev.bottleneck.core.model.Term}
 *       name. Optional: a folder without it loads with an empty history.
 * </ul>
 *
 * <p>Saving is atomic: everything is written and forced to disk in a hidden sibling folder, which then replaces the
 * target by renames (the old folder is renamed aside first and deleted last; see {@code FolderSwap} and
 * docs/SAVING.md). A crash never leaves half a model, and a failed save leaves the model that was there intact and
 * no temporary folder behind. What a crash or a kill leaves (the old model renamed aside, a temporary folder) is put
 * right by the next save or load of the same folder. A save replaces only a Bottleneck model folder that holds
 * nothing else ({@link #checkCanSave}).
 *
 * <p>Loading needs nothing outside the folder and refuses anything it cannot trust with a {@link ModelFormatException}
 * that names the file and the problem: a missing file, truncated or corrupt JSON, a newer format version, a
 * parameter file whose size or SHA-256 differs from the index, a missing or wrongly shaped tensor, an unknown model
 * family, invalid config values. Every format version this class has written keeps a golden folder under
 * {@code src/test/resources/golden} that it must still load.
 *
 * <p>Instances are immutable and may be shared between threads; a model must not be trained while it is saved.
 */
public final class ModelStore {

    /** The format this version writes, and the newest it reads. */
    public static final int FORMAT_VERSION = 2;
    public static final String MODEL_FILE = "model.json";
    public static final String PARAMETERS_FILE = ParameterFile.NAME;
    public static final String HISTORY_FILE = "history.json";

    static final String PCA_MEAN = "pca.mean";
    static final String PCA_COMPONENTS = "pca.components";
    static final String PCA_VARIANCES = "pca.variances";

    private final String app;

    /** A store that records this build's version (the jar's Implementation-Version, else "development"). */
    public ModelStore() {
        this(null);
    }

    /** A store that records {@code "Bottleneck " + version} as the app; null or blank: as {@link #ModelStore()}. */
    public ModelStore(String version) {
        String v = version;
        if (v == null || v.isBlank()) {
            v = ModelStore.class.getPackage().getImplementationVersion();
        }
        this.app = "Bottleneck " + (v == null || v.isBlank() ? "development" : v.trim());
    }

    /** What this store writes as {@code app}: "Bottleneck 0.1.0". */
    public String app() {
        return app;
    }

    /**
     * Saves a model as {@code folder}, replacing the model folder there if any. The format version and app written
     * are this store's, whatever {@code m} says; its {@code createdAt} is kept (null: now).
     *
     * @throws IOException if the folder cannot be written, or exists and is not a model folder holding only what a
     *     save writes (see {@link #checkCanSave}; it is then left alone); the previous model, if any, is intact
     * @throws IllegalArgumentException for a PCA that was never fitted
     */
    public void save(Path folder, SavedModel m) throws IOException {
        Path target = folder.toAbsolutePath().normalize();
        if (target.getParent() == null) {
            throw new IOException(folder + ": a model needs a folder of its own, not a file-system root");
        }
        if (m.model() instanceof Pca pca && !pca.isFitted()) {
            throw new IllegalArgumentException("cannot save a PCA that was never fitted");
        }
        if (m.model().config() instanceof PcaConfig && !(m.model() instanceof Pca)) {
            throw new IllegalArgumentException("a model with a PCA config must be a Pca to be saved");
        }
        List<ParameterFile.Tensor> tensors = tensorsOf(m.model());
        for (ParameterFile.Tensor t : tensors) {
            String problem = FiniteValues.problem(t.name(), t.data(), t.cols());
            if (problem != null) {
                throw new FileProblemException(folder, "not saved: " + problem
                        + "; the model diverged, and a folder of it could not be loaded", null);
            }
        }
        FolderSwap.recover(target);
        SaveTarget.checkReplaceable(target, folder);
        SaveTarget.checkWritable(target, folder);
        boolean existed = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
        Path temp;
        try {
            Files.createDirectories(target.getParent());
            temp = FolderSwap.createSibling(target, FolderSwap.TEMP_MARK);
        } catch (FileProblemException e) {
            throw e;
        } catch (IOException e) {
            throw notSaved(folder, e, existed);
        }
        try {
            ParameterIndex index = ParameterFile.write(temp.resolve(PARAMETERS_FILE), tensors);
            writeSynced(temp.resolve(HISTORY_FILE), ModelJson.MAPPER.writeValueAsBytes(HistoryFile.of(m.history())));
            writeSynced(temp.resolve(MODEL_FILE), ModelJson.MAPPER.writeValueAsBytes(manifestOf(m, index)));
            FolderSwap.syncFolder(temp);
            SaveTarget.checkReplaceable(target, folder); // again: the user may have put something there meanwhile
            FolderSwap.replace(temp, target);
        } catch (FileProblemException | RuntimeException | Error e) {
            FolderSwap.deleteSaved(temp);
            throw e;
        } catch (IOException e) {
            FolderSwap.deleteSaved(temp);
            throw notSaved(folder, e, existed);
        }
    }

    /** A failed write as the user should read it: their folder, the reason in words, never a temporary name. */
    private static FileProblemException notSaved(Path folder, IOException e, boolean existed) {
        return new FileProblemException(folder, "not saved: " + SaveTarget.reason(e)
                + (existed ? "; the model that was there is unchanged" : ""), e);
    }

    /**
     * Checks, before any work, that {@link #save} could write {@code folder}: refuses a folder that is not a model
     * folder holding only what a save writes (a file, a link, a project folder, another program's {@code model.json}),
     * a folder under a file, and a place where no file can be made ("permission denied", "read-only file system",
     * "no space left on device": a probe file is created and deleted where the save will write), with a message
     * that names {@code folder} and says why.
     *
     * @throws IOException if a save there would be refused
     */
    public static void checkCanSave(Path folder) throws IOException {
        Path target = folder.toAbsolutePath().normalize();
        if (target.getParent() == null) {
            throw new FileProblemException(folder, "a model needs a folder of its own, not a file-system root", null);
        }
        FolderSwap.recover(target);
        SaveTarget.checkReplaceable(target, folder);
        SaveTarget.checkWritable(target, folder);
    }

    /**
     * Loads the model folder {@code folder}, after putting right what an interrupted save left beside it (see
     * {@code FolderSwap.recover}). A folder without {@code history.json} loads with an empty history; a
     * {@code history.json} that is there but unreadable is an error.
     *
     * @throws ModelFormatException if the folder is not a complete, intact model folder this version can read; the
     *     message names the file and the problem
     * @throws IOException if reading fails
     */
    public SavedModel load(Path folder) throws IOException {
        FolderSwap.recover(folder.toAbsolutePath().normalize());
        if (!Files.isDirectory(folder)) {
            throw new ModelFormatException(folder, Files.exists(folder) ? "not a folder; a model is a folder"
                    : "no such model folder" + backupHint(folder));
        }
        Path manifestFile = folder.resolve(MODEL_FILE);
        ModelManifest manifest = ManifestReader.read(manifestFile);
        Instant createdAt = parseInstant(manifest.createdAt(), manifestFile);
        List<TensorEntry> entries = ParameterFile.checkIndex(manifest.parameters(), manifestFile);
        ParameterFile.checkAgainstConfig(folder, manifestFile, manifest.modelConfig(), manifest.parameters(),
                entries, dev.bottleneck.core.MemoryBudget.ofThisJvm()); // before building the network
        Path parametersFile = folder.resolve(PARAMETERS_FILE);
        ParameterFile.verify(parametersFile, manifest.parameters());
        Autoencoder model = rebuild(manifest, entries, parametersFile, manifestFile);
        checkNetworks(manifest, model, manifestFile);
        TrainingHistory history = readHistory(folder.resolve(HISTORY_FILE));
        try {
            return new SavedModel(model, manifest.trainingConfig(), history, manifest.dataset(), manifest.seed(),
                    manifest.epochsDone(), manifest.bestEpoch(), manifest.metrics(), manifest.command(),
                    manifest.formatVersion(), manifest.app(), createdAt);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(manifestFile, e.getMessage(), e);
        }
    }

    private static List<ParameterFile.Tensor> tensorsOf(Autoencoder model) {
        List<ParameterFile.Tensor> tensors = new ArrayList<>();
        if (model instanceof Pca pca) {
            int d = pca.inputDim();
            double[] variances = pca.allVariances();
            float[] v = new float[variances.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) variances[i];
            }
            tensors.add(new ParameterFile.Tensor(PCA_MEAN, 1, d, pca.mean()));
            tensors.add(new ParameterFile.Tensor(PCA_COMPONENTS, d, pca.latentDim(), pca.components()));
            tensors.add(new ParameterFile.Tensor(PCA_VARIANCES, 1, d, v));
            return tensors;
        }
        for (Parameter p : model.parameters()) {
            tensors.add(new ParameterFile.Tensor(p.name(), p.value().rows, p.value().cols, p.value().data));
        }
        return tensors;
    }

    private ModelManifest manifestOf(SavedModel m, ParameterIndex index) {
        ModelConfig config = m.model().config();
        Instant created = m.createdAt() == null ? Instant.now() : m.createdAt();
        return new ModelManifest(FORMAT_VERSION, app, created.toString(), config.kind().name(), config, m.training(),
                m.dataset(), m.seed(), m.epochsDone(), m.bestEpoch(), m.metrics(), m.command(), index,
                m.model() instanceof GradientModel g ? g.networks() : null);
    }

    private static void writeSynced(Path file, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }

    /** The model the manifest describes, its tensors read from the (verified) parameter file. */
    private static Autoencoder rebuild(ModelManifest manifest, List<TensorEntry> entries, Path parametersFile,
            Path manifestFile) throws IOException {
        Map<String, TensorEntry> byName = new HashMap<>();
        for (TensorEntry e : entries) {
            byName.put(e.name(), e);
        }
        ModelConfig config = manifest.modelConfig();
        try (FileChannel ch = FileChannel.open(parametersFile, StandardOpenOption.READ)) {
            if (config instanceof PcaConfig pca) {
                int d = pca.inputDim();
                float[] mean = readFinite(ch, tensor(byName, PCA_MEAN, 1, d, manifestFile), parametersFile);
                float[] components = readFinite(ch,
                        tensor(byName, PCA_COMPONENTS, d, pca.latentDim(), manifestFile), parametersFile);
                float[] v = readFinite(ch, tensor(byName, PCA_VARIANCES, 1, d, manifestFile), parametersFile);
                double[] variances = new double[v.length];
                for (int i = 0; i < v.length; i++) {
                    variances[i] = v[i];
                }
                return Pca.fromParameters(pca, mean, components, variances);
            }
            Autoencoder model = config.build(manifest.seed());
            for (Parameter p : model.parameters()) {
                TensorEntry e = tensor(byName, p.name(), p.value().rows, p.value().cols, manifestFile);
                float[] values = readFinite(ch, e, parametersFile);
                System.arraycopy(values, 0, p.value().data, 0, values.length);
                p.value().changed();
            }
            return model;
        }
    }

    /**
     * Refuses a format-2 manifest whose layer-by-layer description is not the network its config builds: the
     * description is what other tools read, so it must not say one thing while the parameters mean another.
     */
    private static void checkNetworks(ModelManifest manifest, Autoencoder model, Path manifestFile)
            throws ModelFormatException {
        List<NetworkSpec> described = manifest.networks();
        if (described == null) {
            return; // format 1, or PCA
        }
        List<NetworkSpec> built = model instanceof GradientModel g ? g.networks() : List.of();
        if (built.size() != described.size()) {
            throw new ModelFormatException(manifestFile, "describes " + described.size() + " networks, but its "
                    + manifest.modelConfig().kind().label() + " config builds " + built.size());
        }
        for (int n = 0; n < built.size(); n++) {
            NetworkSpec b = built.get(n);
            NetworkSpec d = described.get(n);
            if (!b.name().equals(d.name()) || b.layers().size() != d.layers().size()) {
                throw new ModelFormatException(manifestFile, "network " + (n + 1) + " is described as '" + d.name()
                        + "' with " + d.layers().size() + " layers, but the config builds '" + b.name() + "' with "
                        + b.layers().size());
            }
            for (int i = 0; i < b.layers().size(); i++) {
                if (!b.layers().get(i).equals(d.layers().get(i))) {
                    throw new ModelFormatException(manifestFile, "layer " + i + " of the " + b.name()
                            + " is described as '" + d.layers().get(i) + "', but the config builds '"
                            + b.layers().get(i) + "'");
                }
            }
        }
    }

    private static float[] readFinite(FileChannel ch, TensorEntry e, Path parametersFile) throws IOException {
        float[] values = ParameterFile.read(ch, e);
        FiniteValues.require(parametersFile, e.name(), values, e.shape()[1]);
        return values;
    }

    private static TensorEntry tensor(Map<String, TensorEntry> byName, String name, int rows, int cols,
            Path manifestFile) throws ModelFormatException {
        TensorEntry e = byName.get(name);
        if (e == null) {
            throw new ModelFormatException(manifestFile, "the parameters have no tensor " + name
                    + ", which the model needs");
        }
        if (e.shape()[0] != rows || e.shape()[1] != cols) {
            throw new ModelFormatException(manifestFile, "tensor " + name + " has shape " + e.shape()[0] + "x"
                    + e.shape()[1] + " but the model needs " + rows + "x" + cols);
        }
        return e;
    }

    private static TrainingHistory readHistory(Path file) throws IOException {
        JsonNode tree;
        try {
            tree = ManifestReader.readTree(file, ManifestReader.MAX_HISTORY_BYTES);
        } catch (NoSuchFileException e) {
            return new TrainingHistory();
        }
        try {
            return ModelJson.MAPPER.treeToValue(tree, HistoryFile.class).toHistory();
        } catch (JsonProcessingException e) {
            throw ManifestReader.describe(file, e);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(file, e.getMessage(), e);
        }
    }

    private static Instant parseInstant(String text, Path manifestFile) throws ModelFormatException {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ModelFormatException(manifestFile, "createdAt \"" + text + "\" is not an ISO-8601 instant");
        }
    }

    /** Points at the backup an interrupted save leaves beside a model folder, if there is one. */
    private static String backupHint(Path folder) {
        Path name = folder.toAbsolutePath().normalize().getFileName();
        Path parent = folder.toAbsolutePath().normalize().getParent();
        if (name == null || parent == null || !Files.isDirectory(parent)) {
            return "";
        }
        String prefix = "." + name + FolderSwap.BACKUP_MARK;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(parent, p -> p.getFileName().toString()
                .startsWith(prefix))) {
            for (Path p : s) {
                return " (an interrupted save left the previous model as " + p.getFileName()
                        + " beside it; rename that to " + name + " to recover it)";
            }
        } catch (IOException e) {
            // no hint then
        }
        return "";
    }
}
