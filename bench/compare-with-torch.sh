#!/usr/bin/env bash
# Speed of Bottleneck's engine against the same-machine PyTorch reference, in one run, one after the other.
# Needs the jar (mvn package) and, for the reference, Debian's python3-torch, python3-numpy and libopenblas0-pthread
# (without OpenBLAS, Debian's torch falls back to the reference BLAS and trains at about 500 samples/s).
# Each round runs PyTorch then Bottleneck at 1 thread, then both at 2 threads, so that a shared machine's load hits
# both sides alike; several rounds give the spread. bench/compare_summary.py prints the table and the bars.
# Usage: bench/compare-with-torch.sh [OUTDIR [ROUNDS]]   (default target/bench, 2 rounds)
#        SKIP_2OMP=1 leaves out PyTorch's 2-torch-thread configuration (slowest by far when the machine is busy).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/bench}
rounds=${2:-2}
mkdir -p "$out"
ref=bench/torch_reference.py
bash bench/machine-line.sh | tee "$out/machine.txt"
# PyTorch's configurations. Debian's torch calls OpenBLAS (pthreads), whose own pool does not follow
# torch.set_num_threads: with 1 torch thread the products still use every core unless OPENBLAS_NUM_THREADS says so.
#   1     torch 1 thread, OpenBLAS 1 thread: one core, like Bottleneck --threads 1
#   2     torch 1 thread, OpenBLAS 2 threads: two cores (the best 2-core configuration on these machines so far)
#   2omp  torch 2 threads, OpenBLAS 2 threads: two cores
torch_run() { # round config
  local r=$1 c=$2 tt ob
  case $c in 1) tt=1 ob=1 ;; 2) tt=1 ob=2 ;; 2omp) tt=2 ob=2 ;; esac
  echo "== round $r: PyTorch, config $c (torch threads $tt, OpenBLAS threads $ob)"
  OPENBLAS_NUM_THREADS=$ob /usr/bin/python3 "$ref" --models vae16 --epochs 1 --eval-epochs 1 --threads "$tt" \
      --iwae-models "" --out "$out/r$r-torch-$c.json" > "$out/r$r-torch-$c.log" 2>&1 \
      || { echo "reference failed, see $out/r$r-torch-$c.log"; }
  grep -oE '"samples_per_s": [0-9.]+|"encode10k_fullbatch_median_s": [0-9.]+' "$out/r$r-torch-$c.log" || true
}
bottleneck_run() { # round threads
  local r=$1 t=$2
  echo "== round $r: Bottleneck, $t BLAS thread(s)"
  java -jar target/bottleneck.jar bench --model vae --hidden 512,256 --latent 16 --batch-size 128 --val-fraction 0 \
      --threads "$t" --json > "$out/r$r-bottleneck-$t.json"
  grep -E 'trainSamples|encodeTest|decodeOne' "$out/r$r-bottleneck-$t.json"
  java -jar target/bottleneck.jar bench --model pca --latent 50 --val-fraction 0 --threads "$t" --repeats 3 --json \
      > "$out/r$r-bottleneck-pca-$t.json.txt"
  grep pcaFitSeconds "$out/r$r-bottleneck-pca-$t.json.txt"
}
for r in $(seq 1 "$rounds"); do
  torch_run "$r" 1
  bottleneck_run "$r" 1
  torch_run "$r" 2
  bottleneck_run "$r" 2
  [[ ${SKIP_2OMP:-0} == 1 ]] || torch_run "$r" 2omp
done
/usr/bin/python3 bench/compare_summary.py "$out" | tee "$out/summary.md"
