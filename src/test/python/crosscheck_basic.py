#!/usr/bin/python3
"""Cross-check cases for the basic reference models, computed with PyTorch.

Usage: crosscheck_basic.py OUTPUT_DIR

Writes OUTPUT_DIR/<model>.json for every model of BasicModels: a list of cases, each with named
inputs and the outputs torch.nn / torch.nn.functional / torch.optim give for them. Tensors are
{"dtype", "shape", "values"}; floats are written with repr() so they round-trip exactly.
"""
import json
import os
import sys

try:
    import torch
    import torch.nn.functional as F
except ImportError as missing:
    sys.exit(f"crosscheck_basic.py needs PyTorch for {sys.executable}: {missing}")

SEEDS = (0, 1, 2)
FLOATS = (torch.float32, torch.float64)
DTYPES = {torch.float32: "float32", torch.float64: "float64", torch.int64: "int64",
          torch.int32: "int32", torch.bool: "bool", torch.uint8: "uint8"}
CASES = {}


def encode(t):
    t = torch.as_tensor(t).detach()
    values = t.flatten().tolist()
    if t.dtype == torch.bool:
        values = [1 if v else 0 for v in values]
    return {"dtype": DTYPES[t.dtype], "shape": list(t.shape), "values": values}


def case(model, label, inputs, outputs):
    CASES.setdefault(model, []).append({
        "case": f"{model}/{label}",
        "inputs": {k: encode(v) for k, v in inputs.items()},
        "outputs": {k: encode(v) for k, v in outputs.items()},
    })


def f64(v):
    return torch.tensor(v, dtype=torch.float64)


def i64(v):
    return torch.tensor(v, dtype=torch.int64)


def randn(g, dtype, *shape, scale=1.0):
    return (torch.randn(tuple(shape), generator=g, dtype=torch.float64) * scale).to(dtype)


def away_from(x, points, margin=1e-3):
    """Moves values off the kinks where a derivative is not defined."""
    for p in points:
        x = torch.where((x - p).abs() < margin, x + 4 * margin, x)
    return x


def with_derivative(fn, x):
    x = x.clone().requires_grad_(True)
    y = fn(x)
    (dy,) = torch.autograd.grad(y.sum(), x)
    return y.detach(), dy


def activations(g, dtype, label):
    shapes = [(5,), (3, 4), (1, 7), (2, 3, 5), ()]
    large = torch.tensor([-1000.0, -88.5, -20.0, 0.0, 20.0, 88.5, 1000.0], dtype=dtype)
    for shape in shapes:
        x = randn(g, dtype, *shape, scale=3.0)
        smooth = away_from(x, [0.0, 1.0])
        lab = f"{label}/{'x'.join(map(str, shape)) or '0d'}"
        case("step", lab, {"x": x}, {"y": torch.heaviside(x, torch.ones((), dtype=dtype))})
        case("sign", lab, {"x": x}, {"y": torch.sign(x)})
        y, dy = with_derivative(lambda t: t.clamp(0, 1), smooth)
        case("ramp", lab, {"x": smooth}, {"y": y, "dy_dx": dy})
        v, b, z = (float(torch.randn((), generator=g)) for _ in range(3))
        y, dy = with_derivative(lambda t: z + torch.sigmoid(t * v - b), x)
        case("parametric_sigmoid", lab, {"x": x, "v": f64(v), "y": f64(b), "z": f64(z)}, {"y": y, "dy_dx": dy})
        y, dy = with_derivative(lambda t: torch.exp(-t * t), x)
        case("gaussian", lab, {"x": x}, {"y": y, "dy_dx": dy})
        y, dy = with_derivative(torch.tanh, x)
        case("tanh", lab, {"x": x}, {"y": y, "dy_dx": dy})
        y, dy = with_derivative(F.relu, smooth)
        case("relu", lab, {"x": smooth}, {"y": y, "dy_dx": dy})
        slope = float(torch.rand((), generator=g)) * 0.3
        y, dy = with_derivative(lambda t: F.leaky_relu(t, slope), smooth)
        case("leaky_relu", lab, {"x": smooth, "slope": f64(slope)}, {"y": y, "dy_dx": dy})
        alpha = 0.5 + float(torch.rand((), generator=g))
        y, dy = with_derivative(lambda t: F.elu(t, alpha), smooth)
        case("elu", lab, {"x": smooth, "alpha": f64(alpha)}, {"y": y, "dy_dx": dy})
        dim = int(torch.randint(-len(shape), len(shape), (), generator=g)) if shape else -1
        case("softmax", lab, {"x": x, "dim": i64(dim)}, {"y": F.softmax(x, dim)})
        case("log_softmax", lab, {"x": x, "dim": i64(dim)}, {"y": F.log_softmax(x, dim)})
    for name, fn in (("step", lambda t: torch.heaviside(t, torch.ones((), dtype=dtype))), ("sign", torch.sign),
                     ("softmax", lambda t: F.softmax(t, -1)), ("log_softmax", lambda t: F.log_softmax(t, -1))):
        case(name, f"{label}/large", {"x": large}, {"y": fn(large)})
    big = torch.stack([large, -large, large * 0.5])
    case("softmax", f"{label}/large-2d", {"x": big, "dim": i64(0)}, {"y": F.softmax(big, 0)})
    case("log_softmax", f"{label}/large-2d", {"x": big, "dim": i64(1)}, {"y": F.log_softmax(big, 1)})
    no_zero = large[large != 0]
    for name, fn in (("tanh", torch.tanh), ("relu", F.relu), ("elu", F.elu), ("gaussian", lambda t: torch.exp(-t * t))):
        y, dy = with_derivative(fn, no_zero)
        case(name, f"{label}/large", {"x": no_zero}, {"y": y, "dy_dx": dy})
    y, dy = with_derivative(lambda t: 2.0 + torch.sigmoid(t * 3.0 - 0.5), large)
    case("parametric_sigmoid", f"{label}/large", {"x": large, "v": f64(3.0), "y": f64(0.5), "z": f64(2.0)},
         {"y": y, "dy_dx": dy})
    for shape, pieces in (((3, 6), 2), ((1, 9), 3), ((2, 3, 8), 4)):
        x = randn(g, dtype, *shape)
        y = x.reshape(*shape[:-1], shape[-1] // pieces, pieces).max(-1).values
        case("maxout", f"{label}/{pieces}", {"x": x, "pieces": i64(pieces)}, {"y": y})


def neurons(g, dtype, label):
    for n, count in ((2, 4), (3, 8), (5, 1)):
        x = torch.randint(0, 2, (count, n), generator=g).to(dtype)
        w = torch.randint(-1, 3, (n,), generator=g).to(dtype)
        threshold = float(torch.randint(-1, 3, (), generator=g))
        y = (x @ w >= threshold).to(dtype)
        case("mcculloch_pitts", f"{label}/{n}", {"x": x, "weight": w, "threshold": f64(threshold)}, {"y": y})
    for n, d, epochs in ((6, 2, 4), (1, 3, 3), (10, 4, 5)):
        x = torch.randint(-2, 3, (n, d), generator=g).to(dtype)
        t = torch.randint(0, 2, (n,), generator=g).to(dtype)
        w, b = torch.zeros(d, dtype=dtype), torch.zeros((), dtype=dtype)
        lr = 1.0 if dtype == torch.float32 else 0.25
        weights, biases, errors = [], [], []
        for _ in range(epochs):
            wrong = 0
            for i in range(n):
                err = t[i] - (torch.dot(x[i], w) + b >= 0).to(dtype)
                wrong += int(err != 0)
                w, b = w + lr * err * x[i], b + lr * err
                weights.append(w)
                biases.append(b)
            errors.append(wrong)
        case("perceptron", f"{label}/{n}x{d}",
             {"x": x, "target": t, "lr": f64(lr), "epochs": i64(epochs)},
             {"weights": torch.stack(weights), "biases": torch.stack(biases), "errors": i64(errors)})
    for n, d in ((5, 3), (1, 4), (8, 1)):
        layer = torch.nn.Linear(d, 1).to(dtype)
        x, t = randn(g, dtype, n, d), torch.randint(0, 2, (n,), generator=g).to(dtype)
        p = torch.sigmoid(layer(x)).squeeze(1)
        loss = F.binary_cross_entropy(p, t)
        loss.backward()
        case("logistic_node", f"{label}/{n}x{d}",
             {"x": x, "target": t, "weight": layer.weight, "bias": layer.bias},
             {"p": p, "loss": loss, "weight_grad": layer.weight.grad, "bias_grad": layer.bias.grad})


def saturated(dtype, label):
    """The cases where only torch's clamp of each log at -100 keeps binary cross-entropy finite."""
    saturated_logistic_node(dtype, label)
    p = torch.tensor([0.0, 0.0, 1.0, 1.0, 1e-30, 1 - 1e-7], dtype=dtype)
    tb = torch.tensor([0.0, 1.0, 0.0, 1.0, 1.0, 0.0], dtype=dtype)
    pg = p.clone().requires_grad_(True)
    loss = F.binary_cross_entropy(pg, tb)
    (grad,) = torch.autograd.grad(loss, pg)
    case("bce", f"{label}/exact-0-and-1", {"input": p, "target": tb}, {"loss": loss, "grad": grad})


def saturated_logistic_node(dtype, label):
    """Logits of +-50 and +-800 with both targets: p is exactly 0 or 1, so only the clamp at -100
    keeps binary_cross_entropy finite. The gradients are those through the logits
    (binary_cross_entropy_with_logits), i.e. (p - t) x / N, which autograd through a sigmoid
    that rounded to 1 would lose."""
    z = torch.tensor([[50.0], [50.0], [-50.0], [-50.0], [800.0], [800.0], [-800.0], [-800.0]], dtype=dtype)
    t = torch.tensor([1, 0, 1, 0, 1, 0, 1, 0], dtype=dtype)
    weight = torch.ones(1, 1, dtype=dtype, requires_grad=True)
    bias = torch.zeros(1, dtype=dtype, requires_grad=True)
    logits = (z @ weight.T + bias).squeeze(1)
    p = torch.sigmoid(logits)
    loss = F.binary_cross_entropy(p, t)
    F.binary_cross_entropy_with_logits(logits, t).backward()
    case("logistic_node", f"{label}/saturated",
         {"x": z, "target": t, "weight": weight, "bias": bias},
         {"p": p, "loss": loss, "weight_grad": weight.grad, "bias_grad": bias.grad})


def mlps(g, dtype, label):
    acts = {1: torch.sigmoid, 2: torch.tanh, 3: F.relu, 0: lambda t: t}
    for sizes, hidden, output, bias in (([3, 5, 2], 1, 0, True), ([4, 1], 2, 1, True),
                                         ([2, 3, 4, 1], 3, 0, False), ([6, 7, 3], 2, 2, True)):
        n = int(torch.randint(1, 5, (), generator=g))
        layers = [torch.nn.Linear(a, b, bias=bias).to(dtype) for a, b in zip(sizes, sizes[1:])]
        x = randn(g, dtype, n, sizes[0])
        inputs = {"x": x, "activation": i64(hidden), "output_activation": i64(output)}
        h = x
        for i, layer in enumerate(layers):
            h = acts[output if i == len(layers) - 1 else hidden](layer(h))
            inputs[f"layers.{i}.weight"] = layer.weight
            if bias:
                inputs[f"layers.{i}.bias"] = layer.bias
        case("mlp", f"{label}/{'-'.join(map(str, sizes))}", inputs, {"y": h})
        net = torch.nn.Sequential(*layers)
        count = sum(p.numel() for p in net.parameters())
        case("parameter_count", f"{label}/{'-'.join(map(str, sizes))}/{bias}",
             {"sizes": i64(sizes), "bias": i64(int(bias))}, {"count": i64(count)})
    for n, i, h, o in ((1, 2, 2, 2), (5, 3, 4, 2), (3, 1, 6, 3)):
        hidden, out = torch.nn.Linear(i, h).to(dtype), torch.nn.Linear(h, o).to(dtype)
        x, t = randn(g, dtype, n, i), torch.rand(n, o, generator=g, dtype=torch.float64).to(dtype)
        lr = 0.5 + float(torch.rand((), generator=g))
        hid = torch.sigmoid(hidden(x))
        y = torch.sigmoid(out(hid))
        loss = 0.5 * ((t - y) ** 2).sum() / n
        loss.backward()
        params = {"hidden.weight": hidden.weight, "hidden.bias": hidden.bias,
                  "output.weight": out.weight, "output.bias": out.bias}
        inputs = {"x": x, "target": t, "lr": f64(lr)}
        inputs.update({k: p.detach().clone() for k, p in params.items()})
        outputs = {"hidden": hid, "output": y, "loss": loss}
        outputs.update({k + ".grad": p.grad.clone() for k, p in params.items()})
        torch.optim.SGD(list(params.values()), lr=lr).step()
        outputs.update({k + ".updated": p for k, p in params.items()})
        case("sigmoid_backprop", f"{label}/{n}-{i}-{h}-{o}", inputs, outputs)


def losses(g, dtype, label):
    for shape in ((4,), (3, 5), (1, 1), (2, 3, 4)):
        x, t = randn(g, dtype, *shape), randn(g, dtype, *shape)
        xg = x.clone().requires_grad_(True)
        loss = F.mse_loss(xg, t)
        (grad,) = torch.autograd.grad(loss, xg)
        lab = f"{label}/{'x'.join(map(str, shape))}"
        case("mse", lab, {"input": x, "target": t}, {"loss": loss, "grad": grad})
        p = torch.rand(*shape, generator=g, dtype=torch.float64).to(dtype)
        p.view(-1)[0] = 0.0
        p.view(-1)[-1] = 1.0
        tb = torch.randint(0, 2, shape, generator=g).to(dtype)
        eps = 1e-7 if dtype == torch.float64 else 1e-6
        pg = p.clone().requires_grad_(True)
        loss = F.binary_cross_entropy(pg.clamp(eps, 1 - eps), tb)
        (grad,) = torch.autograd.grad(loss, pg)
        case("bce", lab, {"input": p, "target": tb, "eps": f64(eps)}, {"loss": loss, "grad": grad})
        loss = F.binary_cross_entropy(pg, tb)
        (grad,) = torch.autograd.grad(loss, pg)
        case("bce", lab + "/torch", {"input": p, "target": tb}, {"loss": loss, "grad": grad})
    for n, c, scale in ((4, 3, 1.0), (1, 5, 2.0), (6, 2, 1000.0)):
        x = randn(g, dtype, n, c, scale=scale)
        t = torch.randint(0, c, (n,), generator=g)
        xg = x.clone().requires_grad_(True)
        loss = F.cross_entropy(xg, t)
        (grad,) = torch.autograd.grad(loss, xg)
        case("cross_entropy", f"{label}/{n}x{c}/{scale}", {"input": x, "target": t}, {"loss": loss, "grad": grad})


def sgd_like(dtype, p, g, state, **options):
    param = torch.nn.Parameter(p.clone())
    param.grad = g.clone()
    opt = options.pop("optimiser")([param], **options)
    if state:
        opt.state[param].update({k: v.clone() for k, v in state.items()})
    opt.step()
    return param.detach(), opt.state[param]


def optimisers(g, dtype, label):
    for shape in ((5,), (3, 4), (1,)):
        p, grad = randn(g, dtype, *shape), randn(g, dtype, *shape)
        lab = f"{label}/{'x'.join(map(str, shape))}"
        lr, l1, l2 = 0.1, 0.01, 0.05
        param, _ = sgd_like(dtype, p, grad + l1 * torch.sign(p), None, optimiser=torch.optim.SGD, lr=lr,
                            weight_decay=l2)
        case("gd_step", lab, {"param": p, "grad": grad, "lr": f64(lr), "l1": f64(l1), "l2": f64(l2)},
             {"param": param})
        param, _ = sgd_like(dtype, p, grad, None, optimiser=torch.optim.SGD, lr=lr)
        case("gd_step", lab + "/plain", {"param": p, "grad": grad, "lr": f64(lr)}, {"param": param})
        buf = randn(g, dtype, *shape)
        for name, nesterov in (("momentum_step", False), ("nesterov_step", True)):
            for state in (None, {"momentum_buffer": buf}):
                damp = 0.0 if nesterov else 0.1
                param, st = sgd_like(dtype, p, grad, state, optimiser=torch.optim.SGD, lr=lr, momentum=0.8,
                                     dampening=damp, nesterov=nesterov, weight_decay=l2)
                inputs = {"param": p, "grad": grad, "lr": f64(lr), "momentum": f64(0.8),
                          "dampening": f64(damp), "weight_decay": f64(l2)}
                if state:
                    inputs["momentum_buffer"] = buf
                case(name, lab + ("/first" if state is None else "/later"), inputs,
                     {"param": param, "momentum_buffer": st["momentum_buffer"]})
        m1, m2 = randn(g, dtype, *shape) * 0.1, torch.rand(*shape, generator=g, dtype=torch.float64).to(dtype) * 0.01
        for step, state in ((1, None), (7, {"exp_avg": m1, "exp_avg_sq": m2, "step": torch.tensor(6.0)})):
            param, st = sgd_like(dtype, p, grad, state, optimiser=torch.optim.Adam, lr=0.01,
                                 betas=(0.85, 0.995), eps=1e-8, weight_decay=0.02)
            inputs = {"param": p, "grad": grad, "step": i64(step), "lr": f64(0.01), "beta1": f64(0.85),
                      "beta2": f64(0.995), "eps": f64(1e-8), "weight_decay": f64(0.02)}
            if state:
                inputs.update({"exp_avg": m1, "exp_avg_sq": m2})
            case("adam_step", f"{lab}/t{step}", inputs,
                 {"param": param, "exp_avg": st["exp_avg"], "exp_avg_sq": st["exp_avg_sq"]})
        for clip in (0.5, 10.0):
            param = torch.nn.Parameter(p.clone())
            param.grad = grad.clone()
            torch.nn.utils.clip_grad_value_([param], clip)
            case("clip_grad_value", f"{lab}/{clip}", {"grad": grad, "clip_value": f64(clip)}, {"grad": param.grad})
            for norm_type in (2.0, 1.0, 3.0):
                param.grad = grad.clone()
                total = torch.nn.utils.clip_grad_norm_([param], clip, norm_type)
                case("clip_grad_norm", f"{lab}/{clip}/p{norm_type}",
                     {"grad": grad, "max_norm": f64(clip), "norm_type": f64(norm_type)},
                     {"grad": param.grad, "total_norm": total})
    for n, d, batch, epochs in ((7, 3, 2, 2), (5, 1, 5, 3), (4, 2, 1, 1)):
        x, y = randn(g, dtype, n, d), randn(g, dtype, n)
        layer = torch.nn.Linear(d, 1).to(dtype)
        inputs = {"x": x, "y": y, "weight": layer.weight.detach().clone(), "bias": layer.bias.detach().clone(),
                  "lr": f64(0.05), "batch_size": i64(batch), "epochs": i64(epochs)}
        opt = torch.optim.SGD(layer.parameters(), lr=0.05)
        weights, biases, losses_ = [], [], []
        for _ in range(epochs):
            for start in range(0, n, batch):
                opt.zero_grad()
                loss = F.mse_loss(layer(x[start:start + batch]).squeeze(1), y[start:start + batch])
                loss.backward()
                opt.step()
                losses_.append(loss.detach())
                weights.append(layer.weight.detach().clone().reshape(d))
                biases.append(layer.bias.detach().clone().reshape(()))
        case("sgd_minibatch", f"{label}/{n}x{d}/b{batch}", inputs,
             {"weights": torch.stack(weights), "biases": torch.stack(biases), "losses": torch.stack(losses_)})


def normalisation(g, dtype, label):
    for shape in ((3, 4), (7, 1, 5), (1, 4)):
        p = 0.3
        x = randn(g, dtype, *shape)
        mask = (torch.rand(*shape, generator=g) > p).to(dtype)
        case("dropout", f"{label}/{'x'.join(map(str, shape))}", {"x": x, "mask": mask, "p": f64(p)},
             {"y": x * mask / (1 - p)})
    for shape in ((4, 3), (2, 3, 5), (2, 3, 5, 4), (1, 2, 3, 3)):
        c = shape[1]
        x = randn(g, dtype, *shape, scale=2.0) + 1.5
        w, b = randn(g, dtype, c), randn(g, dtype, c)
        rm, rv = randn(g, dtype, c), torch.rand(c, generator=g, dtype=torch.float64).to(dtype) + 0.5
        lab = f"{label}/{'x'.join(map(str, shape))}"
        axes = [a for a in range(len(shape)) if a != 1]
        rm2, rv2 = rm.clone(), rv.clone()
        y = F.batch_norm(x, rm2, rv2, w, b, training=True, momentum=0.2, eps=1e-4)
        inputs = {"x": x, "weight": w, "bias": b, "running_mean": rm, "running_var": rv,
                  "momentum": f64(0.2), "eps": f64(1e-4)}
        case("batch_norm_train", lab, inputs,
             {"y": y, "batch_mean": x.mean(axes), "batch_var": x.var(axes, unbiased=False),
              "running_mean": rm2, "running_var": rv2})
        case("batch_norm_eval", lab, inputs, {"y": F.batch_norm(x, rm, rv, w, b, training=False, eps=1e-4)})
        rm3, rv3 = torch.zeros(c, dtype=dtype), torch.ones(c, dtype=dtype)
        y = F.batch_norm(x, rm3, rv3, None, None, training=True)
        case("batch_norm_train", lab + "/defaults", {"x": x},
             {"y": y, "batch_mean": x.mean(axes), "batch_var": x.var(axes, unbiased=False),
              "running_mean": rm3, "running_var": rv3})
    for shape, dims in (((3, 5), 1), ((2, 3, 4), 2), ((1, 6), 1), ((2, 2, 3, 3), 3)):
        x = randn(g, dtype, *shape, scale=3.0)
        ns = shape[-dims:]
        w, b = randn(g, dtype, *ns), randn(g, dtype, *ns)
        lab = f"{label}/{'x'.join(map(str, shape))}"
        case("layer_norm", lab, {"x": x, "weight": w, "bias": b}, {"y": F.layer_norm(x, ns, w, b, 1e-5)})
        case("layer_norm", lab + "/plain", {"x": x, "normalized_dims": i64(dims), "eps": f64(1e-3)},
             {"y": F.layer_norm(x, ns, None, None, 1e-3)})


def pair(v):
    return i64(list(v)) if isinstance(v, tuple) else i64(v)


def convolutions(g, dtype, label):
    for n, cin, cout, length, k, stride, pad, dil, bias in ((2, 3, 4, 11, 3, 2, 1, 1, True),
                                                           (1, 1, 2, 7, 4, 1, 0, 2, False),
                                                           (3, 2, 5, 9, 2, 3, 2, 1, True)):
        x, w = randn(g, dtype, n, cin, length), randn(g, dtype, cout, cin, k)
        b = randn(g, dtype, cout) if bias else None
        inputs = {"x": x, "weight": w, "stride": i64(stride), "padding": i64(pad), "dilation": i64(dil)}
        if bias:
            inputs["bias"] = b
        case("conv1d", f"{label}/{n}x{cin}x{length}/k{k}s{stride}p{pad}d{dil}", inputs,
             {"y": F.conv1d(x, w, b, stride, pad, dil)})
    for n, cin, cout, hw, k, stride, pad, dil, bias in ((2, 3, 4, (7, 9), (3, 3), 2, 1, 1, True),
                                                       (1, 1, 2, (5, 5), (3, 2), (2, 1), (0, 1), 1, False),
                                                       (2, 2, 3, (8, 7), (3, 3), 1, 2, (2, 1), True),
                                                       (1, 3, 1, (6, 6), (1, 1), 3, 0, 1, True)):
        x, w = randn(g, dtype, n, cin, *hw), randn(g, dtype, cout, cin, *k)
        b = randn(g, dtype, cout) if bias else None
        inputs = {"x": x, "weight": w, "stride": pair(stride), "padding": pair(pad), "dilation": pair(dil)}
        if bias:
            inputs["bias"] = b
        case("conv2d", f"{label}/{n}x{cin}x{hw}/k{k}s{stride}p{pad}d{dil}", inputs,
             {"y": F.conv2d(x, w, b, stride, pad, dil)})
    for n, cin, cout, hw, k, stride, pad, opad, dil in ((2, 3, 2, (4, 5), (3, 3), 2, 1, 1, 1),
                                                       (1, 1, 1, (3, 3), (2, 2), 1, 0, 0, 1),
                                                       (1, 2, 3, (5, 4), (3, 2), (3, 2), (3, 1), (1, 0), 1),
                                                       (2, 2, 2, (3, 4), (3, 3), 2, 1, 0, 2)):
        x, w, b = randn(g, dtype, n, cin, *hw), randn(g, dtype, cin, cout, *k), randn(g, dtype, cout)
        inputs = {"x": x, "weight": w, "bias": b, "stride": pair(stride), "padding": pair(pad),
                  "output_padding": pair(opad), "dilation": pair(dil)}
        case("conv_transpose2d", f"{label}/{n}x{cin}x{hw}/k{k}s{stride}p{pad}o{opad}d{dil}", inputs,
             {"y": F.conv_transpose2d(x, w, b, stride, pad, opad, 1, dil)})
    for n, c, hw, k, stride, pad, ceil in ((2, 3, (7, 7), 2, 2, 0, False), (1, 2, (9, 8), 3, 2, 1, True),
                                          (1, 1, (5, 6), (3, 2), (1, 2), (1, 0), False)):
        x = randn(g, dtype, n, c, *hw)
        inputs = {"x": x, "kernel_size": pair(k), "stride": pair(stride), "padding": pair(pad),
                  "ceil_mode": i64(int(ceil))}
        lab = f"{label}/{n}x{c}x{hw}/k{k}s{stride}p{pad}c{ceil}"
        case("max_pool2d", lab, inputs, {"y": F.max_pool2d(x, k, stride, pad, ceil_mode=ceil)})
        case("avg_pool2d", lab, inputs, {"y": F.avg_pool2d(x, k, stride, pad, ceil_mode=ceil)})
        case("avg_pool2d", lab + "/exclude-pad", dict(inputs, count_include_pad=i64(0)),
             {"y": F.avg_pool2d(x, k, stride, pad, ceil_mode=ceil, count_include_pad=False)})
    x = randn(g, dtype, 1, 2, 6, 6)
    case("max_pool2d", f"{label}/default-stride", {"x": x, "kernel_size": i64(2)}, {"y": F.max_pool2d(x, 2)})


def networks(g, dtype, label):
    for n, cin, size, pad, widths in ((2, 1, 28, 2, (6, 16, 120, 84, 10)), (1, 3, 32, 0, (4, 8, 32, 16, 5))):
        conv1, conv2 = torch.nn.Conv2d(cin, widths[0], 5, padding=pad), torch.nn.Conv2d(widths[0], widths[1], 5)
        fc1, fc2, fc3 = (torch.nn.Linear(16 * 25 if widths[1] == 16 else widths[1] * 25, widths[2]),
                         torch.nn.Linear(widths[2], widths[3]), torch.nn.Linear(widths[3], widths[4]))
        layers = {"conv1": conv1, "conv2": conv2, "fc1": fc1, "fc2": fc2, "fc3": fc3}
        for layer in layers.values():
            layer.to(dtype)
        x = randn(g, dtype, n, cin, size, size)
        h = F.max_pool2d(F.relu(conv1(x)), 2)
        h = F.max_pool2d(F.relu(conv2(h)), 2).flatten(1)
        y = fc3(F.relu(fc2(F.relu(fc1(h)))))
        inputs = {"x": x, "conv1_padding": i64(pad)}
        for name, layer in layers.items():
            inputs[name + ".weight"], inputs[name + ".bias"] = layer.weight, layer.bias
        case("lenet", f"{label}/{n}x{cin}x{size}", inputs, {"logits": y})
    for n, cin, c, hw, stride in ((2, 4, 4, (5, 6), 1), (1, 3, 5, (7, 7), 2), (2, 2, 3, (4, 5), 1)):
        x = randn(g, dtype, n, cin, *hw)
        inputs = {"x": x, "stride": i64(stride), "eps": f64(1e-5)}
        conv1 = randn(g, dtype, c, cin, 3, 3, scale=0.3)
        conv2 = randn(g, dtype, c, c, 3, 3, scale=0.3)
        inputs.update({"conv1.weight": conv1, "conv2.weight": conv2})

        def bn(prefix, h):
            w, b, rm = randn(g, dtype, c), randn(g, dtype, c), randn(g, dtype, c, scale=0.1)
            rv = torch.rand(c, generator=g, dtype=torch.float64).to(dtype) + 0.5
            inputs.update({prefix + "weight": w, prefix + "bias": b, prefix + "running_mean": rm,
                           prefix + "running_var": rv})
            return F.batch_norm(h, rm, rv, w, b, training=False, eps=1e-5)

        h = F.relu(bn("bn1.", F.conv2d(x, conv1, None, stride, 1)))
        h = bn("bn2.", F.conv2d(h, conv2, None, 1, 1))
        if cin != c or stride != 1:
            ws = randn(g, dtype, c, cin, 1, 1)
            inputs["shortcut.0.weight"] = ws
            shortcut = bn("shortcut.1.", F.conv2d(x, ws, None, stride))
        else:
            shortcut = x
        case("residual_block", f"{label}/{n}x{cin}x{hw}->{c}/s{stride}", inputs, {"y": F.relu(h + shortcut)})
    for n, d, k, o, bias in ((5, 2, 3, 1, True), (1, 3, 4, 2, False), (4, 1, 6, 3, True)):
        x, centres = randn(g, dtype, n, d), randn(g, dtype, k, d)
        widths = torch.rand(k, generator=g, dtype=torch.float64).to(dtype) + 0.5
        w = randn(g, dtype, o, k)
        phi = torch.exp(-((x[:, None, :] - centres[None, :, :]) ** 2).sum(-1) / (2 * widths ** 2))
        y = phi @ w.T
        inputs = {"x": x, "centres": centres, "widths": widths, "weight": w}
        if bias:
            inputs["bias"] = randn(g, dtype, o)
            y = y + inputs["bias"]
        case("rbf_network", f"{label}/{n}x{d}/k{k}", inputs, {"y": y, "phi": phi})
    for n, d, k, o in ((12, 2, 4, 1), (16, 3, 3, 2), (25, 2, 5, 3), (9, 2, 3, 1)):
        if dtype != torch.float64:  # least squares in float32 is too ill-conditioned to compare closely
            break
        x, centres = randn(g, dtype, n, d), randn(g, dtype, k, d)
        widths = torch.rand(k, generator=g, dtype=torch.float64).to(dtype) + 0.5
        target = randn(g, dtype, n, o)
        phi = torch.exp(-((x[:, None, :] - centres[None, :, :]) ** 2).sum(-1) / (2 * widths ** 2))
        design = torch.cat([phi, torch.ones(n, 1, dtype=dtype)], 1)
        if torch.linalg.cond(design) > 100:  # the solvers may then differ beyond float64's 1e-12 tolerance
            continue
        beta = torch.linalg.lstsq(design, target).solution
        case("rbf_fit", f"{label}/{n}x{d}/k{k}", {"x": x, "target": target, "centres": centres, "widths": widths},
             {"weight": beta[:k].T.contiguous(), "bias": beta[k].contiguous(), "phi": phi})
    acts = {0: lambda t: t, 1: torch.sigmoid, 2: torch.tanh, 3: F.relu}
    for n, f, out, act, bias in ((5, 3, 2, 3, True), (4, 2, 4, 0, False), (1, 3, 1, 2, True), (6, 4, 3, 1, True)):
        a = torch.triu((torch.rand(n, n, generator=g) > 0.5).to(dtype), 1)
        a = a + a.T
        x, w = randn(g, dtype, n, f), randn(g, dtype, f, out)
        a_i = a + torch.eye(n, dtype=dtype)
        dinv = a_i.sum(1) ** -0.5
        a_hat = dinv[:, None] * a_i * dinv[None, :]
        y = a_hat @ x @ w
        inputs = {"adjacency": a, "x": x, "weight": w, "activation": i64(act)}
        if bias:
            inputs["bias"] = randn(g, dtype, out)
            y = y + inputs["bias"]
        case("graph_convolution", f"{label}/n{n}/f{f}->{out}", inputs, {"y": acts[act](y), "a_hat": a_hat})


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for dtype in FLOATS:
        for seed in SEEDS:
            g = torch.Generator().manual_seed(seed)
            torch.manual_seed(seed)
            label = f"{DTYPES[dtype]}/seed{seed}"
            for family in FAMILIES:
                family(g, dtype, label)
        saturated(dtype, DTYPES[dtype])
    for model, cases in CASES.items():
        with open(os.path.join(out, model + ".json"), "w") as f:
            json.dump(cases, f, allow_nan=False)
    print(f"wrote {sum(len(c) for c in CASES.values())} cases for {len(CASES)} models to {out}")


FAMILIES = [activations, neurons, mlps, losses, optimisers, normalisation, convolutions, networks]

if __name__ == "__main__":
    main()
