#!/usr/bin/env python3
"""Summarise a compare-with-torch.sh or compare-conv-with-torch.sh output folder.

Reads the JSON files each round wrote (r<N>-torch-<CONFIG>.json, see TORCH_CORES, and r<N>-bottleneck-<T>.json,
T = BLAS threads) and prints, per configuration and metric, the median and the spread (min..max) over rounds, and
Bottleneck's advantage within each round (speed ratio, or time ratio PyTorch/Bottleneck), so that only figures from
the same round are compared. Also the bars of issue 11:
  * training at 1 thread >= 1.0x PyTorch at 1 thread;
  * training at 2 threads >= 1.25x PyTorch's best configuration (its fastest run in that round, whatever the threads);
  * encoding the 10,000 test images no slower than PyTorch's full-batch encode (its best configuration on as many
    cores).

With --conv, the bars of the convolutional VAE instead: training samples/s >= 1.0x PyTorch at 1 and at 2 threads
(aim 1.25x).

Usage: /usr/bin/python3 bench/compare_summary.py OUTDIR [--conv]
"""
import glob
import json
import os
import re
import statistics
import sys


# PyTorch configurations (file suffix) and the cores each uses: "1" one torch thread with OPENBLAS_NUM_THREADS=1;
# "2" one torch thread with OpenBLAS's pool of 2; "2omp" two torch threads and OpenBLAS's pool of 2.
TORCH_CORES = {"1": 1, "2": 2, "2omp": 2}


def load(outdir):
    """{round: {(side, config): json}}; config is the thread count for Bottleneck, a TORCH_CORES key for PyTorch."""
    rounds = {}
    for path in sorted(glob.glob(os.path.join(outdir, "r*-*.json"))):
        m = re.match(r"r(\d+)-(torch|bottleneck)-(\d+|2omp)\.json$", os.path.basename(path))
        if not m:
            continue
        with open(path) as f:
            try:
                data = json.load(f)
            except json.JSONDecodeError:
                continue
        rounds.setdefault(int(m.group(1)), {})[(m.group(2), m.group(3))] = data
    return rounds


def torch_metrics(d):
    """samples/s, encode ms and decode-one us from either reference's JSON."""
    if "models" in d:  # torch_reference.py (MLP)
        rec = next(iter(d["models"].values()))
        inf = rec.get("inference", {})
        return {"train_samples_per_s": rec["samples_per_s_epoch1"],
                "encode10k_ms": inf.get("encode10k_fullbatch_median_s", float("nan")) * 1e3,
                "decode1_us": inf.get("decode1_median_us", float("nan"))}
    sp = d["speed"]  # torch_conv_reference.py
    return {"train_samples_per_s": sp["train_samples_per_s"],
            "encode10k_ms": sp.get("encode10k_fullbatch_median_s", float("nan")) * 1e3,
            "decode1_us": sp.get("decode1_median_us", float("nan"))}


def bottleneck_metrics(d):
    return {"train_samples_per_s": d["trainSamplesPerSecond"],
            "encode10k_ms": d.get("encodeTestMillis", float("nan")),
            "decode1_us": d.get("decodeOneMicros", float("nan"))}


HIGHER_IS_BETTER = {"train_samples_per_s": True, "encode10k_ms": False, "decode1_us": False}


def spread(vals):
    vals = [v for v in vals if v == v]
    if not vals:
        return "n/a"
    med = statistics.median(vals)
    fmt = (lambda v: f"{v:,.0f}") if med >= 100 else (lambda v: f"{v:.2f}")
    return f"{fmt(med)} ({fmt(min(vals))}..{fmt(max(vals))})" if len(vals) > 1 else fmt(med)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    conv = "--conv" in sys.argv[1:]
    outdir = args[0] if args else "target/bench"
    rounds = load(outdir)
    if not rounds:
        sys.exit(f"no r<N>-*.json in {outdir}")
    per = {}  # (side, config, metric) -> [values by round]
    ratios = {}  # (threads, metric) -> [Bottleneck's advantage over PyTorch's best config on as many cores, by round]
    best_any = []  # Bottleneck 2 threads / PyTorch's best configuration whatever its threads, by round
    for r, runs in sorted(rounds.items()):
        m = {}
        for (side, c), d in runs.items():
            m[(side, c)] = torch_metrics(d) if side == "torch" else bottleneck_metrics(d)
            for k, v in m[(side, c)].items():
                per.setdefault((side, c, k), []).append(v)
        for t in (1, 2):
            cfgs = [c for c in TORCH_CORES if TORCH_CORES[c] == t and ("torch", c) in m]
            if ("bottleneck", str(t)) not in m or not cfgs:
                continue
            for k, up in HIGHER_IS_BETTER.items():
                vals = [m[("torch", c)][k] for c in cfgs if m[("torch", c)][k] == m[("torch", c)][k]]
                if not vals:
                    continue
                best = max(vals) if up else min(vals)
                a = m[("bottleneck", str(t))][k]
                ratios.setdefault((t, k), []).append(a / best if up else best / a)
        tcfgs = [c for c in TORCH_CORES if ("torch", c) in m]
        if tcfgs and ("bottleneck", "2") in m:
            best = max(m[("torch", c)]["train_samples_per_s"] for c in tcfgs)
            best_any.append(m[("bottleneck", "2")]["train_samples_per_s"] / best)
    print(f"rounds: {len(rounds)} ({outdir}); median (min..max) over rounds")
    print()
    names = {"train_samples_per_s": "training, samples/s", "encode10k_ms": "encode 10,000 test images, ms",
             "decode1_us": "decode one latent vector, us"}
    cfg_names = {"1": "PyTorch, 1 core (torch 1, OpenBLAS 1)", "2": "PyTorch, 2 cores (torch 1, OpenBLAS 2)",
                 "2omp": "PyTorch, 2 cores (torch 2, OpenBLAS 2)"}
    cols = [("torch", c, cfg_names[c]) for c in TORCH_CORES if any(k[0] == "torch" and k[1] == c for k in per)]
    cols += [("bottleneck", t, f"Bottleneck, {t} BLAS thread{'s' if t != '1' else ''}") for t in ("1", "2")
             if any(k[0] == "bottleneck" and k[1] == t for k in per)]
    print("| | " + " | ".join(c[2] for c in cols) + " |")
    print("| --- " * (len(cols) + 1) + "|")
    for k in HIGHER_IS_BETTER:
        print(f"| {names[k]} | " + " | ".join(spread(per.get((c[0], c[1], k), [])) for c in cols) + " |")
    print()
    print("Ratios within each round, Bottleneck's advantage (>1: Bottleneck better) over PyTorch's best "
          "configuration on as many cores:")
    print("| | 1 thread | 2 threads |")
    print("| --- | --- | --- |")
    for k in HIGHER_IS_BETTER:
        print(f"| {names[k]} | {spread(ratios.get((1, k), []))}x | {spread(ratios.get((2, k), []))}x |")
    print()
    verdict = lambda vals, bar: ("n/a" if not vals else
                                 ("met" if min(vals) >= bar else "not met" if max(vals) < bar else "mixed")
                                 + f" ({spread(vals)}x, bar {bar}x)")
    if conv:
        for t in (1, 2):
            print(f"bar: conv training at {t} thread(s) >= 1.0x PyTorch on as many cores (aim 1.25x):",
                  verdict(ratios.get((t, "train_samples_per_s"), []), 1.0))
        return
    print("bar: training at 1 thread >= 1.0x PyTorch at 1 thread:",
          verdict(ratios.get((1, "train_samples_per_s"), []), 1.0))
    print("bar: training at 2 threads >= 1.25x PyTorch's best configuration:", verdict(best_any, 1.25))
    for t in (1, 2):
        print(f"bar: encode of the test set at {t} thread(s) no slower than PyTorch's full batch:",
              verdict(ratios.get((t, "encode10k_ms"), []), 1.0))


if __name__ == "__main__":
    main()
