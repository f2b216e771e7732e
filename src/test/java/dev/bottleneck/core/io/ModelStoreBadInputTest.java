package dev.bottleneck.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a model folder can be damaged is refused with a message that names the file and the problem. */
class ModelStoreBadInputTest {

    @TempDir
    Path dir;

    private final ModelStore store = new ModelStore("test");
    private Path folder;

    @BeforeEach
    void saveAGoodModel() throws IOException {
        folder = dir.resolve("vae");
        store.save(folder, TestModels.trained(TestModels.betaVae(List.of(7, 5), 2), 1, 8, "bottleneck train"));
        store.load(folder); // it is good to start with
    }

    @Test
    void missingFolder() {
        ModelFormatException e = refused(dir.resolve("nothing"), "nothing", "no such model folder");
        assertEquals(dir.resolve("nothing"), e.file());
    }

    @Test
    void missingFolderAfterAnInterruptedSavePointsAtTheBackup() throws IOException {
        Files.move(folder, dir.resolve(".vae.old-0a1b2c"));
        refused(folder, "vae", "no such model folder", "interrupted save", ".vae.old-0a1b2c");
    }

    @Test
    void aFileIsNotAModelFolder() throws IOException {
        refused(Files.writeString(dir.resolve("model.txt"), "hello"), "model.txt", "not a folder");
    }

    @Test
    void missingModelJson() throws IOException {
        Files.delete(folder.resolve("model.json"));
        refused(folder, "model.json", "missing");
    }

    @Test
    void missingParameters() throws IOException {
        Files.delete(folder.resolve("parameters.bin"));
        refused(folder, "parameters.bin", "missing");
    }

    @Test
    void truncatedModelJson() throws IOException {
        Path json = folder.resolve("model.json");
        String text = Files.readString(json);
        Files.writeString(json, text.substring(0, text.length() / 2));
        refused(folder, "model.json", "truncated JSON", "line ");
    }

    @Test
    void emptyModelJson() throws IOException {
        Files.writeString(folder.resolve("model.json"), "");
        refused(folder, "model.json", "empty");
    }

    @Test
    void corruptModelJson() throws IOException {
        Path json = folder.resolve("model.json");
        Files.writeString(json, Files.readString(json).replaceFirst("\"seed\" :", "\"seed\" ;"));
        refused(folder, "model.json", "corrupt JSON", "line ", "column ");
    }

    @Test
    void trailingGarbageInModelJson() throws IOException {
        Path json = folder.resolve("model.json");
        Files.writeString(json, Files.readString(json) + "\n}{");
        refused(folder, "model.json", "corrupt JSON");
    }

    @Test
    void newerFormatVersion() throws IOException {
        int newer = ModelStore.FORMAT_VERSION + 1;
        editManifest(m -> m.put("formatVersion", newer).put("app", "Bottleneck 9.0.0"));
        refused(folder, "model.json", "made by a newer Bottleneck (Bottleneck 9.0.0): format " + newer
                + ", this version reads up to " + ModelStore.FORMAT_VERSION);
    }

    @Test
    void noFormatVersion() throws IOException {
        editManifest(m -> m.remove("formatVersion"));
        refused(folder, "model.json", "no formatVersion");
    }

    @Test
    void truncatedParameters() throws IOException {
        Path bin = folder.resolve("parameters.bin");
        long size = Files.size(bin);
        try (FileChannel ch = FileChannel.open(bin, StandardOpenOption.WRITE)) {
            ch.truncate(size - 10);
        }
        refused(folder, "parameters.bin", "truncated", (size - 10) + " bytes", "model.json says " + size);
    }

    @Test
    void longerParameters() throws IOException {
        Files.write(folder.resolve("parameters.bin"), new byte[] {1, 2, 3, 4}, StandardOpenOption.APPEND);
        refused(folder, "parameters.bin", "corrupt");
    }

    @Test
    void flippedByteInParameters() throws IOException {
        Path bin = folder.resolve("parameters.bin");
        byte[] bytes = Files.readAllBytes(bin);
        bytes[bytes.length / 3] ^= 0x10;
        Files.write(bin, bytes);
        refused(folder, "parameters.bin", "corrupt", "SHA-256");
    }

    @Test
    void tensorOfTheWrongShape() throws IOException {
        editManifest(m -> {
            ObjectNode first = (ObjectNode) m.get("parameters").get("tensors").get(0);
            ArrayNode shape = (ArrayNode) first.get("shape");
            int rows = shape.get(0).asInt();
            int cols = shape.get(1).asInt();
            shape.removeAll().add(cols).add(rows);
        });
        refused(folder, "model.json", "tensor encoder.0.weight has shape 7x6 but the model needs 6x7");
    }

    @Test
    void configThatNoLongerMatchesTheTensors() throws IOException {
        editManifest(m -> ((ArrayNode) m.get("modelConfig").get("hidden")).removeAll().add(7).add(4));
        refused(folder, "model.json", "has shape 7x5 but the model needs 7x4");
    }

    @Test
    void missingTensor() throws IOException {
        editManifest(m -> ((ArrayNode) m.get("parameters").get("tensors")).remove(1));
        refused(folder, "model.json", "no tensor encoder.0.bias");
    }

    @Test
    void tensorOutsideTheFile() throws IOException {
        editManifest(m -> ((ObjectNode) m.get("parameters").get("tensors").get(0)).put("offset", 1_000_000));
        refused(folder, "model.json", "encoder.0.weight", "lies outside");
    }

    @Test
    void unknownFamily() throws IOException {
        editManifest(m -> ((ObjectNode) m.get("modelConfig")).put("family", "gan"));
        refused(folder, "model.json", "unknown model family \"gan\"", "pca, ae, vae");
    }

    @Test
    void invalidConfigValue() throws IOException {
        editManifest(m -> ((ObjectNode) m.get("modelConfig")).put("latentDim", 0));
        refused(folder, "model.json", "invalid modelConfig", "latent size must be 1..256, not 0");
    }

    @Test
    void invalidTrainingConfigValue() throws IOException {
        editManifest(m -> ((ObjectNode) m.get("trainingConfig")).put("learningRate", -1));
        refused(folder, "model.json", "invalid trainingConfig", "learning rate must be positive");
    }

    @Test
    void wrongTypeOfValue() throws IOException {
        editManifest(m -> m.put("seed", "forty-two"));
        refused(folder, "model.json", "bad value at seed");
    }

    @Test
    void bestEpochAfterTheLastEpoch() throws IOException {
        editManifest(m -> m.put("bestEpoch", 9));
        refused(folder, "model.json", "best epoch must lie in 0..1, not 9");
    }

    @Test
    void badCreatedAt() throws IOException {
        editManifest(m -> m.put("createdAt", "yesterday"));
        refused(folder, "model.json", "createdAt", "ISO-8601");
    }

    @Test
    void corruptHistory() throws IOException {
        Path history = folder.resolve("history.json");
        String text = Files.readString(history);
        Files.writeString(history, text.substring(0, text.length() - 20));
        refused(folder, "history.json", "truncated JSON");
    }

    @Test
    void historyTermsWithoutLoss() throws IOException {
        Path history = folder.resolve("history.json");
        Files.writeString(history, Files.readString(history).replace("\"LOSS\"", "\"LOST\""));
        refused(folder, "history.json", "without a LOSS value");
    }

    @Test
    void unknownPropertiesAndTermsAreIgnored() throws IOException {
        editManifest(m -> m.put("addedInALaterVersion", true));
        Path history = folder.resolve("history.json");
        Files.writeString(history, Files.readString(history).replace("\"LOSS\"", "\"NEW_TERM\" : 1.0, \"LOSS\""));
        assertEquals(1, store.load(folder).epochsDone());
    }

    private ModelFormatException refused(Path modelFolder, String fileName, String... phrases) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> store.load(modelFolder));
        String message = e.getMessage();
        assertEquals(fileName, e.file().getFileName().toString(), message);
        assertTrue(message.contains(fileName + ": "), message);
        for (String phrase : phrases) {
            assertTrue(message.contains(phrase), "\"" + phrase + "\" in: " + message);
        }
        assertTrue(message.length() < 300, "brief: " + message);
        return e;
    }

    private void editManifest(Consumer<ObjectNode> edit) throws IOException {
        Path json = folder.resolve("model.json");
        ObjectNode root = (ObjectNode) ModelJson.MAPPER.readTree(json.toFile());
        edit.accept(root);
        ModelJson.MAPPER.writeValue(json.toFile(), root);
    }
}
