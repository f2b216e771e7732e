#!/usr/bin/env python3
"""Reference values for Bottleneck's optimisers, from torch.optim, for OptimizerReferenceTest.

The problem: two float32 parameters, a 2x3 "weight" and a 1x3 "bias", and the loss

    L = sum a * (weight - c)^4 / 4  +  sum s * (bias - d)^2 / 2

whose gradient a * (weight - c)^3 shrinks quickly as a step nears c (so the moments see gradients of very
different sizes and a wrong beta2 shows), and s * (bias - d) with s = 1e-8 in two places: gradients of about
1e-8, where Adam's eps decides the step. Three steps of torch.optim.Adam and of torch.optim.SGD (momentum 0.9)
from the same start. The script checks that no gradient changes sign within the three steps, which the test's
error bound assumes (no cancellation in the moment sums).

Written to src/test/resources/reference/optim.json: for each optimiser its hyperparameters and, for each
parameter, its shape and, flattened row-major, the start values, the gradient torch computed at each step (float32, given exactly as the shortest
decimal of the double that holds the float) and the values after each step. The Java test feeds the recorded
gradients to the engine's optimiser, so the comparison is of the optimisers alone.

Run with the Debian interpreter that has python3-torch (CI has no torch; the output is committed):
  /usr/bin/python3 interop/optim_reference.py [--out src/test/resources/reference/optim.json]
"""
import argparse
import json
import os
import re

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.join(HERE, "..", "src", "test", "resources", "reference", "optim.json")

START_WEIGHT = [[0.5, -1.25, 2.0], [1.5, -0.3, 0.8]]
C = [[-0.5, 0.25, 0.4], [0.2, -1.8, -1.2]]
A = [[1.0, 0.5, 0.25], [1.0, 2.0, 0.75]]
START_BIAS = [[0.7, -0.4, 1.1]]
D = [[-0.3, 0.6, 0.1]]
S = [[1e-8, 1e-8, 1.0]]

STEPS = 3
ADAM = {"lr": 0.1, "betas": [0.9, 0.999], "eps": 1e-8}
SGD = {"lr": 0.05, "momentum": 0.9}


def floats(t):
    """A float32 tensor, flattened row-major, as Python floats (each the exact value of the float)."""
    return t.detach().double().flatten().tolist()


def dumps(obj):
    """JSON with one line per list of numbers."""
    text = json.dumps(obj, indent=1)
    return re.sub(r"\[[-0-9.e+,\s]*\]", lambda m: re.sub(r"\s+", " ", m.group(0)), text)


def run(make_optimizer):
    weight = torch.tensor(START_WEIGHT, dtype=torch.float32, requires_grad=True)
    bias = torch.tensor(START_BIAS, dtype=torch.float32, requires_grad=True)
    c, a = torch.tensor(C), torch.tensor(A)
    d, s = torch.tensor(D), torch.tensor(S)
    opt = make_optimizer([weight, bias])
    record = {name: {"shape": list(p.shape), "start": floats(p), "grads": [], "after": []}
              for name, p in (("weight", weight), ("bias", bias))}
    for _ in range(STEPS):
        opt.zero_grad()
        loss = (a * (weight - c) ** 4 / 4).sum() + (s * (bias - d) ** 2 / 2).sum()
        loss.backward()
        for name, p in (("weight", weight), ("bias", bias)):
            record[name]["grads"].append(floats(p.grad))
        opt.step()
        for name, p in (("weight", weight), ("bias", bias)):
            record[name]["after"].append(floats(p))
    for name, r in record.items():
        g = torch.tensor(r["grads"])
        assert bool((torch.sign(g) == torch.sign(g[0])).all()), name + ": a gradient changed sign"
        assert bool((g != 0).all()), name + ": a zero gradient"
    return [dict(name=name, **r) for name, r in record.items()]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=DEFAULT_OUT)
    args = ap.parse_args()
    torch.set_num_threads(1)
    out = {
        "source": "interop/optim_reference.py",
        "torch": torch.__version__,
        "steps": STEPS,
        "adam": dict(ADAM, params=run(lambda ps: torch.optim.Adam(
            ps, lr=ADAM["lr"], betas=tuple(ADAM["betas"]), eps=ADAM["eps"], foreach=False))),
        "sgd": dict(SGD, params=run(lambda ps: torch.optim.SGD(
            ps, lr=SGD["lr"], momentum=SGD["momentum"], foreach=False))),
    }
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        f.write(dumps(out) + "\n")
    print("wrote", os.path.normpath(args.out))


if __name__ == "__main__":
    main()
