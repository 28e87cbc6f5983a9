"""A1 - Neurons to backprop: wrong variant: softmax-no-max-shift (NumPy only)."""
import numpy as np


def sigmoid(x):
    """Logistic sigmoid and its derivative s(1 - s), stable for large |x|."""
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(-np.abs(x))
    s = np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    return s, s * (1.0 - s)


def tanh(x):
    """tanh and its derivative 1 - tanh^2."""
    y = np.tanh(x)
    return y, 1.0 - y ** 2


def relu(x):
    """max(0, x) and its derivative (0 at x = 0)."""
    x = np.asarray(x, dtype=np.float64)
    return np.maximum(x, 0.0), (x > 0).astype(np.float64)


def leaky_relu(x, slope):
    """x where x > 0, slope * x elsewhere; derivative 1 or slope."""
    x = np.asarray(x, dtype=np.float64)
    positive = x > 0
    return np.where(positive, x, slope * x), np.where(positive, 1.0, slope * np.ones_like(x))


def softmax(x):
    """Row-wise softmax (last axis), shifted by the row maximum so exp never overflows."""
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(x)
    return e / e.sum(axis=-1, keepdims=True)


def mcculloch_pitts(x, weight, threshold):
    """Fires 1.0 where x . weight >= threshold, else 0.0; one row of x per case."""
    return (np.asarray(x, dtype=np.float64) @ np.asarray(weight, dtype=np.float64) >= threshold).astype(np.float64)


def perceptron_train(x, target, weight, bias, lr, epochs):
    """Rosenblatt's rule, sample by sample in the given order.

    Returns (weights after every sample (epochs*N, d), biases after every sample (epochs*N,),
    misclassified samples per epoch (epochs,)).
    """
    w = np.array(weight, dtype=np.float64)
    b = float(bias)
    lr = float(lr)
    weights, biases, errors = [], [], []
    for _ in range(int(epochs)):
        wrong = 0
        for xi, ti in zip(x, target):
            y = 1.0 if xi @ w + b >= 0 else 0.0
            err = ti - y
            if err != 0:
                wrong += 1
                w = w + lr * err * xi
                b = b + lr * err
            weights.append(w.copy())
            biases.append(b)
        errors.append(wrong)
    return np.array(weights), np.array(biases), np.array(errors, dtype=np.int64)


def logistic_node(x, target, weight, bias):
    """Logistic-regression node: p = sigmoid(x W^T + b) (N,), mean BCE, dL/dW (1, d), dL/db (1,).

    The BCE clamps each log at -100 as torch.nn.functional.binary_cross_entropy does: for large
    logits p is exactly 0 or 1, and log(0) would make the loss inf (or NaN, as 0 * -inf).
    """
    n = x.shape[0]
    p = sigmoid(x @ weight.T + bias)[0].reshape(n)
    with np.errstate(divide="ignore"):
        log_p = np.maximum(np.log(p), -100.0)
        log_1mp = np.maximum(np.log(1.0 - p), -100.0)
    loss = -np.mean(target * log_p + (1.0 - target) * log_1mp)
    residual = (p - target) / n
    return p, loss, residual.reshape(1, n) @ x, np.array([residual.sum()])


def mlp_forward(x, w1, b1, w2, b2):
    """Two-layer MLP: sigmoid hidden layer, linear output. Weights are (out, in) like nn.Linear."""
    h = sigmoid(x @ w1.T + b1)[0]
    return h @ w2.T + b2


def backprop(x, target, w1, b1, w2, b2):
    """2-layer sigmoid network, loss E = 1/N sum 1/2 (t - o)^2.

    Returns (output, loss, dE/dW1, dE/db1, dE/dW2, dE/db2).
    """
    n = x.shape[0]
    h = sigmoid(x @ w1.T + b1)[0]
    o = sigmoid(h @ w2.T + b2)[0]
    loss = np.sum((target - o) ** 2) / (2 * n)
    delta_o = (o - target) * o * (1 - o) / n
    delta_h = (delta_o @ w2) * h * (1 - h)
    return o, loss, delta_h.T @ x, delta_h.sum(axis=0), delta_o.T @ h, delta_o.sum(axis=0)


def sgd_momentum_step(param, grad, velocity, lr, momentum):
    """One SGD-with-momentum step (torch.optim.SGD semantics): v = mu v + g; p = p - lr v."""
    v = momentum * velocity + grad
    return param - lr * v, v


def parameter_count(sizes):
    """Weights and biases of a fully connected network with the given layer widths."""
    sizes = [int(s) for s in sizes]
    return int(sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:])))


def _one_hot(y, classes):
    return np.eye(classes)[np.asarray(y, dtype=int)]


def train(X, y, budget_seconds, hidden=(32, 32), lr=0.5, epochs=4000):
    """Trains a tanh MLP with softmax cross-entropy by full-batch gradient descent; returns its weights."""
    import time
    start = time.monotonic()
    rng = np.random.default_rng(0)
    sizes = [X.shape[1], *hidden, int(np.max(y)) + 1]
    params = [(rng.uniform(-1, 1, (a, b)) / np.sqrt(a), np.zeros(b)) for a, b in zip(sizes[:-1], sizes[1:])]
    target = _one_hot(y, sizes[-1])
    for _ in range(epochs):
        if time.monotonic() - start > 0.8 * float(budget_seconds):
            break
        activations = [X]
        for i, (w, b) in enumerate(params):
            z = activations[-1] @ w + b
            activations.append(np.tanh(z) if i < len(params) - 1 else z)
        p = softmax(activations[-1])
        delta = (p - target) / len(X)
        for i in reversed(range(len(params))):
            w, b = params[i]
            grad_w, grad_b = activations[i].T @ delta, delta.sum(axis=0)
            if i > 0:
                delta = (delta @ w.T) * (1 - activations[i] ** 2)
            params[i] = (w - lr * grad_w, b - lr * grad_b)
    return params


def predict(model, X):
    """Labels of the rows of X under a model returned by train()."""
    h = X
    for i, (w, b) in enumerate(model):
        h = h @ w + b
        if i < len(model) - 1:
            h = np.tanh(h)
    return np.argmax(h, axis=1)
