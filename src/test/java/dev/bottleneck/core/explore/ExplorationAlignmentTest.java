package dev.bottleneck.core.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bottleneck.core.data.Dataset;
import dev.bottleneck.core.data.ShapesDataset;
import dev.bottleneck.core.model.AutoencoderConfig;
import dev.bottleneck.core.model.GradientModel;
import dev.bottleneck.core.model.Parameter;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The principal-component scatter keeps its orientation between explorations: no mirroring, no spinning. */
class ExplorationAlignmentTest {

    @Test
    void aRotatedAndMirroredCopyIsTurnedBackExactly() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 200;
        float[] px = new float[n];
        float[] py = new float[n];
        for (int i = 0; i < n; i++) {
            px[i] = (float) (3 * r.nextGaussian());
            py[i] = (float) r.nextGaussian();
        }
        for (boolean mirror : new boolean[] {false, true}) {
            double t = 2.1;
            float[] qx = new float[n];
            float[] qy = new float[n];
            for (int i = 0; i < n; i++) {
                double y = mirror ? -py[i] : py[i];
                qx[i] = (float) (px[i] * Math.cos(t) - y * Math.sin(t));
                qy[i] = (float) (px[i] * Math.sin(t) + y * Math.cos(t));
            }
            double[] turn = PlaneAlignment.procrustes(qx, qy, px, py);
            PlaneAlignment.turn(qx, qy, turn);
            for (int i = 0; i < n; i++) {
                // float32 inputs of size ~10: a few ulps of 10, not a fitted residual
                assertEquals(px[i], qx[i], 1e-5, "x of point " + i + (mirror ? " (mirrored)" : ""));
                assertEquals(py[i], qy[i], 1e-5, "y of point " + i + (mirror ? " (mirrored)" : ""));
            }
        }
    }

    /**
     * A model whose code is the previous one's negated (what a sign flip of PCA or training can do) is drawn where
     * the previous one was, and paths through its space go through the same turn.
     */
    @Test
    void aNegatedCodeLandsWhereThePreviousOneWas() {
        Dataset data = ShapesDataset.generate(300, 16, 5);
        float[] x = data.toFloatArray();
        GradientModel a = (GradientModel) AutoencoderConfig.plain(256, List.of(32), 4).build(7);
        GradientModel b = a.copy();
        List<Parameter> ps = b.parameters();
        // The encoder's last layer: negating its weights and bias negates the code.
        String last = ps.stream().map(Parameter::name).filter(nm -> nm.startsWith("encoder."))
                .reduce((p, q) -> q).orElseThrow().replaceAll("\\.(weight|bias)$", "");
        for (Parameter p : ps) {
            if (p.name().startsWith(last + ".")) {
                for (int i = 0; i < p.value().data.length; i++) {
                    p.value().data[i] = -p.value().data[i];
                }
                p.value().changed();
            }
        }
        Exploration first = Exploration.of(a, data, x, null);
        Exploration second = Exploration.of(b, data, x, first);
        double scale = 0;
        for (int i = 0; i < first.n(); i++) {
            scale = Math.max(scale, Math.abs(first.pcX()[i]));
        }
        for (int i = 0; i < first.n(); i++) {
            assertEquals(first.pcX()[i], second.pcX()[i], 1e-4 * scale, "x of " + i);
            assertEquals(first.pcY()[i], second.pcY()[i], 1e-4 * scale, "y of " + i);
        }
        float[] z = java.util.Arrays.copyOfRange(first.codes(), 0, 4);
        float[] negated = z.clone();
        for (int j = 0; j < negated.length; j++) {
            negated[j] = -negated[j];
        }
        float[][] p1 = first.project(z, 1, true, 0, 1);
        float[][] p2 = second.project(negated, 1, true, 0, 1);
        assertEquals(p1[0][0], p2[0][0], 1e-4 * scale);
        assertEquals(p1[1][0], p2[1][0], 1e-4 * scale);
        assertTrue(Math.abs(first.pcX()[0]) > 0, "a non-degenerate projection");
    }
}
