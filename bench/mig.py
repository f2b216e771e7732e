#!/usr/bin/env python3
"""Bottleneck's Mutual Information Gap, in NumPy: the estimator of
src/main/java/dev/bottleneck/core/eval/MutualInformationGap.java, step for step, so that a reference
implementation's MIG is measured exactly as Bottleneck's `eval` measures it.

    MIG = (1/F) sum_f ( I(z_(1); v_f) - I(z_(2); v_f) ) / H(v_f)       (Chen et al. 2018; nats)

  * codes: the posterior means, n x k, float32;
  * each code dimension is cut into BINS = 20 equal-width bins between its smallest and largest finite value over the
    examples (bin = min(19, int((z - lo) * (20 / (hi - lo)))) in float64; a constant dimension is one bin; a
    non-finite value falls into bin 0);
  * a factor marked discrete keeps its exact classes, one per distinct value (compared as Java's Float.compare
    does: -0.0 and 0.0 apart, every NaN one class); any other factor is its distinct values when it has at most 20,
    else 20 equal-width bins;
  * I and H are plug-in estimates from the joint histogram, in nats; I is clipped at 0;
  * z_(1) and z_(2) are the dimensions with the largest and second-largest I, scanned in order with strict '>'
    (ties go to the lower index, the second keeps 0 if no other dimension is above 0);
  * a factor of entropy 0 has no gap (NaN, null in JSON) and does not count in the mean.

Numbers agree with Bottleneck's to rounding (NumPy sums pairwise where Java sums in order: 1e-15 relative).

Check mode, for Bottleneck's test that the two agree (MigPythonAgreementTest):
    /usr/bin/python3 bench/mig.py FILE.npz      # FILE has codes (n x k), factors (n x F), factor_discrete (F,)
prints {"mig": ..., "gap": [...], "mi": [[...]], "entropy": [...], "top": [...], "second": [...]} as one JSON line.
Needs only NumPy.
"""
import json
import math
import sys

import numpy as np

BINS = 20


def equal_width_bins(v):
    """Bin 0..BINS-1 of each value, equal widths between the finite minimum and maximum; one bin if constant."""
    v = np.asarray(v, dtype=np.float32)
    bins = np.zeros(v.shape, dtype=np.int64)
    finite = np.isfinite(v)
    if not finite.any():
        return bins
    lo = float(v[finite].min())
    hi = float(v[finite].max())
    if not hi > lo:
        return bins
    scale = BINS / (hi - lo)
    # (v - lo) >= 0, so int() (truncation) is floor, as Java's (int) cast of a non-negative double
    bins[finite] = np.minimum(BINS - 1, ((v[finite].astype(np.float64) - lo) * scale).astype(np.int64))
    return bins


def _sortable(v):
    """An int64 key per float32 value that orders and distinguishes values as Java's Float.compare: -0.0 < 0.0,
    every NaN equal (and last)."""
    v = np.asarray(v, dtype=np.float32).copy()
    v[np.isnan(v)] = np.float32("nan")  # one NaN bit pattern, as Float.floatToIntBits makes it
    bits = v.view(np.int32).astype(np.int64)
    return np.where(bits < 0, -(bits & 0x7FFFFFFF) - 1, bits)


def classes(v):
    """Index of each value among the sorted distinct values: the exact classes of a discrete factor."""
    _, inverse = np.unique(_sortable(v), return_inverse=True)
    return inverse.astype(np.int64)


def factor_bins(v):
    """The distinct values as classes if there are at most BINS of them, else BINS equal-width bins."""
    if np.unique(_sortable(v)).size > BINS:
        return equal_width_bins(v)
    return classes(v)


def entropy(a):
    """Plug-in entropy of a discrete sample, nats."""
    counts = np.bincount(a)
    p = counts[counts > 0] / a.size
    return float(-(p * np.log(p)).sum())


def mutual_information(a, b):
    """Plug-in mutual information of two discrete samples of equal length, nats (>= 0)."""
    na, nb = int(a.max()) + 1, int(b.max()) + 1
    joint = np.bincount(a * nb + b, minlength=na * nb).reshape(na, nb).astype(np.float64)
    ca = joint.sum(1)
    cb = joint.sum(0)
    n = float(a.size)
    x, y = np.nonzero(joint)
    c = joint[x, y]
    return max(0.0, float((c / n * np.log(c * n / (ca[x] * cb[y]))).sum()))


def mig(codes, factors, discrete):
    """MIG of codes (n x k) against factors (n x F), discrete (F,) booleans; returns a dict (see the module doc)."""
    codes = np.asarray(codes, dtype=np.float32)
    factors = np.asarray(factors, dtype=np.float32)
    n, k = codes.shape
    if factors.shape[0] != n:
        raise ValueError(f"{factors.shape[0]} factor rows for {n} codes")
    nf = factors.shape[1]
    z_bins = [equal_width_bins(codes[:, j]) for j in range(k)]
    mi = np.zeros((k, nf))
    ent = np.zeros(nf)
    gap = np.full(nf, np.nan)
    top = [-1] * nf
    second = [-1] * nf
    for f in range(nf):
        v_bins = classes(factors[:, f]) if discrete[f] else factor_bins(factors[:, f])
        ent[f] = entropy(v_bins)
        best = runner = 0.0
        for j in range(k):
            mi[j, f] = mutual_information(z_bins[j], v_bins)
            if mi[j, f] > best:
                runner, second[f] = best, top[f]
                best, top[f] = mi[j, f], j
            elif mi[j, f] > runner:
                runner, second[f] = mi[j, f], j
        if ent[f] > 0:
            gap[f] = (best - runner) / ent[f]
    informative = gap[~np.isnan(gap)]
    return {"mig": float(informative.mean()) if informative.size else math.nan, "gap": gap.tolist(),
            "mi": mi.tolist(), "entropy": ent.tolist(), "top": top, "second": second}


def finite_or_none(x):
    """JSON has no NaN: a missing gap is null, as Bottleneck's eval --json writes it."""
    if isinstance(x, list):
        return [finite_or_none(v) for v in x]
    return x if math.isfinite(x) else None


def main(path):
    a = np.load(path)
    r = mig(a["codes"], a["factors"], a["factor_discrete"].astype(bool))
    print(json.dumps({key: finite_or_none(v) if key in ("mig", "gap") else v for key, v in r.items()}))
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
