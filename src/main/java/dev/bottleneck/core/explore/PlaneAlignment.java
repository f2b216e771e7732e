package dev.bottleneck.core.explore;

/**
 * Aligning two drawings of the same points in the plane: the orthogonal Procrustes problem in two dimensions.
 *
 * <p>Principal components have no sign and, for near-equal variances, no fixed direction, so two projections of
 * nearly the same codes can come out mirrored or rotated. Turning the new one onto the old keeps a scatter from
 * spinning between training snapshots (Schoenemann 1966; Gower and Dijksterhuis 2004, ch. 4).
 */
public final class PlaneAlignment {

    private PlaneAlignment() {
    }

    /**
     * The orthogonal 2x2 matrix {@code R} (a rotation or a reflection, row-major {@code {r00, r01, r10, r11}}) that
     * brings the points {@code Q = (qx, qy)} closest to {@code P = (px, py)}: the minimiser of
     * {@code ||Q R - P||_F} over orthogonal {@code R}, which maximises {@code trace(R^T M)} with {@code M = Q^T P}.
     * In two dimensions it has a closed form: the best rotation by {@code atan2(c - b, a + d)}, the best reflection
     * by {@code atan2(b + c, a - d)}, whichever scores higher ({@code M = [[a, b], [c, d]]}).
     *
     * @param qx the points to turn, x ({@code n})
     * @param qy the points to turn, y ({@code n})
     * @param px the target points, x ({@code n})
     * @param py the target points, y ({@code n})
     * @return {@code R}, four numbers; the identity when every point is at the origin
     */
    public static double[] procrustes(float[] qx, float[] qy, float[] px, float[] py) {
        if (qx.length != qy.length || px.length != qx.length || py.length != qx.length) {
            throw new IllegalArgumentException("alignment of " + qx.length + "/" + qy.length + " points onto "
                    + px.length + "/" + py.length);
        }
        double a = 0;
        double b = 0;
        double c = 0;
        double d = 0;
        for (int i = 0; i < qx.length; i++) {
            a += (double) qx[i] * px[i];
            b += (double) qx[i] * py[i];
            c += (double) qy[i] * px[i];
            d += (double) qy[i] * py[i];
        }
        double rotation = Math.hypot(a + d, c - b);   // trace(R^T M) of the best rotation
        double reflection = Math.hypot(a - d, b + c); // and of the best reflection
        if (rotation >= reflection) {
            double t = Math.atan2(c - b, a + d);
            return new double[] {Math.cos(t), -Math.sin(t), Math.sin(t), Math.cos(t)};
        }
        double t = Math.atan2(b + c, a - d);
        return new double[] {Math.cos(t), Math.sin(t), Math.sin(t), -Math.cos(t)};
    }

    /** Replaces each point {@code (x, y)} by the row vector {@code (x, y) R}, in place. */
    public static void turn(float[] xs, float[] ys, double[] r) {
        for (int i = 0; i < xs.length; i++) {
            double x = xs[i];
            double y = ys[i];
            xs[i] = (float) (x * r[0] + y * r[2]);
            ys[i] = (float) (x * r[1] + y * r[3]);
        }
    }
}
