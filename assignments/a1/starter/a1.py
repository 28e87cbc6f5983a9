"""A1 - Neurons to backprop (starter code).

Implement every function below with NumPy only (no torch, no autograd). Inputs arrive as
float64 NumPy arrays (hyper-parameters such as `slope`, `lr` or `momentum` as 0-d arrays; use
them like numbers). Return NumPy arrays or numbers exactly as each docstring says; functions that
return several values return a tuple in the order given. The grader calls these functions by
name with its own inputs and compares the results with reference values (see handout.md).
"""
import numpy as np


def sigmoid(x):
    """Logistic sigmoid s(x) = 1 / (1 + exp(-x)) and its derivative.

    x: array of any shape. Returns (y, dy_dx), both shaped like x. Must not produce overflow
    warnings or NaN for |x| in the thousands.
    """
    raise NotImplementedError


def tanh(x):
    """tanh(x) and its derivative. x: any shape. Returns (y, dy_dx) shaped like x."""
    raise NotImplementedError


def relu(x):
    """max(0, x) and its derivative (take the derivative at x = 0 to be 0).

    x: any shape. Returns (y, dy_dx) shaped like x.
    """
    raise NotImplementedError


def leaky_relu(x, slope):
    """Leaky ReLU: x where x > 0, slope * x elsewhere; derivative 1 or slope.

    x: any shape; slope: 0-d array (e.g. 0.1). Returns (y, dy_dx) shaped like x.
    """
    raise NotImplementedError


def softmax(x):
    """Softmax along the last axis (each row sums to 1).

    x: (N, C). Returns an array shaped like x. Must stay finite for entries of size 1000 and more.
    """
    raise NotImplementedError


def mcculloch_pitts(x, weight, threshold):
    """McCulloch-Pitts neuron: fires 1.0 where x . weight >= threshold, else 0.0.

    x: (N, n) binary inputs, one row per case; weight: (n,) (+1 excitatory, -1 inhibitory);
    threshold: 0-d. Returns (N,) float array of 0.0 and 1.0.
    """
    raise NotImplementedError


def perceptron_train(x, target, weight, bias, lr, epochs):
    """Rosenblatt's perceptron rule, one sample at a time in the given order.

    Prediction y = 1 if w . x_i + b >= 0 else 0; then w += lr * (t_i - y) * x_i and
    b += lr * (t_i - y). x: (N, d); target: (N,) of 0/1; weight: (d,) initial weights;
    bias: 0-d initial bias; lr: 0-d; epochs: 0-d integer, passes over the data.
    Returns (weights, biases, errors): weights (epochs * N, d), the weights after every sample;
    biases (epochs * N,), the bias after every sample; errors (epochs,) integers, the number of
    misclassified samples in each epoch.
    """
    raise NotImplementedError


def logistic_node(x, target, weight, bias):
    """Logistic-regression node p = sigmoid(x @ weight.T + bias) with mean binary cross-entropy.

    x: (N, d); target: (N,) in [0, 1]; weight: (1, d); bias: (1,).
    Returns (p, loss, weight_grad, bias_grad): p (N,); loss 0-d, the mean over samples of
    -[t max(log p, -100) + (1 - t) max(log(1 - p), -100)] (each log clamped at -100 as in
    torch.nn.functional.binary_cross_entropy); weight_grad (1, d) = (p - t)^T x / N;
    bias_grad (1,) = sum(p - t) / N.
    """
    raise NotImplementedError


def mlp_forward(x, w1, b1, w2, b2):
    """Forward pass of a two-layer MLP: sigmoid hidden layer, linear (identity) output layer.

    x: (N, in); w1: (H, in); b1: (H,); w2: (out, H); b2: (out,). Weights are stored
    (out_features, in_features) like torch.nn.Linear. Returns y (N, out).
    """
    raise NotImplementedError


def backprop(x, target, w1, b1, w2, b2):
    """Backpropagation by hand for a two-layer network with sigmoid hidden AND output layers.

    Loss E = 1/N * sum over samples n and outputs k of 1/2 (t_nk - o_nk)^2.
    x: (N, in); target: (N, out); w1: (H, in); b1: (H,); w2: (out, H); b2: (out,).
    Returns (o, E, dE_dw1, dE_db1, dE_dw2, dE_db2) with o (N, out), E 0-d and every gradient
    shaped like its parameter.
    """
    raise NotImplementedError


def sgd_momentum_step(param, grad, velocity, lr, momentum):
    """One step of SGD with momentum as torch.optim.SGD does it (dampening 0, no weight decay).

    velocity_new = momentum * velocity + grad; param_new = param - lr * velocity_new.
    param, grad, velocity: same shape; lr, momentum: 0-d. Returns (param_new, velocity_new).
    """
    raise NotImplementedError


def parameter_count(sizes):
    """Number of weights and biases of a fully connected network.

    sizes: (L,) integer layer widths from input to output, e.g. [3, 4, 2]; every non-input
    layer has a bias. Returns an int.
    """
    raise NotImplementedError


def train(X, y, budget_seconds):
    """Train a classifier on X (n, 2) float64 with integer labels y (n,) within budget_seconds.

    Return any Python object that predict() understands (e.g. a list of weight arrays).
    """
    raise NotImplementedError("write train")


def predict(model, X):
    """Return one integer label per row of X (shape (n,)), using a model returned by train()."""
    raise NotImplementedError("write predict")
