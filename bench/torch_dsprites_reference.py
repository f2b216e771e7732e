#!/usr/bin/env python3
"""PyTorch (CPU) reference for Bottleneck's MLP beta-TCVAE and beta-VAE on dSprites: the same net, objective and
examples.

Data: the .npz that `java -jar target/bottleneck.jar export-data` writes (e.g. --dataset dsprites32 --count N
--seed S --part all): it trains on the rows of part "train" and reports on part "test", exactly the examples a
`train` with the same data flags and seed trains and tests on (the file's meta carries the split's fingerprint,
which this script prints). Pixels are x * x_scale in float32 (x uint8, x_scale = 1f/255f), bit for bit the floats
Bottleneck reads.

--model names Bottleneck's kind, as `train --model` does:

beta-tcvae (the default; TcVae, TcVaeConfig, KlDecomposition), built by interop/export_torch.py's MlpTCVAE, whose
objective Bottleneck's TorchTcVaeModelsTest checks against TcVae's to 1e-7 on a committed batch:
  encoder  Linear(D, h1) ReLU ... Linear(h_last, 2k) = [mu | logvar]     (here as the heads fc_mu and fc_logvar,
           whose stacked weights are Bottleneck's last encoder layer; both draw U(+-1/sqrt(fan_in)) at init)
  decoder  Linear(k, h_last) ReLU ... Linear(h1, D) = Bernoulli logits
  z = mu + exp(logvar / 2) * eps, one sample per example
  loss = mean BCE-with-logits summed over the D pixels + alpha MI + beta TC + gamma dimension-wise KL,
         the three estimated on each batch by minibatch stratified sampling with N = the training rows (computed in
         float64, as Bottleneck does), M = the batch size (at most N)

beta-vae (VariationalAutoencoder, VaeConfig), built by export_torch.py's MlpVAE: the same nets, heads and init, and
  KL   = the closed form 1/2 sum_j (mu_j^2 + exp(logvar_j) - 1 - logvar_j) per example, summed over the k latent
         dimensions, averaged over the batch (in float64 from the float32 mu and logvar, as Bottleneck sums it)
  rec  = the batch mean of BCE-with-logits summed over the D pixels
  with --capacity-max C_max > 0, the capacity objective of Burgess et al. 2018 (Bottleneck's `--capacity-max`,
  `--capacity-gamma`, `--capacity-epochs`):
    loss = rec + gamma |KL - C_t|,   C_t = C_max min(1, t / capacity-epochs)  (C_max when capacity-epochs is 0)
    t = the fractional epochs done BEFORE the step: (epoch - 1) + (batches done in the epoch) / (batches per
        epoch), Trainer.progress() as Trainer passes it to computeGradients: the first step of a run sees C = 0,
        the first step of epoch e sees t = e - 1. Autograd's d|u|/du is sign(u) with 0 at 0: Bottleneck's
        gamma signum(KL - C) weight on the KL's gradient, so the two take the same gradient, sign included.
  else loss = rec + beta KL (beta default 4, as `train --model beta-vae`; no KL warm-up here).
  The per-epoch lines carry train_c, the mean C of the epoch's steps, beside train_kl: the KL should track it.

Both: Adam (lr, betas 0.9 and 0.999, eps 1e-8: torch's defaults and Bottleneck's), batches of M in a new random
order every epoch, the last, smaller batch kept; PyTorch's default initialisation (Bottleneck's Init mirrors it).
The model trained last is the one reported (Bottleneck's `train` saves its last epoch unless --keep-best).
Seeds: torch.manual_seed(seed) draws the weights and the reparameterisation noise, a generator seeded with seed the
epochs' orders. Bottleneck's seed draws its own streams: the same seed is not the same run on the two sides, so
compare spreads over seeds, not single runs.

Reported on the test part, as Bottleneck's `eval` reports them:
  * -ELBO, reconstruction and KL in nats per example: one posterior sample per example, fixed noise, in blocks of
    500 (Evaluation.BLOCK), KL in closed form, -ELBO = reconstruction + KL (whatever the objective or weights);
  * MI, TC and dimension-wise KL estimated in parts of each block no larger than M, with N (as TcVae.evaluate).
    For a beta-VAE, whose `eval` estimates none of the three, they are this script's estimate with N = the file's
    training rows and M = --batch-size (at most N): the same estimator on both sides' models, nothing of Bottleneck's;
  * KL per dimension and active units (Cov_x E[z_j|x] > 0.01, Burda et al. 2016);
  * MIG and each factor's gap with bench/mig.py, Bottleneck's estimator (posterior-mean codes, 20 equal-width bins
    per code dimension, discrete factors keep their classes, plug-in MI in nats over the factor's entropy).
The last line on standard output is one JSON object with these figures (also written to --out).

--evaluate-model NAME.json skips training and reports the same figures for a model exported by Bottleneck's
`export` (family "tcvae" or "vae"; or interop/export_torch.py's save): Bottleneck's own model measured by this
script, for checking the measurement itself against `eval`.

--self-test checks the beta-VAE objective of this script without data: the capacity schedule against
VaeConfig.capacity's values, and the loss and its gradient on a fixed batch against Bottleneck's hand-written ones
(VariationalAutoencoder's dL/dmu = dRec/dmu + gamma sign(KL - C) mu / n, dL/dlogvar = dRec/dlogvar
+ gamma sign(KL - C) (exp(logvar) - 1) / (2 n)) on both sides of C and at C = KL. Bottleneck's TorchCapacityTest
runs it, and compares the script's loss and gradient with VariationalAutoencoder's on the same weights, batch and
noise (--check-capacity).

Run with Debian's interpreter (python3-torch, python3-numpy), from the project root:
    java -jar target/bottleneck.jar export-data --dataset dsprites32 --count 20000 --out target/d.npz
    /usr/bin/python3 bench/torch_dsprites_reference.py --data target/d.npz --epochs 2 --seed 1 --threads 1
    /usr/bin/python3 bench/torch_dsprites_reference.py --data target/d.npz --model beta-vae --capacity-max 15 \
        --capacity-gamma 200 --capacity-epochs 1 --epochs 2 --seed 1 --threads 1
"""
import argparse
import copy
import json
import math
import os
import sys
import tempfile
import time
from collections import defaultdict

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "interop"))
from export_torch import MlpTCVAE, MlpVAE, bernoulli_nll, load, save, tcvae_loss, tcvae_terms, to_arrays  # noqa: E402
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


def capacity(c_max, capacity_epochs, epochs_done):
    """C in nats after epochs_done (fractional) epochs: VaeConfig.capacity, the same double arithmetic."""
    if capacity_epochs <= 0:
        return c_max
    return c_max * min(1.0, epochs_done / capacity_epochs)


class VaeObjective:
    """The beta-VAE's objective as Bottleneck's VariationalAutoencoder computes it: beta KL, or with c_max > 0 the
    capacity objective gamma |KL - C_t| of Burgess et al. (module doc)."""

    def __init__(self, beta=4.0, c_max=0.0, gamma=1000.0, capacity_epochs=10.0):
        self.beta, self.c_max, self.gamma, self.capacity_epochs = float(beta), float(c_max), float(gamma), \
            float(capacity_epochs)

    @property
    def uses_capacity(self):
        return self.c_max > 0

    def __call__(self, model, x, eps, epochs_done):
        """(loss, terms) of the batch x with z = mu + exp(logvar / 2) * eps, the schedule at epochs_done. The KL and
        the loss in float64 (Bottleneck sums the KL in double from float32 mu and logvar), the loss returned in the
        model's dtype; terms: the batch means of reconstruction and kl, and c (a float) under the capacity objective."""
        mu, logvar = model.posterior(x)
        z = mu + torch.exp(0.5 * logvar) * eps
        rec = bernoulli_nll(model.logits(z), x).mean()
        mu64, lv64 = mu.double(), logvar.double()
        kl = (0.5 * (mu64 * mu64 + lv64.exp() - 1 - lv64)).sum(1).mean()
        if self.uses_capacity:
            c = capacity(self.c_max, self.capacity_epochs, epochs_done)
            loss = rec.double() + self.gamma * (kl - c).abs()   # d|u|/du = sign(u), 0 at 0: Math.signum
            terms = {"reconstruction": rec, "kl": kl, "c": c}
        else:
            loss = rec.double() + self.beta * kl
            terms = {"reconstruction": rec, "kl": kl}
        return loss.to(mu.dtype), terms


def tcvae_objective(model, x, eps, epochs_done):
    """The beta-TCVAE's objective (export_torch.tcvae_loss), which has no schedule."""
    return tcvae_loss(model, x, eps)


def train(model, opt, data, train_rows, batch, epochs, gen, log, objective):
    """Adam on the objective, a new order every epoch, the last partial batch kept, as Bottleneck's Trainer; each
    step sees the fractional epochs done before it, Trainer.progress()."""
    n = train_rows.size
    rows = torch.from_numpy(train_rows)
    batches = -(-n // batch)
    history = []
    for ep in range(1, epochs + 1):
        model.train()
        t0 = time.perf_counter()
        order = rows[torch.randperm(n, generator=gen)]
        sums = defaultdict(float)
        for b, i in enumerate(range(0, n, batch)):
            xb = data.floats(order[i: i + batch])
            eps = torch.randn(xb.shape[0], model.latent)
            loss, terms = objective(model, xb, eps, (ep - 1) + b / batches)
            opt.zero_grad()
            loss.backward()
            opt.step()
            m = xb.shape[0]
            sums["loss"] += loss.item() * m
            for key, v in terms.items():
                sums[key] += float(v) * m
        e = {"epoch": ep, "wall_s": time.perf_counter() - t0, **{"train_" + k: v / n for k, v in sums.items()}}
        e["samples_per_s"] = n / e["wall_s"]
        history.append(e)
        log(json.dumps(e))
    return history


@torch.no_grad()
def evaluate(model, data, rows, batch_m, dataset_n, seed):
    """The test figures of the module doc, over `rows` in blocks of 500; MI, TC and dim with N = dataset_n and in
    parts of at most batch_m (0: whole blocks)."""
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


def check_capacity(model_json, batch_npz, out_npz):
    """The capacity objective of one batch and its gradient, for Bottleneck's TorchCapacityTest: the model of
    model_json (family "vae"), the batch's x (n x D), eps (n x k), epochs_done, c_max, gamma and capacity_epochs
    (float32 scalars) from batch_npz; writes loss, reconstruction, kl, c and grad.NAME (export_torch's names and
    layout) to out_npz, computed in float64 from the float32 weights and inputs by the function training uses."""
    a = np.load(batch_npz)
    model = load(model_json)
    if model.family != "vae":
        raise SystemExit(f"{model_json}: family {model.family!r}, the capacity objective is the VAE's")
    objective = VaeObjective(c_max=float(a["c_max"]), gamma=float(a["gamma"]),
                             capacity_epochs=float(a["capacity_epochs"]))
    m = copy.deepcopy(model).double()
    m.zero_grad()
    loss, terms = objective(m, torch.from_numpy(a["x"]).double(), torch.from_numpy(a["eps"]).double(),
                            float(a["epochs_done"]))
    loss.backward()
    out = {"loss": loss.detach().numpy().astype("<f4"), "reconstruction": terms["reconstruction"].detach().numpy()
           .astype("<f4"), "kl": terms["kl"].detach().numpy().astype("<f4"), "c": np.float32(terms["c"])}
    out.update({"grad." + k: v for k, v in to_arrays(m, grad=True).items()})
    np.savez(out_npz, **out)
    print(f"wrote {out_npz}: loss {float(loss):.6f}, KL {float(terms['kl']):.6f}, C {terms['c']}")


def self_test():
    """The checks of the module doc's --self-test; cheap, no data, no files left behind."""
    # VaeConfig.capacity: C_max min(1, t / E_C), C_max at once when E_C = 0
    for c_max, e_c, t, want in [(15, 1, 0, 0.0), (15, 1, 0.25, 3.75), (15, 1, 1, 15.0), (15, 1, 7.5, 15.0),
                                (20, 25, 10, 8.0), (15, 0, 0, 15.0)]:
        assert capacity(c_max, e_c, t) == want, (c_max, e_c, t, capacity(c_max, e_c, t))

    # train() hands each step Trainer.progress() before the step: 10 rows in batches of 4 -> 3 batches an epoch
    class Rows:
        def floats(self, idx):
            return torch.rand(len(idx), 12, generator=torch.Generator().manual_seed(int(idx[0])))
    seen = []

    def recording(model, x, eps, t):
        seen.append(t)
        return VaeObjective(c_max=5.0, gamma=10.0, capacity_epochs=1.0)(model, x, eps, t)
    torch.manual_seed(3)
    tiny = MlpVAE(12, [8], 3)
    hist = train(tiny, torch.optim.Adam(tiny.parameters(), 1e-3), Rows(), np.arange(10), 4, 2,
                 torch.Generator().manual_seed(1), lambda line: None, recording)
    assert seen == [0.0, 1 / 3, 2 / 3, 1.0, 1 + 1 / 3, 1 + 2 / 3], seen
    # the epoch's mean C, weighted by the batch sizes 4, 4, 2, as the trainer weighs the epoch's terms
    assert abs(hist[0]["train_c"] - 5.0 * (4 * 0 + 4 / 3 + 2 * 2 / 3) / 10) < 1e-12, hist[0]["train_c"]

    # the loss and its gradient on a fixed batch against VariationalAutoencoder's hand-written backward pass
    torch.manual_seed(4)
    model = MlpVAE(12, [8], 3).double()
    x = torch.rand(6, 12, dtype=torch.float64)
    eps = torch.randn(6, 3, dtype=torch.float64)
    n = x.shape[0]
    mu0, lv0 = (t.detach() for t in model.posterior(x))
    kl0 = float((0.5 * (mu0 ** 2 + lv0.exp() - 1 - lv0)).sum(1).mean())
    gamma = 7.0
    # C below the KL (t = 0: C = 0), above it (C_max 3 KL reached), and exactly at it (C_max = KL at once)
    for c_max, e_c, t, sign in [(3 * kl0, 2.0, 0.0, 1.0), (3 * kl0, 2.0, 5.0, -1.0), (kl0, 0.0, 0.0, 0.0)]:
        obj = VaeObjective(c_max=c_max, gamma=gamma, capacity_epochs=e_c)
        h = model.body(x)
        mu = model.fc_mu(h).detach().requires_grad_()
        lv = model.fc_logvar(h).detach().requires_grad_()

        class Heads:  # the model with its heads' outputs as leaves, to read dL/dmu and dL/dlogvar
            latent = 3
            posterior = staticmethod(lambda _x: (mu, lv))
            logits = staticmethod(model.logits)
        loss, terms = obj(Heads, x, eps, t)
        loss.backward()
        c = terms["c"]
        assert float(terms["kl"]) == kl0 and c == capacity(c_max, e_c, t)
        assert sign == (0.0 if kl0 == c else math.copysign(1.0, kl0 - c)), (kl0, c)
        rec = float(terms["reconstruction"])
        assert abs(float(loss) - (rec + gamma * abs(kl0 - c))) < 1e-12, (float(loss), rec, kl0, c)
        # dRec/dz, already / n, as the decoder's backward gives it
        z = (mu0 + torch.exp(0.5 * lv0) * eps).requires_grad_()
        bernoulli_nll(model.logits(z), x).mean().backward()
        g = z.grad
        w = gamma * sign / n
        std = torch.exp(0.5 * lv0)
        want_mu = g + w * mu0
        want_lv = g * eps * 0.5 * std + w * 0.5 * (std * std - 1)
        assert torch.allclose(mu.grad, want_mu, rtol=0, atol=1e-12), (mu.grad - want_mu).abs().max()
        assert torch.allclose(lv.grad, want_lv, rtol=0, atol=1e-12), (lv.grad - want_lv).abs().max()

    # --check-capacity's file round trip, the model written and read as Bottleneck's export writes it
    with tempfile.TemporaryDirectory() as d:
        save(model.float(), os.path.join(d, "m"))
        np.savez(os.path.join(d, "b.npz"), x=x.float().numpy(), eps=eps.float().numpy(),
                 epochs_done=np.float32(0.5), c_max=np.float32(2.0), gamma=np.float32(gamma),
                 capacity_epochs=np.float32(1.0))
        check_capacity(os.path.join(d, "m.json"), os.path.join(d, "b.npz"), os.path.join(d, "out.npz"))
        r = np.load(os.path.join(d, "out.npz"))
        assert float(r["c"]) == 1.0 and sorted(k for k in r if k.startswith("grad.")) == \
            sorted("grad." + k for k in to_arrays(model))
    print("self-test passed")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", help="the .npz of export-data, with a train and a test part")
    ap.add_argument("--model", choices=["beta-tcvae", "beta-vae"], default="beta-tcvae",
                    help="Bottleneck's kind to train: beta-tcvae (default) or beta-vae (with --capacity-max > 0 "
                         "the capacity objective)")
    ap.add_argument("--hidden", default="256,256", help="encoder hidden widths, input side first (default 256,256)")
    ap.add_argument("--latent", type=int, default=10)
    ap.add_argument("--alpha", type=float, default=1.0, help="beta-tcvae: weight of the index-code MI (default 1)")
    ap.add_argument("--beta", type=float, default=None,
                    help="beta-tcvae: weight of the total correlation (default 6); beta-vae without the capacity "
                         "objective: the KL weight (default 4)")
    ap.add_argument("--gamma", type=float, default=1.0,
                    help="beta-tcvae: weight of the dimension-wise KL (default 1); the capacity objective's gamma "
                         "is --capacity-gamma")
    ap.add_argument("--capacity-max", type=float, default=0.0,
                    help="beta-vae: C_max in nats of Burgess et al.'s capacity objective; 0 = off (default 0)")
    ap.add_argument("--capacity-gamma", type=float, default=1000.0,
                    help="beta-vae: gamma of the capacity objective (default 1000, as train)")
    ap.add_argument("--capacity-epochs", type=float, default=10.0,
                    help="beta-vae: epochs for C to reach C_max (default 10, as train)")
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
    ap.add_argument("--self-test", action="store_true", help="check the beta-VAE objective (module doc) and exit")
    ap.add_argument("--check-capacity", nargs=3, metavar=("MODEL.json", "BATCH.npz", "OUT.npz"),
                    help="write the capacity objective of one batch and its gradient (TorchCapacityTest) and exit")
    args = ap.parse_args()
    if args.self_test:
        self_test()
        return 0
    if args.check_capacity:
        check_capacity(*args.check_capacity)
        return 0
    if not args.data:
        ap.error("--data is required")
    tcvae = args.model == "beta-tcvae"
    if args.beta is None:
        args.beta = 6.0 if tcvae else 4.0
    if tcvae and args.capacity_max > 0:
        ap.error("the capacity objective (--capacity-max) is beta-vae's, not beta-tcvae's")
    if args.capacity_max > 0 and not args.capacity_gamma > 0:
        ap.error("the capacity objective needs --capacity-gamma > 0")

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
        if model.family not in ("tcvae", "vae"):
            raise SystemExit(f"{args.evaluate_model}: family {model.family!r}, expected 'tcvae' or 'vae'")
        if model.family == "tcvae":  # the N and M it was trained with, from the file
            batch_m = getattr(model, "batch_size", 0)
            dataset_n = getattr(model, "dataset_size", 0)
        else:  # a VAE's file has no estimator: the reference's estimate, as for the VAEs it trains
            dataset_n = int(train_rows.size)
            batch_m = min(args.batch_size, dataset_n) if dataset_n else args.batch_size
        result.update({"model": args.evaluate_model, "family": model.family})
    else:
        if train_rows.size == 0:
            raise SystemExit(f"{args.data}: no train part (export it with --part all)")
        hidden = [int(h) for h in args.hidden.split(",") if h.strip()]
        dataset_n = int(train_rows.size)
        batch_m = min(args.batch_size, dataset_n)
        torch.manual_seed(args.seed)
        nets = f"{d}-{'-'.join(map(str, hidden))}-(z={args.latent}), relu, bernoulli"
        if tcvae:
            model = MlpTCVAE(d, hidden, args.latent, "relu", "bernoulli", alpha=args.alpha, beta=args.beta,
                             gamma=args.gamma, dataset_size=dataset_n, batch_size=batch_m)
            objective = tcvae_objective
            result.update({"model": f"beta-TCVAE {nets}", "alpha": args.alpha, "beta": args.beta,
                           "gamma": args.gamma})
        else:
            model = MlpVAE(d, hidden, args.latent, "relu", "bernoulli")
            objective = VaeObjective(args.beta, args.capacity_max, args.capacity_gamma, args.capacity_epochs)
            if objective.uses_capacity:
                result.update({"model": f"beta-VAE (capacity) {nets}", "capacity_max": args.capacity_max,
                               "capacity_gamma": args.capacity_gamma, "capacity_epochs": args.capacity_epochs})
            else:
                result.update({"model": f"beta-VAE {nets}", "beta": args.beta})
        result["family"] = model.family
        opt = torch.optim.Adam(model.parameters(), lr=args.lr)
        gen = torch.Generator().manual_seed(args.seed)
        result.update({"lr": args.lr, "epochs": args.epochs, "batch_size": batch_m, "train_examples": dataset_n,
                       "params": sum(p.numel() for p in model.parameters())})
        log(json.dumps({"train_examples": dataset_n, "test_examples": int(test_rows.size), "N": dataset_n,
                        "M": batch_m, "split_fingerprint": result["split_fingerprint"]}))
        result["history"] = train(model, opt, data, train_rows, batch_m, args.epochs, gen, log, objective)
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
