package dev.bottleneck.core.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Writes a non-finite value into a saved model's parameters and re-records the file's SHA-256, as a run that
 * diverged (and a store that did not check) would have saved it: the size and checksum are right, the value is not.
 */
public final class PoisonedModels {

    private PoisonedModels() {
    }

    /**
     * Puts {@code value} at element {@code index} of the tensor {@code tensor} in {@code folder}'s parameters.
     *
     * @return the tensor's name
     */
    public static String poison(Path folder, int tensor, int index, float value) throws IOException {
        Path json = folder.resolve(ModelStore.MODEL_FILE);
        ObjectNode root = (ObjectNode) ModelJson.MAPPER.readTree(json.toFile());
        ObjectNode parameters = (ObjectNode) root.get("parameters");
        var entry = parameters.get("tensors").get(tensor);
        long offset = entry.get("offset").asLong() + index;
        Path bin = folder.resolve(ModelStore.PARAMETERS_FILE);
        try (FileChannel ch = FileChannel.open(bin, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(Float.BYTES).order(ByteOrder.LITTLE_ENDIAN).putFloat(value);
            b.flip();
            ch.write(b, offset * Float.BYTES);
        }
        try {
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(bin)));
            parameters.put("sha256", sha);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        ModelJson.MAPPER.writeValue(json.toFile(), root);
        return entry.get("name").asText();
    }
}
