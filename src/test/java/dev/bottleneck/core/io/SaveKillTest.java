package dev.bottleneck.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.bottleneck.core.model.AutoencoderConfig;
import dev.bottleneck.core.model.ModelConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at random points of a save, and aimed inside the folder swap: after every kill the next load (or save)
 * finds the old or the new model, complete, and nothing else beside it.
 *
 * <p>Each trial starts a child JVM ({@link SaveLoop}) that saves two models alternately into one folder and kills it
 * with {@link Process#destroyForcibly} (SIGKILL on Linux and macOS, TerminateProcess on Windows). Half the trials
 * are aimed: the child sleeps {@value #PAUSE_MILLIS} ms inside each swap (the test-only property
 * {@link FolderSwap#PAUSE_PROPERTY}); some are killed the moment the folder is seen missing (between the two
 * renames), some at a random point in the two windows. The rest are killed at a random time, which lands mostly
 * while the parameters are written. {@value #DEFAULT_TRIALS} trials by default; {@code -Dbottleneck.killTrials=100}
 * for the bar of issue 10.
 */
class SaveKillTest {

    static final int DEFAULT_TRIALS = 12;
    static final long PAUSE_MILLIS = 150;

    @TempDir
    Path dir;

    @Test
    void afterAKillAtAnyPointTheNextLoadOrSaveFindsTheOldOrTheNewModelAndNoLeftovers() throws Exception {
        int trials = Integer.getInteger("bottleneck.killTrials", DEFAULT_TRIALS);
        Path work = Files.createDirectory(dir.resolve("work"));
        Path log = dir.resolve("child.log");
        Path folder = work.resolve("model");
        ModelConfig config = AutoencoderConfig.plain(784, List.of(256), 16);
        Map<String, float[]> reference = Map.of(
                "A", SaveLoop.model(config, 1, "A").model().parameters().get(0).value().data,
                "B", SaveLoop.model(config, 2, "B").model().parameters().get(0).value().data);
        ModelStore store = new ModelStore("test");
        SplittableRandom rng = new SplittableRandom(Long.getLong("bottleneck.killSeed", System.nanoTime()));
        int missing = 0;
        int withLeftovers = 0;
        int aimedAtGap = 0;
        List<String> outcomes = new ArrayList<>();
        for (int trial = 0; trial < trials; trial++) {
            boolean aimed = trial % 2 == 1;
            boolean atGap = aimed && trial % 4 == 1;
            Process child = start(folder, aimed ? PAUSE_MILLIS : 0, log);
            try {
                awaitReady(child, log);
                if (aimed) {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                    while (Files.exists(folder)) {
                        if (System.nanoTime() > deadline || !child.isAlive()) {
                            fail("trial " + trial + ": the swap never began: " + Files.readString(log));
                        }
                        Thread.onSpinWait();
                    }
                    if (!atGap) {
                        Thread.sleep(rng.nextLong(2 * PAUSE_MILLIS + 20));
                    }
                } else {
                    Thread.sleep(rng.nextLong(400));
                }
            } finally {
                child.destroyForcibly();
                child.waitFor();
            }
            List<String> before = listing(work);
            boolean wasMissing = !Files.exists(folder);
            missing += wasMissing ? 1 : 0;
            aimedAtGap += atGap ? 1 : 0;
            withLeftovers += before.size() > (wasMissing ? 0 : 1) ? 1 : 0;
            if (atGap) {
                assertTrue(wasMissing, "trial " + trial + " was killed between the renames: " + before);
            }

            boolean bySave = trial % 3 == 2;
            String expected;
            if (bySave) {
                store.save(folder, SaveLoop.model(config, 3, "C"));
                expected = "C";
            } else {
                expected = null;
            }
            SavedModel loaded;
            try {
                loaded = store.load(folder);
            } catch (IOException e) {
                throw new AssertionError("trial " + trial + ": no loadable model after a kill; left " + before, e);
            }
            String command = loaded.command();
            assertTrue(expected == null ? reference.containsKey(command) : expected.equals(command),
                    "trial " + trial + ": " + command);
            if (expected == null) {
                assertArrayEquals(reference.get(command), loaded.model().parameters().get(0).value().data,
                        "trial " + trial + ": the parameters of model " + command);
            }
            assertEquals(List.of("model"), listing(work), "trial " + trial + ": leftovers after the next "
                    + (bySave ? "save" : "load") + "; before it: " + before);
            outcomes.add(String.join(",", before) + (bySave ? " -> save" : " -> load") + " -> " + command);
        }
        System.out.printf("SaveKillTest: %d kills (%d aimed inside the swap, %d of them at the gap between the "
                + "renames); no model at the path after %d, leftovers after %d; every one recovered%n", trials,
                trials / 2, aimedAtGap, missing, withLeftovers);
        if (Boolean.getBoolean("bottleneck.killVerbose")) {
            outcomes.forEach(o -> System.out.println("  " + o));
        }
    }

    private static Process start(Path folder, long pauseMillis, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-D" + FolderSwap.PAUSE_PROPERTY + "=" + pauseMillis,
                "-cp", System.getProperty("java.class.path"), SaveLoop.class.getName(), folder.toString()));
        return new ProcessBuilder(cmd).redirectError(log.toFile()).start();
    }

    private static void awaitReady(Process child, Path log) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!"ready".equals(line)) {
            fail("the saving child did not start: " + line + "\n" + Files.readString(log));
        }
    }

    private static List<String> listing(Path dir) {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
