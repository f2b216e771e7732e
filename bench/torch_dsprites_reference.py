#!/usr/bin/env python3
"""PyTorch (CPU) reference for Bottleneck's MLP beta-TCVAE on dSprites: the same net, objective and examples.

Data: the .npz that `java -jar target/bottleneck.jar export-data` writes (e.g. --dataset dsprites32 --count N
--seed S --part all): it trains on the rows of part "train" and reports on part "test", exactly the examples a
`train` with the same data flags and seed trains and tests on (the file's meta carries the split's fingerprint,
which this script prints). Pixels are x * x_scale in float32 (x uint8, x_scale = 1f/255f), bit for bit the floats
Bottleneck reads.

The model is Bottleneck's `beta-tcvae` kind (TcVae, TcVaeConfig, KlDecomposition), built by interop/export_torch.py's
MlpTCVAE, whose objective Bottleneck's TorchTcVaeModelsTest checks against TcVae's to 1e-7 on a committed batch:
  encoder  Linear(D, h1) ReLU ... Linear(h_last, 2k) = [mu | logvar]     (here as the heads fc_mu and fc_logvar,
           whose stacked weights are Bottleneck's last encoder layer; both draw U(+-1/sqrt(fan_in)) at init)
  decoder  Linear(k, h_last) ReLU ... Linear(h1, D) = Bernoulli logits
  z = mu + exp(logvar / 2) * eps, one sample per example
  loss = mean BCE-with-logits summed over the D pixels + alpha MI + beta TC + gamma dimension-wise KL,
         the three estimated on each batch by minibatch stratified sampling with N = the training rows (computed in
         float64, as Bottleneck does), M = the batch size (at most N)
  Adam (lr, betas 0.9 and 0.999, eps 1e-8: torch's defaults and Bottleneck's), batches of M in a new random order
  every epoch, the last, smaller batch kept; PyTorch's default initialisation (Bottleneck's Init mirrors it).
Seeds: torch.manual_seed(seed) draws the weights and the reparameterisation noise, a generator seeded with seed the
epochs' orders. Bottleneck's seed draws its own streams: the same seed is not the same run on the two sides, so
compare spreads over seeds, not single runs.

Reported on the test part, as Bottleneck's `eval` reports them:
  * -ELBO, reconstruction and KL in nats per example: one posterior sample per example, fixed noise, in blocks of
    500 (Evaluation.BLOCK), KL in closed form, -ELBO = reconstruction + KL (whatever the weights);
  * MI, TC and dimension-wise KL estimated in parts of each block no larger than M, with N (as TcVae.evaluate);
  * KL per dimension and active units (Cov_x E[z_j|x] > 0.01, Burda et al. 2016);
  * MIG and each factor's gap with bench/mig.py, Bottleneck's estimator (posterior-mean codes, 20 equal-width bins
    per code dimension, discrete factors keep their classes, plug-in MI in nats over the factor's entropy).
The last line on standard output is one JSON object with these figures (also written to --out).

--evaluate-model NAME.json skips training and reports the same figures for a model exported by Bottleneck's
`export` (or interop/export_torch.py's save): Bottleneck's own model measured by this script, for checking the
measurement itself against `eval`.

Run with Debian's interpreter (python3-torch, python3-numpy), from the project root:
    java -jar target/bottleneck.jar export-data --dataset dsprites32 --count 20000 --out target/d.npz
    /usr/bin/python3 bench/torch_dsprites_reference.py --data target/d.npz --epochs 2 --seed 1 --threads 1
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "interop"))
from export_torch import MlpTCVAE, bernoulli_nll, load, tcvae_loss, tcvae_terms  # noqa: E402
from mig import finite_or_none, mig  # noqa: E402
from torch_reference import machine_info  # noqa: E402

EVAL_BLOCK = 500  # Bottleneck's Evaluation.BLOCK
ACTIVE_THRESHOLD = 0.01  # LatentActivity.ACTIVE_THRESHOLD


class Data:
    """The exported .npz: 8-bit (or float32) rows, their part, factors and what made them."""

    def __init__(self, path):
        a = np.load(path)
        meta = json.loads(str(a["meta"]))
        if meta.get("format") != "bottleneck-dataset":
            raise SystemExit(f"{path}: not a file of Bottleneck's export-data (meta format {meta.get('format')!r})")
        self.meta = meta
        self.x = torch.from_numpy(a["x"])                       # n x D, uint8 or float32
        self.scale = torch.tensor(a["x_scale"], dtype=torch.float32)
        self.factors = a["factors"].astype(np.float32)
        self.factor_names = [str(s) for s in a["factor_names"]]
        self.discrete = a["factor_discrete"].astype(bool)
        names = [str(s) for s in a["part_names"]]
        part = a["part"]
        self.rows = {name: np.flatnonzero(part == i) for i, name in enumerate(names)}

    def floats(self, idx):
        """Rows idx as float32: x * x_scale in float32, the values Bottleneck computes from the same bytes."""
        xb = self.x[idx]
        return xb.to(torch.float32) * self.scale if xb.dtype == torch.uint8 else xb


def train(model, opt, data, train_rows, batch, epochs, gen, log):
    """Adam on the objective, a new order every epoch, the last partial batch kept, as Bottleneck's Trainer."""
    n = train_rows.size
    rows = torch.from_numpy(train_rows)
    history = []
    for ep in range(1, epochs + 1):
        model.train()
        t0 = time.perf_counter()
        order = rows[torch.randperm(n, generator=gen)]
        sums = {"loss": 0.0, "reconstruction": 0.0, "kl": 0.0, "mi": 0.0, "tc": 0.0, "dim": 0.0}
        for i in range(0, n, batch):
            xb = data.floats(order[i: i + batch])
            eps = torch.randn(xb.shape[0], model.latent)
            loss, terms = tcvae_loss(model, xb, eps)
            opt.zero_grad()
            loss.backward()
            opt.step()
            m = xb.shape[0]
            sums["loss"] += loss.item() * m
            for key, v in terms.items():
                sums[key] += v.item() * m
        e = {"epoch": ep, "wall_s": time.perf_counter() - t0, **{"train_" + k: v / n for k, v in sums.items()}}
        e["samples_per_s"] = n / e["wall_s"]
        history.append(e)
        log(json.dumps(e))
    return history


@torch.no_grad()
def evaluate(model, data, rows, batch_m, dataset_n, seed):
    """The test figures of the module doc, over `rows` in blocks of 500."""
    model.eval()
    g = torch.Generator().manual_seed(seed)
    k = model.latent
    rec_s = kl_s = mi_s = tc_s = dim_s = 0.0
    codes, kl_dims = [], torch.zeros(k, dtype=torch.float64)
    for from_ in range(0, rows.size, EVAL_BLOCK):
        xb = data.floats(torch.from_numpy(rows[from_: from_ + EVAL_BLOCK]))
        n = xb.shape[0]
        mu, logvar = model.posterior(xb)
        z = mu + torch.exp(0.5 * logvar) * torch.randn(n, k, generator=g)
        rec_s += bernoulli_nll(model.logits(z), xb).double().sum().item()
        kl = (0.5 * (mu.double() ** 2 + logvar.double().exp() - 1 - logvar.double()))
        kl_s += kl.sum().item()
        kl_dims += kl.sum(0)
        codes.append(mu.numpy())
        # TcVae.evaluate: parts of the block no larger than M, as even as they come, each weighed by its size
        parts = 1 if batch_m == 0 else -(-n // batch_m)
        start = 0
        for p in range(parts):
            m = n // parts + (1 if p < n % parts else 0)
            mi, tc, dim = tcvae_terms(mu[start: start + m].double(), logvar[start: start + m].double(),
                                      z[start: start + m].double(), dataset_n)
            mi_s += mi.item() * m
            tc_s += tc.item() * m
            dim_s += dim.item() * m
            start += m
    total = rows.size
    codes = np.concatenate(codes)
    var = codes.astype(np.float64).var(0)
    r = mig(codes, data.factors[rows], data.discrete)
    return {"test_examples": int(total), "test_neg_elbo": (rec_s + kl_s) / total,
            "test_reconstruction": rec_s / total, "test_kl": kl_s / total, "test_mi": mi_s / total,
            "test_tc": tc_s / total, "test_dim": dim_s / total,
            "kl_per_dim": (kl_dims / total).tolist(), "active_units": int((var > ACTIVE_THRESHOLD).sum()),
            "mig": finite_or_none(r["mig"]),
            "mig_per_factor": dict(zip(data.factor_names, finite_or_none(r["gap"]))),
            "mig_top_latent": dict(zip(data.factor_names, r["top"]))}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, help="the .npz of export-data, with a train and a test part")
    ap.add_argument("--hidden", default="256,256", help="encoder hidden widths, input side first (default 256,256)")
    ap.add_argument("--latent", type=int, default=10)
    ap.add_argument("--alpha", type=float, default=1.0, help="weight of the index-code MI (default 1)")
    ap.add_argument("--beta", type=float, default=6.0, help="weight of the total correlation (default 6)")
    ap.add_argument("--gamma", type=float, default=1.0, help="weight of the dimension-wise KL (default 1)")
    ap.add_argument("--batch-size", type=int, default=128)
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=1, help="torch.set_num_threads (default 1)")
    ap.add_argument("--eval-seed", type=int, default=None,
                    help="seed of the test noise (default: the training seed + 12345)")
    ap.add_argument("--evaluate-model", metavar="NAME.json",
                    help="no training: report the figures of this exported model (e.g. Bottleneck's) instead")
    ap.add_argument("--out", default="", help="also write the JSON result here")
    ap.add_argument("--quiet", action="store_true", help="no per-epoch lines on standard error")
    args = ap.parse_args()

    threads_default, interop_default = torch.get_num_threads(), torch.get_num_interop_threads()
    torch.set_num_threads(args.threads)
    log = (lambda s: None) if args.quiet else (lambda s: print(s, file=sys.stderr, flush=True))
    t_start = time.perf_counter()
    data = Data(args.data)
    train_rows, test_rows = data.rows["train"], data.rows["test"]
    if test_rows.size == 0:
        raise SystemExit(f"{args.data}: no test part (export it with --part all or --part test)")
    d = data.x.shape[1]
    result = {"data": os.path.abspath(args.data), "dataset": data.meta.get("dataset"),
              "split_fingerprint": data.meta.get("splitFingerprint"), "seed": args.seed,
              "machine": machine_info(threads_default, interop_default)}
    if args.evaluate_model:
        model = load(args.evaluate_model)
        if getattr(model, "input_dim", None) != d:
            raise SystemExit(f"{args.evaluate_model} takes {model.input_dim} inputs, the data has {d}")
        batch_m = getattr(model, "batch_size", 0)
        dataset_n = getattr(model, "dataset_size", 0)
        result.update({"model": args.evaluate_model, "family": model.family})
    else:
        if train_rows.size == 0:
            raise SystemExit(f"{args.data}: no train part (export it with --part all)")
        hidden = [int(h) for h in args.hidden.split(",") if h.strip()]
        dataset_n = int(train_rows.size)
        batch_m = min(args.batch_size, dataset_n)
        torch.manual_seed(args.seed)
        model = MlpTCVAE(d, hidden, args.latent, "relu", "bernoulli", alpha=args.alpha, beta=args.beta,
                         gamma=args.gamma, dataset_size=dataset_n, batch_size=batch_m)
        opt = torch.optim.Adam(model.parameters(), lr=args.lr)
        gen = torch.Generator().manual_seed(args.seed)
        result.update({"model": f"beta-TCVAE {d}-{'-'.join(map(str, hidden))}-(z={args.latent}), relu, bernoulli",
                       "alpha": args.alpha, "beta": args.beta, "gamma": args.gamma, "lr": args.lr,
                       "epochs": args.epochs, "batch_size": batch_m, "train_examples": dataset_n,
                       "params": sum(p.numel() for p in model.parameters())})
        log(json.dumps({"train_examples": dataset_n, "test_examples": int(test_rows.size), "N": dataset_n,
                        "M": batch_m, "split_fingerprint": result["split_fingerprint"]}))
        result["history"] = train(model, opt, data, train_rows, batch_m, args.epochs, gen, log)
    result["N"], result["M"] = dataset_n, batch_m
    eval_seed = args.eval_seed if args.eval_seed is not None else args.seed + 12345
    t0 = time.perf_counter()
    result.update(evaluate(model, data, test_rows, batch_m, dataset_n, eval_seed))
    result["eval_seed"], result["eval_s"] = eval_seed, time.perf_counter() - t0
    result["total_wall_s"] = time.perf_counter() - t_start
    line = json.dumps(result)
    if args.out:
        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
        with open(args.out, "w") as f:
            f.write(line + "\n")
    print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
