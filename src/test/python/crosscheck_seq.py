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
    return {prefix + k: v.detach().clone() for k, v in module.state_dict().items()}


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
    for i, shape in enumerate(RECURRENT_SHAPES):
        cases.append(recurrent_case(model, *shape, backward=False))
        if i in (1, 2, 3, 5):
            cases.append(recurrent_case(model, *shape, backward=True))
    return cases


def recurrent_case(model, seed, L, N, hin, h, layers, bidir, bf, dtype, init, unbatched, bias, backward):
    """One forward case; with backward, also output.backward(grad_output)'s gradients as '<name>.grad'."""
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
    leaves = {k: v for k, v in inputs.items() if k in ("input", "h_0", "c_0")}
    for v in leaves.values():
        v.requires_grad_(backward)
    out, last = m(x, state)
    expected = {"output": out}
    if model == "lstm":
        expected.update(h_n=last[0], c_n=last[1])
    else:
        expected["h_n"] = last
    if backward:
        inputs["grad_output"] = torch.randn(out.shape, dtype=dtype)
        out.backward(inputs["grad_output"])
        expected.update({k + ".grad": v.grad for k, v in leaves.items()})
        expected.update({k + ".grad": p.grad for k, p in m.named_parameters()})
    label = "seed%d L%d N%d in%d H%d layers%d%s%s %s%s%s%s" % (
        seed, L, N, hin, h, layers, " bidirectional" if bidir else "", " batch_first" if bf else "",
        DTYPES[dtype], " unbatched" if unbatched else "", "" if bias else " no-bias", " backward" if backward else "")
    return case(label, inputs, expected)


CELLS = {"rnn_tanh_cell": lambda i, h, **kw: nn.RNNCell(i, h, nonlinearity="tanh", **kw),
         "rnn_relu_cell": lambda i, h, **kw: nn.RNNCell(i, h, nonlinearity="relu", **kw),
         "lstm_cell": nn.LSTMCell, "gru_cell": nn.GRUCell}


def cell_cases(model):
    """torch.nn.RNNCell/LSTMCell/GRUCell: one step, with and without a given state, batched or not."""
    cases = []
    # (seed, N, H_in, H, dtype, initial state, unbatched, bias, magnitude)
    for seed, N, hin, h, dtype, init, unbatched, bias, big in [
            (31, 3, 4, 5, torch.float32, True, False, True, 1),
            (32, 1, 2, 3, torch.float64, True, False, True, 1),
            (33, 2, 3, 2, torch.float32, False, False, True, 1),
            (34, 1, 3, 4, torch.float64, True, True, True, 1),
            (35, 4, 2, 3, torch.float64, True, False, False, 1),
            (36, 2, 4, 3, torch.float64, True, False, True, 30)]:
        torch.manual_seed(seed)
        m = CELLS[model](hin, h, bias=bias).to(dtype)
        x = torch.randn((hin,) if unbatched else (N, hin), dtype=dtype) * big
        inputs = dict(params(m), input=x)
        state = None
        if init:
            inputs["hx"] = torch.randn((h,) if unbatched else (N, h), dtype=dtype)
            state = inputs["hx"]
            if model == "lstm_cell":
                inputs["cx"] = torch.randn((h,) if unbatched else (N, h), dtype=dtype)
                state = (inputs["hx"], inputs["cx"])
        out = m(x, state)
        expected = {"h_1": out[0], "c_1": out[1]} if model == "lstm_cell" else {"h_1": out}
        label = "seed%d N%d in%d H%d %s%s%s%s%s" % (
            seed, N, hin, h, DTYPES[dtype], "" if init else " zero-state", " unbatched" if unbatched else "",
            "" if bias else " no-bias", " x%d" % big if big > 1 else "")
        cases.append(case(label, inputs, expected))
    return cases


def safe_attention(q, k, v, mask, scale):
    """torch's math scaled_dot_product_attention (>= 2.5): rows with nothing to attend get 0."""
    scores = q @ k.transpose(-1, -2) * scale
    if mask is not None:
        scores = scores + (torch.zeros(mask.shape, dtype=q.dtype).masked_fill(~mask, -math.inf)
                           if mask.dtype == torch.bool else mask)
    dead = torch.isneginf(scores.max(dim=-1, keepdim=True).values)
    weights = torch.where(dead, torch.zeros_like(scores), torch.softmax(scores, dim=-1))
    return weights @ v, weights


def attention_cases(model):
    scaled = model == "scaled_dot_product_attention"
    cases = []
    # (seed, batch dims, L, S, E, Ev, dtype, mask kind, causal, magnitude)
    for seed, batch, L, S, E, Ev, dtype, mask, causal, big in [
            (11, (2,), 4, 6, 3, 5, torch.float32, None, False, 1),
            (12, (), 1, 1, 2, 2, torch.float32, None, False, 1),
            (13, (2, 3), 5, 5, 4, 2, torch.float64, "bool", False, 1),
            (14, (1,), 3, 4, 8, 3, torch.float32, "float", False, 1),
            (15, (2,), 5, 5, 3, 3, torch.float64, None, True, 1),
            (16, (2,), 3, 4, 2, 3, torch.float32, "dead-row", False, 1),
            (17, (1,), 4, 3, 5, 2, torch.float32, None, False, 300),
            (18, (3,), 4, 4, 3, 2, torch.float64, "left-padding", True, 1)]:
        torch.manual_seed(seed)
        q = torch.randn(batch + (L, E), dtype=dtype) * big
        k = torch.randn(batch + (S, E), dtype=dtype) * big
        v = torch.randn(batch + (S, Ev), dtype=dtype)
        inputs = {"query": q, "key": k, "value": v}
        m = None
        if mask == "bool" or mask == "dead-row":
            m = torch.rand(L, S) > 0.3
            m[:, 0] = True
            if mask == "dead-row":
                m[1, :] = False
        elif mask == "left-padding":
            # (N, 1, S), True = a real key: batch 1 starts with two pads, batch 2 is all padding, so with
            # the causal mask rows 0-1 of batch 1 and every row of batch 2 have nothing to attend to
            m = torch.ones(batch + (1, S), dtype=torch.bool)
            m[1, 0, :2] = False
            m[2] = False
        elif mask == "float":
            m = torch.randn(L, S, dtype=dtype)
            m[0, 1] = -math.inf
        if m is not None:
            inputs["attn_mask"] = m
        if causal:
            inputs["is_causal"] = scalar(True)
            causal_mask = torch.ones(L, S, dtype=torch.bool).tril()
            m = causal_mask if m is None else m & causal_mask
        out, w = safe_attention(q, k, v, m, 1 / math.sqrt(E) if scaled else 1.0)
        label = "seed%d %s L%d S%d E%d Ev%d %s mask=%s%s%s" % (seed, list(batch), L, S, E, Ev, DTYPES[dtype], mask,
                                                              " causal" if causal else "", " x%d" % big if big > 1 else "")
        cases.append(case(label, inputs, {"output": out, "attention_weights": w}))
    return cases


def mha_cases():
    cases = []
    # (seed, L, S, N, E, heads, batch_first, dtype, masks, bias, average, unbatched)
    for seed, L, S, N, E, heads, bf, dtype, masks, bias, avg, unbatched in [
            (21, 4, 4, 2, 6, 2, False, torch.float32, None, True, True, False),
            (22, 1, 1, 1, 4, 1, False, torch.float32, None, True, True, False),
            (23, 3, 5, 2, 8, 4, True, torch.float64, "bool", True, False, False),
            (24, 5, 3, 3, 6, 3, False, torch.float32, "float", False, True, False),
            (25, 4, 6, 1, 4, 2, False, torch.float64, "bool", True, True, True)]:
        torch.manual_seed(seed)
        m = nn.MultiheadAttention(E, heads, bias=bias, batch_first=bf).to(dtype)
        if bias:
            with torch.no_grad():
                m.in_proj_bias.uniform_(-0.5, 0.5)
                m.out_proj.bias.uniform_(-0.5, 0.5)
        lead = (L,) if unbatched else ((N, L) if bf else (L, N))
        lead_kv = (S,) if unbatched else ((N, S) if bf else (S, N))
        q = torch.randn(lead + (E,), dtype=dtype)
        k = torch.randn(lead_kv + (E,), dtype=dtype)
        v = torch.randn(lead_kv + (E,), dtype=dtype)
        inputs = dict(params(m), query=q, key=k, value=v, num_heads=scalar(heads), batch_first=scalar(bf),
                      average_attn_weights=scalar(avg))
        kw = {}
        if masks == "bool":
            kw["attn_mask"] = torch.rand(L, S) < 0.3
            kw["attn_mask"][:, 0] = False
            kpm = torch.zeros((S,) if unbatched else (N, S), dtype=torch.bool)
            kpm[..., -1] = True
            kw["key_padding_mask"] = kpm
        elif masks == "float":
            kw["attn_mask"] = torch.randn(N * heads, L, S, dtype=dtype)
        inputs.update(kw)
        out, w = m(q, k, v, need_weights=True, average_attn_weights=avg, **kw)
        label = "seed%d L%d S%d N%d E%d heads%d%s %s masks=%s%s%s%s" % (
            seed, L, S, N, E, heads, " batch_first" if bf else "", DTYPES[dtype], masks, "" if bias else " no-bias",
            "" if avg else " per-head", " unbatched" if unbatched else "")
        cases.append(case(label, inputs, {"attn_output": out, "attn_output_weights": w}))
    return cases


def transformer_cases():
    cases = []
    # (seed, S, N, E, heads, F, batch_first, norm_first, dtype, masks)
    for seed, S, N, E, heads, ff, bf, nf, dtype, masks in [
            (31, 5, 2, 8, 2, 16, False, False, torch.float32, False),
            (32, 1, 1, 4, 1, 6, True, True, torch.float32, False),
            (33, 6, 3, 6, 3, 10, True, False, torch.float64, True),
            (34, 4, 2, 8, 4, 12, False, True, torch.float64, True)]:
        torch.manual_seed(seed)
        layer = nn.TransformerEncoderLayer(E, heads, dim_feedforward=ff, dropout=0.0, batch_first=bf,
                                           norm_first=nf).to(dtype)
        with torch.no_grad():
            for name, p in layer.named_parameters():
                if name.startswith("norm") or name.endswith("bias"):
                    p.uniform_(-0.5, 1.5) if name.endswith("weight") else p.uniform_(-0.5, 0.5)
        layer.eval()
        src = torch.randn((N, S, E) if bf else (S, N, E), dtype=dtype)
        inputs = dict(params(layer), src=src, nhead=scalar(heads), batch_first=scalar(bf), norm_first=scalar(nf))
        kw = {}
        if masks:
            kw["src_mask"] = torch.ones(S, S, dtype=torch.bool).triu(1)
            kpm = torch.zeros(N, S, dtype=torch.bool)
            kpm[0, -1] = True
            kw["src_key_padding_mask"] = kpm
        inputs.update(kw)
        out = layer(src, **kw)
        label = "seed%d S%d N%d E%d heads%d F%d%s%s %s%s" % (seed, S, N, E, heads, ff, " batch_first" if bf else "",
                                                          " norm_first" if nf else " post-norm", DTYPES[dtype],
                                                          " masks" if masks else "")
        cases.append(case(label, inputs, {"output": out}))
    return cases


def positional_cases():
    cases = []
    for seed, L, N, E, bf, dtype in [(41, 7, 2, 6, False, torch.float64), (42, 1, 1, 5, True, torch.float32),
                                      (43, 50, 3, 16, False, torch.float32)]:
        torch.manual_seed(seed)
        x = torch.randn((N, L, E) if bf else (L, N, E), dtype=dtype)
        position = torch.arange(L, dtype=torch.float64).unsqueeze(1)
        div = torch.exp(torch.arange(0, E, 2, dtype=torch.float64) * (-math.log(10000.0) / E))
        pe = torch.zeros(L, E, dtype=torch.float64)
        pe[:, 0::2] = torch.sin(position * div)
        pe[:, 1::2] = torch.cos(position * div)[:, :E // 2]
        pe = pe.to(dtype)
        out = x + (pe.unsqueeze(0) if bf else pe.unsqueeze(1))
        cases.append(case("seed%d L%d N%d E%d%s %s" % (seed, L, N, E, " batch_first" if bf else "", DTYPES[dtype]),
                          {"input": x, "batch_first": scalar(bf)}, {"encoding": pe, "output": out}))
    return cases


def mlp(sizes, hidden, last):
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(nn.Linear(sizes[i], sizes[i + 1]))
        layers.append(hidden() if i + 2 < len(sizes) else last())
    return nn.Sequential(*layers)


def autoencoder_cases(corruption):
    """corruption: None, "noise" (input + noise) or "mask" (input * a 0/1 mask, Vincent et al.'s masking noise)."""
    cases = []
    # (seed, N, D, hidden sizes, code, dtype, bce)
    for seed, N, D, hidden, code, dtype, bce in [(51, 4, 6, [5], 3, torch.float32, False),
                                                 (52, 1, 3, [], 2, torch.float64, True),
                                                 (53, 5, 8, [7, 4], 2, torch.float64, False)]:
        torch.manual_seed(seed)
        enc = mlp([D] + hidden + [code], nn.ReLU, nn.Identity).to(dtype)
        dec = mlp([code] + hidden[::-1] + [D], nn.ReLU, nn.Sigmoid).to(dtype)
        x = torch.rand(N, D, dtype=dtype)
        x[0, 0], x[-1, -1] = 0.0, 1.0
        inputs = dict(params(enc, "encoder."), **params(dec, "decoder."), input=x, bce_loss=scalar(bce))
        seen = x
        if corruption == "noise":
            inputs["noise"] = torch.randn(N, D, dtype=dtype) * 0.3
            seen = x + inputs["noise"]
        elif corruption == "mask":
            inputs["mask"] = (torch.rand(N, D) < 0.7).to(dtype)
            inputs["mask"][-1, -1] = 0.0  # x[-1, -1] is 1, so the mask visibly drops an entry
            seen = x * inputs["mask"]
        c = enc(seen)
        r = dec(c)
        loss = F.binary_cross_entropy(r, x) if bce else F.mse_loss(r, x)
        label = "seed%d N%d D%d hidden%s code%d %s %s" % (seed, N, D, hidden, code, DTYPES[dtype], "bce" if bce else "mse")
        cases.append(case(label, inputs, {"code": c, "reconstruction": r, "loss": loss}))
    return cases


def vae_cases():
    cases = []
    for seed, N, D, H, Z, dtype, mse in [(61, 4, 6, 5, 2, torch.float32, False), (62, 1, 3, 4, 1, torch.float64, False),
                                         (63, 3, 7, 6, 3, torch.float64, True)]:
        torch.manual_seed(seed)
        enc = mlp([D, H], nn.ReLU, nn.ReLU).to(dtype)
        fc_mu, fc_logvar = nn.Linear(H, Z).to(dtype), nn.Linear(H, Z).to(dtype)
        dec = mlp([Z, H, D], nn.ReLU, nn.Sigmoid).to(dtype)
        x = torch.rand(N, D, dtype=dtype)
        x[0, 0] = 1.0
        eps = torch.randn(N, Z, dtype=dtype)
        h = enc(x)
        mu, logvar = fc_mu(h), fc_logvar(h)
        z = mu + eps * torch.exp(0.5 * logvar)
        r = dec(z)
        rec = F.mse_loss(r, x, reduction="sum") if mse else F.binary_cross_entropy(r, x, reduction="sum")
        kl = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
        inputs = dict(params(enc, "encoder."), **params(fc_mu, "fc_mu."), **params(fc_logvar, "fc_logvar."),
                      **params(dec, "decoder."), input=x, eps=eps, mse_loss=scalar(mse))
        cases.append(case("seed%d N%d D%d H%d Z%d %s %s" % (seed, N, D, H, Z, DTYPES[dtype], "mse" if mse else "bce"),
                          inputs, {"mu": mu, "logvar": logvar, "z": z, "reconstruction": r,
                                   "reconstruction_loss": rec, "kl": kl, "loss": rec + kl}))
    return cases


def gan_cases():
    cases = []
    # (seed, N, Z, H, D, dtype, adam, lr, separate generator noise)
    for seed, N, Z, H, D, dtype, adam, lr, separate in [(71, 4, 3, 5, 2, torch.float32, False, 0.1, False),
                                                        (72, 1, 2, 3, 4, torch.float64, True, 0.01, True),
                                                        (73, 6, 4, 6, 3, torch.float64, False, 0.5, True),
                                                        (74, 3, 2, 4, 2, torch.float32, True, 0.002, False)]:
        torch.manual_seed(seed)
        gen = mlp([Z, H, D], nn.ReLU, nn.Tanh).to(dtype)
        disc = mlp([D, H, 1], lambda: nn.LeakyReLU(0.2), nn.Identity).to(dtype)
        inputs = dict(params(gen, "generator."), **params(disc, "discriminator."))
        real = torch.randn(N, D, dtype=dtype)
        noise = torch.randn(N, Z, dtype=dtype)
        g_noise = torch.randn(N, Z, dtype=dtype) if separate else noise
        inputs.update(real=real, noise=noise, lr=torch.tensor(lr, dtype=torch.float64), adam=scalar(adam))
        if separate:
            inputs["generator_noise"] = g_noise
        opt = (lambda ps: torch.optim.Adam(ps, lr=lr)) if adam else (lambda ps: torch.optim.SGD(ps, lr=lr))
        opt_d, opt_g = opt(disc.parameters()), opt(gen.parameters())
        bce = nn.BCEWithLogitsLoss()
        fake = gen(noise)
        d_loss = bce(disc(real), torch.ones(N, 1, dtype=dtype)) + bce(disc(fake.detach()), torch.zeros(N, 1, dtype=dtype))
        opt_d.zero_grad()
        d_loss.backward()
        opt_d.step()
        g_loss = bce(disc(gen(g_noise)), torch.ones(N, 1, dtype=dtype))
        opt_g.zero_grad()
        g_loss.backward()
        opt_g.step()
        expected = dict(params(gen, "generator."), **params(disc, "discriminator."), d_loss=d_loss, g_loss=g_loss)
        label = "seed%d N%d Z%d H%d D%d %s %s lr%g%s" % (seed, N, Z, H, D, DTYPES[dtype], "adam" if adam else "sgd", lr,
                                                       " generator_noise" if separate else "")
        cases.append(case(label, inputs, expected))
    return cases


class Seq2SeqModule(nn.Module):
    def __init__(self, vs, vt, e, h, layers, lstm):
        super().__init__()
        rnn = nn.LSTM if lstm else nn.GRU
        self.encoder_embedding = nn.Embedding(vs, e)
        self.encoder = rnn(e, h, num_layers=layers)
        self.decoder_embedding = nn.Embedding(vt, e)
        self.decoder = rnn(e, h, num_layers=layers)
        self.output = nn.Linear(h, vt)

    def forward(self, source, target, bos, ignore):
        _, state = self.encoder(self.encoder_embedding(source))
        shifted = torch.cat([torch.full((1, target.shape[1]), bos, dtype=torch.int64), target[:-1]])
        out, _ = self.decoder(self.decoder_embedding(shifted), state)
        logits = self.output(out)
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), target.reshape(-1), ignore_index=ignore)
        return logits, loss


def seq2seq_cases():
    cases = []
    # (seed, S, T, N, V_src, V_tgt, E, H, layers, lstm, dtype, pad)
    for seed, S, T, N, vs, vt, e, h, layers, lstm, dtype, pad in [
            (81, 5, 4, 2, 7, 6, 3, 4, 1, False, torch.float32, False),
            (82, 1, 1, 1, 3, 4, 2, 3, 1, True, torch.float32, False),
            (83, 4, 6, 3, 5, 8, 4, 5, 2, True, torch.float64, True),
            (84, 3, 3, 2, 6, 5, 3, 2, 2, False, torch.float64, True)]:
        torch.manual_seed(seed)
        m = Seq2SeqModule(vs, vt, e, h, layers, lstm).to(dtype)
        source = torch.randint(0, vs, (S, N))
        target = torch.randint(1, vt, (T, N))
        ignore = -100
        if pad:
            ignore = 0
            target[-1, 0] = 0
        logits, loss = m(source, target, 1, ignore)
        inputs = dict(params(m), source=source, target=target, bos_index=scalar(1), ignore_index=scalar(ignore),
                      lstm=scalar(lstm), num_layers=scalar(layers))
        label = "seed%d S%d T%d N%d V%d->%d E%d H%d layers%d %s %s%s" % (
            seed, S, T, N, vs, vt, e, h, layers, "lstm" if lstm else "gru", DTYPES[dtype], " padded" if pad else "")
        cases.append(case(label, inputs, {"logits": logits, "loss": loss}))
    return cases


def greedy(m, source, bos, steps):
    """Greedy decoding with torch's own GRU/LSTM: each step reads the previous step's argmax."""
    _, state = m.encoder(m.encoder_embedding(source))
    token = torch.full((1, source.shape[1]), bos, dtype=torch.int64)
    tokens, logits = [], []
    for _ in range(steps):
        out, state = m.decoder(m.decoder_embedding(token), state)
        step = m.output(out)
        token = step.argmax(-1)
        tokens.append(token)
        logits.append(step)
    return torch.cat(tokens), torch.cat(logits)


def seq2seq_greedy_cases():
    cases = []
    # (seed, S, T, N, V_src, V_tgt, E, H, layers, lstm, dtype)
    for seed, S, T, N, vs, vt, e, h, layers, lstm, dtype in [
            (91, 5, 4, 2, 7, 6, 3, 4, 1, False, torch.float64),
            (92, 1, 1, 1, 3, 4, 2, 3, 1, True, torch.float32),
            (93, 4, 6, 3, 5, 8, 4, 5, 2, True, torch.float64),
            (94, 3, 3, 2, 6, 5, 3, 2, 2, False, torch.float32)]:
        torch.manual_seed(seed)
        m = Seq2SeqModule(vs, vt, e, h, layers, lstm).to(dtype)
        source = torch.randint(0, vs, (S, N))
        with torch.no_grad():
            tokens, logits = greedy(m, source, 1, T)
        inputs = dict(params(m), source=source, max_length=scalar(T), bos_index=scalar(1), lstm=scalar(lstm),
                      num_layers=scalar(layers))
        label = "seed%d S%d T%d N%d V%d->%d E%d H%d layers%d %s %s" % (
            seed, S, T, N, vs, vt, e, h, layers, "lstm" if lstm else "gru", DTYPES[dtype])
        cases.append(case(label, inputs, {"tokens": tokens, "logits": logits}))
    return cases


def main():
    if len(sys.argv) != 2:
        sys.stderr.write(__doc__)
        sys.exit(2)
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    models = {name: (lambda n=name: recurrent_cases(n)) for name in RECURRENT}
    models.update({name: (lambda n=name: cell_cases(n)) for name in CELLS})
    models.update({
        "dot_product_attention": lambda: attention_cases("dot_product_attention"),
        "scaled_dot_product_attention": lambda: attention_cases("scaled_dot_product_attention"),
        "multihead_attention": mha_cases,
        "transformer_encoder_layer": transformer_cases,
        "positional_encoding": positional_cases,
        "autoencoder": lambda: autoencoder_cases(None),
        "denoising_autoencoder": lambda: autoencoder_cases("noise"),
        "masked_denoising_autoencoder": lambda: autoencoder_cases("mask"),
        "vae": vae_cases,
        "gan_step": gan_cases,
        "seq2seq": seq2seq_cases,
        "seq2seq_greedy": seq2seq_greedy_cases,
    })
    for name, make in models.items():
        with open(os.path.join(out, name + ".json"), "w") as f:
            json.dump(make(), f)
    print("wrote %d models to %s" % (len(models), out))


if __name__ == "__main__":
    main()
