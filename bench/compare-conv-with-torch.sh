#!/usr/bin/env bash
# Bottleneck's convolutional VAE against the same-net PyTorch reference (bench/torch_conv_reference.py), same machine,
# same run, one after the other. Needs the jar (mvn package) and Debian's python3-torch, python3-numpy and
# libopenblas0-pthread for the reference.
#
#   speed:   per round, PyTorch then Bottleneck on one core, then on two: training samples/s over STEPS steps after
#            WARMUP (100) untimed ones (batch 128, latent 16), the encode of the 10,000 test images in one call (median
#            of REPEATS (3), after one untimed) and the decode of one latent vector. Several rounds give the spread.
#   quality: EPOCHS (10) epochs, latent 16, all 60,000 training images (Bottleneck: --val-fraction 0), Adam 1e-3,
#            batch 128, seed SEED (1) on both sides; test -ELBO (nats/image, one posterior sample per image) of both on the
#            10,000 official test images.
#
#   diag:    PyTorch's one-core speed by default, with --mallopt and with --no-mkldnn, and Bottleneck's, per round.
#
# Usage: bench/compare-conv-with-torch.sh [speed|quality|all|diag] [OUTDIR [ROUNDS [STEPS]]]
#        (default: all, target/bench-conv, 2 rounds, 469 steps = one MNIST epoch)
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
out=${2:-target/bench-conv}
rounds=${3:-2}
steps=${4:-469}
warmup=${WARMUP:-100}
repeats=${REPEATS:-3}
epochs=${EPOCHS:-10}
seed=${SEED:-1}
mkdir -p "$out"
ref=bench/torch_conv_reference.py
jar=target/bottleneck.jar
bash bench/machine-line.sh | tee "$out/machine.txt"

# PyTorch's configurations, as in compare-with-torch.sh (its OpenBLAS pool ignores torch.set_num_threads; oneDNN,
# which runs torch's convolutions, follows it):
#   1     torch 1 thread, OpenBLAS 1 thread: one core, like Bottleneck --threads 1
#   2     torch 1 thread, OpenBLAS 2 threads: two cores for the dense layers' products, one for the convolutions
#   2omp  torch 2 threads, OpenBLAS 2 threads: two cores for everything
torch_speed() { # round config
  local r=$1 c=$2 tt ob
  case $c in 1) tt=1 ob=1 ;; 2) tt=1 ob=2 ;; 2omp) tt=2 ob=2 ;; esac
  echo "== round $r: PyTorch conv VAE, config $c (torch threads $tt, OpenBLAS threads $ob), $steps steps"
  OPENBLAS_NUM_THREADS=$ob /usr/bin/python3 "$ref" --epochs 0 --speed-steps "$steps" --speed-warmup "$warmup" \
      --repeats "$repeats" --latent 16 --seed 1 --threads "$tt" --out "$out/r$r-torch-$c.json" \
      > "$out/r$r-torch-$c.log" 2>&1 || { echo "reference failed, see $out/r$r-torch-$c.log"; }
  grep -oE '"train_samples_per_s": [0-9.]+|"encode10k_fullbatch_median_s": [0-9.]+|"decode1_median_us": [0-9.]+' \
      "$out/r$r-torch-$c.log" || true
}
bottleneck_speed() { # round threads
  local r=$1 t=$2
  echo "== round $r: Bottleneck conv VAE, $t BLAS thread(s), $steps steps"
  java -jar "$jar" bench --model conv-vae --latent 16 --batch-size 128 --val-fraction 0 --seed 1 \
      --steps "$steps" --warmup "$warmup" --repeats "$repeats" --threads "$t" --json > "$out/r$r-bottleneck-$t.json"
  grep -E 'trainSamples|encodeTest|decodeOne' "$out/r$r-bottleneck-$t.json"
}

if [[ $what == speed || $what == all ]]; then
  for r in $(seq 1 "$rounds"); do
    torch_speed "$r" 1
    bottleneck_speed "$r" 1
    torch_speed "$r" 2
    bottleneck_speed "$r" 2
    torch_speed "$r" 2omp
  done
  /usr/bin/python3 bench/compare_summary.py "$out" --conv | tee "$out/summary-speed.md"
fi

if [[ $what == diag ]]; then
  # Where PyTorch's one-core speed comes from: its default against glibc malloc tuned to keep freed memory
  # (--mallopt) and against convolutions without oneDNN (--no-mkldnn: im2col and OpenBLAS, like Bottleneck), with
  # Bottleneck's one-thread run in the same round. Not part of the bars.
  for r in $(seq 1 "$rounds"); do
    for v in default mallopt no-mkldnn; do
      flag=(); [[ $v == default ]] || flag=(--"$v")
      echo "== diag round $r: PyTorch conv VAE, one core, $v"
      OPENBLAS_NUM_THREADS=1 /usr/bin/python3 "$ref" --epochs 0 --speed-steps "$steps" --speed-warmup "$warmup" \
          --repeats "$repeats" --latent 16 --seed 1 --threads 1 "${flag[@]}" --out "$out/d$r-torch-$v.json" \
          > "$out/d$r-torch-$v.log" 2>&1 || { echo "reference failed, see $out/d$r-torch-$v.log"; }
      grep -oE '"train_samples_per_s": [0-9.]+|"encode10k_fullbatch_median_s": [0-9.]+' "$out/d$r-torch-$v.log" || true
    done
    echo "== diag round $r: Bottleneck conv VAE, 1 BLAS thread"
    java -jar "$jar" bench --model conv-vae --latent 16 --batch-size 128 --val-fraction 0 --seed 1 \
        --steps "$steps" --warmup "$warmup" --repeats "$repeats" --threads 1 --json > "$out/d$r-bottleneck-1.json"
    grep -E 'trainSamples|encodeTest' "$out/d$r-bottleneck-1.json"
  done
fi

if [[ $what == quality || $what == all ]]; then
  # Both at once, one core each (PyTorch: torch and OpenBLAS 1 thread; Bottleneck: --threads 1): the test -ELBO does
  # not depend on the speed, and this halves the wall time. Their per-epoch samples/s are not speed figures.
  echo "== quality: PyTorch and Bottleneck conv VAE side by side, $epochs epochs, latent 16, seed $seed, one core each"
  rm -rf "$out/quality-bottleneck-model"
  OPENBLAS_NUM_THREADS=1 /usr/bin/python3 "$ref" --epochs "$epochs" --latent 16 --seed "$seed" --threads 1 \
      --out "$out/quality-torch.json" > "$out/quality-torch.log" 2>&1 &
  tpid=$!
  java -jar "$jar" train --model conv-vae --latent 16 --epochs "$epochs" --batch-size 128 --lr 1e-3 --val-fraction 0 \
      --seed "$seed" --threads 1 --out "$out/quality-bottleneck-model" > "$out/quality-bottleneck.log" 2>&1 &
  bpid=$!
  wait "$tpid" || echo "reference failed, see $out/quality-torch.log"
  wait "$bpid" || echo "bottleneck train failed, see $out/quality-bottleneck.log"
  cut -c1-300 "$out/quality-torch.log"
  cat "$out/quality-bottleneck.log"
  /usr/bin/python3 - "$out" <<'EOF' | tee "$out/summary-quality.md"
import json, sys
out = sys.argv[1]
t = json.load(open(f"{out}/quality-torch.json"))
b = json.load(open(f"{out}/quality-bottleneck-model/model.json"))
tb = t["final_test_neg_elbo"]
bb = b["metrics"]["test.negElbo"]
print(f"test -ELBO after {len(t['epochs'])} epochs (nats/image, 10,000 test images, one posterior sample): "
      f"PyTorch {tb:.2f}, Bottleneck {bb:.2f}, difference {bb - tb:+.2f}")
print("bar: Bottleneck within 1.5 nats of PyTorch:", "met" if bb - tb <= 1.5 else "not met")
print("PyTorch per epoch (train loss, test -ELBO, samples/s):",
      "; ".join(f"{e['epoch']}: {e['train_loss']:.2f}, {e['test_neg_elbo']:.2f}, {e['samples_per_s']:,.0f}"
                for e in t["epochs"]))
EOF
fi
