#!/usr/bin/env bash
# Speed of Bottleneck's engine against the same-machine PyTorch reference, in one run, one after the other.
# Needs the jar (mvn package) and, for the reference, Debian's python3-torch, python3-numpy and libopenblas0-pthread
# (without OpenBLAS, Debian's torch falls back to the reference BLAS and trains at about 500 samples/s).
# Usage: bench/compare-with-torch.sh [OUTDIR]   (default target/bench)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/bench}
mkdir -p "$out"
ref=bench/torch_reference.py
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"
for t in 1 2; do
  echo "== PyTorch, $t thread(s)"
  /usr/bin/python3 "$ref" --models vae16 --epochs 1 --eval-epochs 1 --threads "$t" --iwae-models "" \
      --out "$out/torch-$t.json" > "$out/torch-$t.log" 2>&1 || { echo "reference failed, see $out/torch-$t.log"; }
  tail -n 20 "$out/torch-$t.log"
  echo "== Bottleneck, $t BLAS thread(s)"
  java -jar target/bottleneck.jar bench --model vae --hidden 512,256 --latent 16 --batch-size 128 --val-fraction 0 \
      --threads "$t" --json > "$out/bottleneck-vae-$t.json"
  cat "$out/bottleneck-vae-$t.json"
  java -jar target/bottleneck.jar bench --model pca --latent 50 --val-fraction 0 --threads "$t" --repeats 3 --json \
      > "$out/bottleneck-pca-$t.json"
  cat "$out/bottleneck-pca-$t.json"
done
