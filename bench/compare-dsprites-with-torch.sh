#!/usr/bin/env bash
# Bottleneck's MLP beta-TCVAE or beta-VAE on dSprites against the same-net PyTorch reference
# (bench/torch_dsprites_reference.py): the same examples, objective and recipe, several seeds on each side, MIG and
# test -ELBO side by side (issue 12). Needs the jar with target/lib beside it (mvn -B -o -q package -DskipTests) and
# Debian's python3-torch and python3-numpy.
#
# THE SHIPPED RECIPE, the beta-VAE with the capacity objective of Burgess et al. 2018 (loss = reconstruction
# + gamma |KL - C|, C rising linearly from 0 to C_max over E_C epochs, counted in fractional epochs done before each
# step, on both sides), `train --dataset dsprites32 --model beta-vae --hidden 256,256 --latent 10 --capacity-max C
# --capacity-gamma G --capacity-epochs E_C --batch-size 128 --epochs E --seed S`, is compared by
#   MODEL=beta-vae CAPACITY_MAX=C CAPACITY_GAMMA=G CAPACITY_EPOCHS=E_C EPOCHS=E \
#       bench/compare-dsprites-with-torch.sh target/bench-capacity
# (the reference runs `torch_dsprites_reference.py --model beta-vae --capacity-max C --capacity-gamma G
# --capacity-epochs E_C ...`). Left out, C, G and E_C are those of the app's "Disentangle dSprites" preset (C to 25
# nats over 20 epochs, gamma 500; the preset trains 5 epochs on the whole grid):
#   MODEL=beta-vae EPOCHS=5 bench/compare-dsprites-with-torch.sh target/bench-capacity
# A quick look (minutes on one core; the KL on both sides should follow C, the table's "mean C" column):
#   COUNT=20000 EPOCHS=2 MODEL=beta-vae CAPACITY_MAX=15 CAPACITY_GAMMA=200 CAPACITY_EPOCHS=1 \
#       bench/compare-dsprites-with-torch.sh target/bench-cap-quick
# The beta-TCVAE (the default MODEL) as before:
#   COUNT=20000 EPOCHS=2 bench/compare-dsprites-with-torch.sh target/bench-dsprites-quick
# The reference's objective is checked apart from any run: `/usr/bin/python3 bench/torch_dsprites_reference.py
# --self-test` and Bottleneck's TorchCapacityTest (the capacity loss and gradient of one batch, both sides).
#
# Per seed S (SEEDS, default "1 2 3"):
#   1. export-data writes the split that `train --seed S` makes (Bottleneck's seed also draws the split, and with
#      COUNT > 0 which sprites of the grid: so one file per seed, each pair of runs on exactly the same examples);
#   2. Bottleneck trains (train --model MODEL ... --seed S --out DIR) and evaluates (eval --iwae 0 --json);
#   3. PyTorch trains the same net on the file's train part, seed S, and reports on its test part;
#   4. a cross-check: Bottleneck's model, exported, measured by the reference's own evaluation: its MIG must be
#      eval's to rounding (the two MIG estimators on the same codes), its -ELBO within the noise of one sample.
# Then tables: each epoch's training loss, reconstruction and KL on both sides (and the mean C of the epoch's steps
# under the capacity objective); MIG, each factor's gap, test -ELBO, KL, TC and active units per seed and side, each
# side's min and max, and whether Bottleneck lies within PyTorch's spread. For a beta-VAE, whose eval estimates no TC,
# both sides' TC is the reference's estimator (N = the training rows, M = BATCH) on their models.
#
# The recipe, from the environment (defaults in brackets):
#   DATASET [dsprites32]  COUNT [0: the whole grid of 737,280; e.g. 20000 for a quick check]  VAL_FRACTION [0.1]
#   MODEL [beta-tcvae; or beta-vae]  HIDDEN [256,256]  LATENT [10]  EPOCHS [10]  BATCH [128]  LR [1e-3]
#   beta-tcvae:  ALPHA [1]  BETA [6]  GAMMA [1]
#   beta-vae:    CAPACITY_MAX [25; 0: no capacity objective, loss = rec + BETA KL]  CAPACITY_GAMMA [500]
#                CAPACITY_EPOCHS [20] (the app's dSprites preset)  BETA [4, only when CAPACITY_MAX=0]
#   SEEDS ["1 2 3"]  THREADS [1: BLAS threads on both sides]  PARALLEL [0; 1 runs a seed's two sides side by side,
#   one core each]  NICE [0: the niceness of every run]
#
# Usage: bench/compare-dsprites-with-torch.sh [OUTDIR]     (default target/bench-dsprites)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/bench-dsprites}
dataset=${DATASET:-dsprites32}
count=${COUNT:-0}
val=${VAL_FRACTION:-0.1}
model=${MODEL:-beta-tcvae}
hidden=${HIDDEN:-256,256}
latent=${LATENT:-10}
alpha=${ALPHA:-1}
gamma=${GAMMA:-1}
cap_max=${CAPACITY_MAX:-25}
cap_gamma=${CAPACITY_GAMMA:-500}
cap_epochs=${CAPACITY_EPOCHS:-20}
epochs=${EPOCHS:-10}
batch=${BATCH:-128}
lr=${LR:-1e-3}
seeds=${SEEDS:-1 2 3}
threads=${THREADS:-1}
parallel=${PARALLEL:-0}
nice_level=${NICE:-0}
jar=target/bottleneck.jar
ref=bench/torch_dsprites_reference.py
case $model in
  beta-tcvae)
    beta=${BETA:-6}
    objective=(--alpha "$alpha" --beta "$beta" --gamma "$gamma")
    described="alpha $alpha, beta $beta, gamma $gamma" ;;
  beta-vae)
    beta=${BETA:-4}
    if ! awk "BEGIN { exit !($cap_max > 0) }"; then
      objective=(--beta "$beta")
      described="beta $beta"
    else
      objective=(--capacity-max "$cap_max" --capacity-gamma "$cap_gamma" --capacity-epochs "$cap_epochs")
      described="capacity C_max $cap_max, gamma $cap_gamma, over $cap_epochs epochs"
    fi ;;
  *) echo "MODEL=$model: beta-tcvae or beta-vae" >&2; exit 2 ;;
esac
[[ -f $jar && -d target/lib ]] || { echo "no $jar with target/lib beside it: run mvn -B -o -q package -DskipTests" >&2; exit 2; }
mkdir -p "$out"
run() { nice -n "$nice_level" "$@"; }

bash bench/machine-line.sh | tee "$out/machine.txt"
recipe="$model, dataset $dataset, count $count, val-fraction $val, hidden $hidden, latent $latent, $described, epochs $epochs, batch $batch, lr $lr, threads $threads"
echo "recipe: $recipe; seeds $seeds" | tee "$out/recipe.txt"

for s in $seeds; do
  data="$out/data-s$s.npz"
  echo "== seed $s: export-data"
  run java -jar "$jar" export-data --dataset "$dataset" --count "$count" --val-fraction "$val" --seed "$s" \
      --part all --out "$data" | tee "$out/data-s$s.log"

  bdir="$out/bottleneck-s$s"
  rm -rf "$bdir"
  bottleneck() {
    run java -jar "$jar" train --dataset "$dataset" --count "$count" --val-fraction "$val" --seed "$s" \
        --model "$model" --hidden "$hidden" --latent "$latent" "${objective[@]}" \
        --epochs "$epochs" --batch-size "$batch" --lr "$lr" --threads "$threads" --out "$bdir" \
        > "$out/bottleneck-s$s.log" 2>&1
  }
  torch_ref() {
    OPENBLAS_NUM_THREADS=$threads run /usr/bin/python3 "$ref" --data "$data" --model "$model" --hidden "$hidden" \
        --latent "$latent" "${objective[@]}" --epochs "$epochs" --batch-size "$batch" --lr "$lr" \
        --seed "$s" --threads "$threads" --out "$out/torch-s$s.json" > /dev/null 2> "$out/torch-s$s.log"
  }
  echo "== seed $s: Bottleneck and PyTorch train ($([[ $parallel == 1 ]] && echo "side by side" || echo "one after the other"))"
  if [[ $parallel == 1 ]]; then
    bottleneck & bpid=$!
    torch_ref & tpid=$!
    wait "$bpid" || { echo "Bottleneck train failed, see $out/bottleneck-s$s.log" >&2; exit 1; }
    wait "$tpid" || { echo "PyTorch reference failed, see $out/torch-s$s.log" >&2; exit 1; }
  else
    bottleneck || { echo "Bottleneck train failed, see $out/bottleneck-s$s.log" >&2; exit 1; }
    torch_ref || { echo "PyTorch reference failed, see $out/torch-s$s.log" >&2; exit 1; }
  fi
  tail -n 3 "$out/bottleneck-s$s.log"
  tail -n 2 "$out/torch-s$s.log" | cut -c1-240

  echo "== seed $s: eval, and the cross-check of the measurement"
  run java -jar "$jar" eval --model "$bdir" --iwae 0 --threads "$threads" --json > "$out/bottleneck-s$s-eval.json"
  run java -jar "$jar" export --model "$bdir" --out "$out/bottleneck-s$s-torch.json" > /dev/null
  OPENBLAS_NUM_THREADS=$threads run /usr/bin/python3 "$ref" --data "$data" --evaluate-model "$out/bottleneck-s$s-torch.json" \
      --batch-size "$batch" --seed "$s" --threads "$threads" --quiet --out "$out/bottleneck-s$s-by-torch.json" > /dev/null
done

/usr/bin/python3 - "$out" "$recipe" $seeds <<'EOF' | tee "$out/summary.md"
import json, sys
out, recipe, seeds = sys.argv[1], sys.argv[2], sys.argv[3:]
fmt = lambda v, p=3: "-" if v is None else f"{v:.{p}f}"
print(f"# {recipe}\n")
print("Training, each epoch's means over its steps (the same schedule on both sides: the mean C is PyTorch's record"
      " of it, which Bottleneck's steps saw too):\n")
capacity = False
for s in seeds:
    bh = json.load(open(f"{out}/bottleneck-s{s}/history.json"))["epochs"]
    th = json.load(open(f"{out}/torch-s{s}.json"))["history"]
    capacity = capacity or "train_c" in th[0]
    if s == seeds[0]:
        print("| seed | epoch |" + (" mean C |" if capacity else "") + " Bottleneck loss | reconstruction | KL |"
              " PyTorch loss | reconstruction | KL |")
        print("|---" * (8 + capacity) + "|")
    for b, t in zip(bh, th):
        tr = b["train"]
        print(f"| {s} | {b['epoch']} |" + (f" {t['train_c']:.3f} |" if capacity else "")
              + f" {tr['LOSS']:.3f} | {tr['RECONSTRUCTION']:.3f} | {tr['KL']:.3f} |"
              f" {t['train_loss']:.3f} | {t['train_reconstruction']:.3f} | {t['train_kl']:.3f} |")
print()
rows, cross = [], []
for s in seeds:
    ev = json.load(open(f"{out}/bottleneck-s{s}-eval.json"))
    model = json.load(open(f"{out}/bottleneck-s{s}/model.json"))
    t = json.load(open(f"{out}/torch-s{s}.json"))
    by_torch = json.load(open(f"{out}/bottleneck-s{s}-by-torch.json"))
    same = model["dataset"]["splitFingerprint"] == t["split_fingerprint"]
    m = model["metrics"]
    # a VAE's eval estimates no TC: both sides' is then the reference's estimator, Bottleneck's on its exported model
    tc_b = m.get("test.totalCorrelation") if t.get("family") == "tcvae" else by_torch.get("test_tc")
    rows.append({"side": "Bottleneck", "seed": s, "mig": ev["mig"], "gaps": ev["migPerFactor"],
                 "neg_elbo": ev["negElbo"], "kl": ev["kl"], "tc": tc_b,
                 "active": ev["activeUnits"], "examples": ev["examples"], "same": same})
    rows.append({"side": "PyTorch", "seed": s, "mig": t["mig"], "gaps": t["mig_per_factor"],
                 "neg_elbo": t["test_neg_elbo"], "kl": t["test_kl"], "tc": t["test_tc"],
                 "active": t["active_units"], "examples": t["test_examples"], "same": same})
    cross.append((s, ev["mig"], by_torch["mig"], ev["negElbo"], by_torch["test_neg_elbo"]))
factors = list(rows[0]["gaps"])
print("| side | seed | MIG | " + " | ".join(f"gap {f}" for f in factors)
      + " | test -ELBO (nats) | KL | TC | active units | test examples | same split |")
print("|---" * (9 + len(factors)) + "|")
for r in rows:
    print(f"| {r['side']} | {r['seed']} | {fmt(r['mig'])} | " + " | ".join(fmt(r['gaps'][f]) for f in factors)
          + f" | {fmt(r['neg_elbo'], 2)} | {fmt(r['kl'], 2)} | {fmt(r['tc'], 2)} | {r['active']} | {r['examples']}"
          f" | {'yes' if r['same'] else 'NO'} |")
print()
if t.get("family") != "tcvae":
    print("TC: the reference's estimator (minibatch stratified sampling, N = the training rows, M = the batch size) on"
          " each side's model; Bottleneck's eval estimates none for a VAE.\n")
def spread(side, key, f=None):
    v = [(r["gaps"][f] if f else r[key]) for r in rows if r["side"] == side]
    v = [x for x in v if x is not None]
    return (min(v), max(v), sum(v) / len(v)) if v else (None, None, None)
print("| figure | Bottleneck min .. max (mean) | PyTorch min .. max (mean) | Bottleneck's mean within PyTorch's spread | Bottleneck's seeds within it |")
print("|---|---|---|---|---|")
verdicts = {}
for label, key, f, p in [("MIG", "mig", None, 3), ("test -ELBO", "neg_elbo", None, 2)] + \
        [(f"gap {f}", None, f, 3) for f in factors]:
    b, t = spread("Bottleneck", key, f), spread("PyTorch", key, f)
    if None in b or None in t:
        print(f"| {label} | - | - | - | - |")
        continue
    inside = t[0] <= b[2] <= t[1]
    seeds_in = sum(1 for r in rows if r["side"] == "Bottleneck"
                   and t[0] <= (r["gaps"][f] if f else r[key]) <= t[1])
    verdicts[label] = inside
    print(f"| {label} | {fmt(b[0], p)} .. {fmt(b[1], p)} ({fmt(b[2], p)}) | {fmt(t[0], p)} .. {fmt(t[1], p)} "
          f"({fmt(t[2], p)}) | {'yes' if inside else 'no'} | {seeds_in} of {len(seeds)} |")
print()
print("bar (issue 12): Bottleneck's MIG and test -ELBO within the spread of the PyTorch seeds:",
      "met" if verdicts.get("MIG") and verdicts.get("test -ELBO") else "not met",
      f"(MIG {'in' if verdicts.get('MIG') else 'out'}, -ELBO {'in' if verdicts.get('test -ELBO') else 'out'})")
print("\ncross-check, Bottleneck's models measured by the reference's evaluation. The codes are the same up to float32"
      " rounding (PyTorch's and ND4J's products sum in other orders), so the MIGs agree unless a code sits on a bin"
      " edge (one example of n moving bins moves an MI by about 1/n nats): 'agree' is within 1e-3. -ELBO differs by"
      " the noise of one posterior sample per example:")
for s, mig_b, mig_t, e_b, e_t in cross:
    ok = mig_b is not None and mig_t is not None and abs(mig_b - mig_t) <= 1e-3
    diff = "-" if not ok and (mig_b is None or mig_t is None) else f"{abs(mig_b - mig_t):.1e}"
    print(f"  seed {s}: MIG eval {fmt(mig_b, 6)}, reference {fmt(mig_t, 6)} (difference {diff}: "
          f"{'agree' if ok else 'DIFFER'}); -ELBO eval {e_b:.2f}, reference {e_t:.2f}")
EOF
