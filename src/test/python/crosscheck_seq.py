#!/usr/bin/env python3
"""usage: crosscheck_seq.py OUT_DIR

Writes PyTorch's answers for the sequence, attention and generative reference models as JSON,
one file per model (OUT_DIR/<model>.json, a list of cases). Each case holds named inputs and
expected outputs as {"dtype", "shape", "values"}; floats are written with repr() so they
round-trip exactly. Exits 3 with a message when torch is missing.
"""
import json
import math
import os
import sys

try:
    import torch
    from torch import nn
    import torch.nn.functional as F
except ImportError:
    sys.stderr.write("crosscheck_seq.py: PyTorch is not installed for %s (install python3-torch)\n" % sys.executable)
    sys.exit(3)

DTYPES = {torch.float32: "float32", torch.float64: "float64", torch.int64: "int64", torch.int32: "int32",
          torch.bool: "bool", torch.uint8: "uint8"}


def encode(value):
    t = value.detach() if torch.is_tensor(value) else torch.tensor(value)
    flat = t.reshape(-1).tolist()
    if t.dtype == torch.bool:
        flat = [1.0 if v else 0.0 for v in flat]
    return {"dtype": DTYPES[t.dtype], "shape": list(t.shape), "values": [float(v) for v in flat]}


def case(name, inputs, expected):
    return {"name": name, "inputs": {k: encode(v) for k, v in inputs.items()},
            "expected": {k: encode(v) for k, v in expected.items()}}


def scalar(v):
    return torch.tensor(v, dtype=torch.bool if isinstance(v, bool) else torch.int64)


def params(module, prefix=""):
    return {prefix + k: v for k, v in module.state_dict().items()}


RECURRENT = {"rnn_tanh": lambda i, h, **kw: nn.RNN(i, h, nonlinearity="tanh", **kw),
             "rnn_relu": lambda i, h, **kw: nn.RNN(i, h, nonlinearity="relu", **kw),
             "lstm": nn.LSTM, "gru": nn.GRU}

# (seed, L, N, H_in, H, layers, bidirectional, batch_first, dtype, initial state, unbatched, bias)
RECURRENT_SHAPES = [
    (1, 5, 3, 4, 6, 1, False, False, torch.float32, False, False, True),
    (2, 1, 1, 3, 2, 1, False, False, torch.float32, True, False, True),
    (3, 7, 2, 5, 3, 2, True, False, torch.float32, True, False, True),
    (4, 4, 3, 2, 5, 2, True, True, torch.float64, True, False, True),
    (5, 6, 1, 3, 4, 1, False, True, torch.float64, False, False, False),
    (6, 3, 1, 4, 3, 2, False, False, torch.float32, True, True, True),
]


def recurrent_cases(model):
    cases = []
    for seed, L, N, hin, h, layers, bidir, bf, dtype, init, unbatched, bias in RECURRENT_SHAPES:
        torch.manual_seed(seed)
        m = RECURRENT[model](hin, h, num_layers=layers, bidirectional=bidir, batch_first=bf, bias=bias).to(dtype)
        d = 2 if bidir else 1
        x = torch.randn((L, hin) if unbatched else ((N, L, hin) if bf else (L, N, hin)), dtype=dtype) * 2
        state_shape = (d * layers, h) if unbatched else (d * layers, N, h)
        inputs = dict(params(m), input=x, num_layers=scalar(layers), bidirectional=scalar(bidir),
                      batch_first=scalar(bf))
        state = None
        if init:
            inputs["h_0"] = torch.randn(state_shape, dtype=dtype)
            state = inputs["h_0"]
            if model == "lstm":
                inputs["c_0"] = torch.randn(state_shape, dtype=dtype)
                state = (inputs["h_0"], inputs["c_0"])
        with torch.no_grad():
            out, last = m(x, state)
        expected = {"output": out}
        if model == "lstm":
            expected.update(h_n=last[0], c_n=last[1])
        else:
            expected["h_n"] = last
        label = "seed%d L%d N%d in%d H%d layers%d%s%s %s%s%s" % (
            seed, L, N, hin, h, layers, " bidirectional" if bidir else "", " batch_first" if bf else "",
            DTYPES[dtype], " unbatched" if unbatched else "", "" if bias else " no-bias")
        cases.append(case(label, inputs, expected))
    return cases


def main():
    if len(sys.argv) != 2:
        sys.stderr.write(__doc__)
        sys.exit(2)
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    models = {name: (lambda n=name: recurrent_cases(n)) for name in RECURRENT}
    for name, make in models.items():
        with open(os.path.join(out, name + ".json"), "w") as f:
            json.dump(make(), f)
    print("wrote %d models to %s" % (len(models), out))


if __name__ == "__main__":
    main()
