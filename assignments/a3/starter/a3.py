"""A3 starter: sequences and attention. Fill in every function and class (see the handout)."""
import math

import numpy as np
import torch
from torch import nn


def rnn_tanh_cell(input, hx, weight_ih, weight_hh, bias_ih, bias_hh):
    """One time step of an Elman RNN with tanh, as torch.nn.RNNCell(nonlinearity='tanh').

    input (N, H_in); hx (N, H); weight_ih (H, H_in); weight_hh (H, H); bias_ih, bias_hh (H,).
    Returns h' (N, H) = tanh(input W_ih^T + b_ih + hx W_hh^T + b_hh)."""
    raise NotImplementedError("write rnn_tanh_cell")


def rnn_relu_cell(input, hx, weight_ih, weight_hh, bias_ih, bias_hh):
    """As rnn_tanh_cell with ReLU instead of tanh (torch.nn.RNNCell(nonlinearity='relu')). Returns h' (N, H)."""
    raise NotImplementedError("write rnn_relu_cell")


def lstm_cell(input, hx, cx, weight_ih, weight_hh, bias_ih, bias_hh):
    """One time step of an LSTM, as torch.nn.LSTMCell.

    input (N, H_in); hx, cx (N, H); weight_ih (4H, H_in); weight_hh (4H, H); bias_ih, bias_hh (4H,).
    The 4H rows are the gate blocks in PyTorch's order: input i, forget f, cell g, output o, of
    input W_ih^T + b_ih + hx W_hh^T + b_hh; c' = sigmoid(f) * cx + sigmoid(i) * tanh(g), h' = sigmoid(o) * tanh(c').
    Returns (h' (N, H), c' (N, H))."""
    raise NotImplementedError("write lstm_cell")


def gru_cell(input, hx, weight_ih, weight_hh, bias_ih, bias_hh):
    """One time step of a GRU exactly as torch.nn.GRUCell.

    input (N, H_in); hx (N, H); weight_ih (3H, H_in); weight_hh (3H, H); bias_ih, bias_hh (3H,); gate blocks r, z, n.
    r = sigmoid(W_ir x + b_ir + W_hr h + b_hr), z likewise,
    n = tanh(W_in x + b_in + r * (W_hn h + b_hn)) (the reset gate scales the hidden product plus its bias),
    h' = (1 - z) * n + z * h. Returns h' (N, H)."""
    raise NotImplementedError("write gru_cell")


def rnn_tanh(input, h_0, weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0):
    """Elman RNN with tanh, as torch.nn.RNN(nonlinearity='tanh'), batch_first=False.

    input (L, N, H_in); h_0 (1, N, H); weight_ih_l0 (H, H_in); weight_hh_l0 (H, H); bias_ih_l0, bias_hh_l0 (H,).
    h_t = tanh(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh).
    Returns (output (L, N, H): every h_t, h_n (1, N, H): the last one)."""
    raise NotImplementedError("write rnn_tanh")


def rnn_relu(input, h_0, weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0):
    """As rnn_tanh with ReLU instead of tanh. Returns (output (L, N, H), h_n (1, N, H))."""
    raise NotImplementedError("write rnn_relu")


def lstm(input, h_0, c_0, weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0):
    """One-layer LSTM as torch.nn.LSTM, batch_first=False.

    input (L, N, H_in); h_0, c_0 (1, N, H); weight_ih_l0 (4H, H_in); weight_hh_l0 (4H, H); biases (4H,).
    The 4H rows are the gate blocks in PyTorch's order: input i, forget f, cell g, output o.
    Returns (output (L, N, H), h_n (1, N, H), c_n (1, N, H))."""
    raise NotImplementedError("write lstm")


def lstm_two_layer(input, h_0, c_0, weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0,
                   weight_ih_l1, weight_hh_l1, bias_ih_l1, bias_hh_l1):
    """Two stacked LSTM layers (torch.nn.LSTM(num_layers=2)): layer 1 reads layer 0's outputs.

    h_0, c_0 (2, N, H) hold layer 0's then layer 1's initial state; weight_ih_l1 is (4H, H).
    Returns (output (L, N, H) of layer 1, h_n (2, N, H), c_n (2, N, H))."""
    raise NotImplementedError("write lstm_two_layer")


def gru(input, h_0, weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0):
    """One-layer GRU exactly as torch.nn.GRU, batch_first=False.

    input (L, N, H_in); h_0 (1, N, H); weight_ih_l0 (3H, H_in); weight_hh_l0 (3H, H); biases (3H,);
    gate blocks r, z, n. r = sigmoid(W_ir x + b_ir + W_hr h + b_hr), z likewise,
    n = tanh(W_in x + b_in + r * (W_hn h + b_hn)), h' = (1 - z) * n + z * h.
    Returns (output (L, N, H), h_n (1, N, H))."""
    raise NotImplementedError("write gru")


def greedy_decode(source, max_length, bos_index, encoder_embedding_weight, encoder_weight_ih_l0, encoder_weight_hh_l0,
                  encoder_bias_ih_l0, encoder_bias_hh_l0, decoder_embedding_weight, decoder_weight_ih_l0,
                  decoder_weight_hh_l0, decoder_bias_ih_l0, decoder_bias_hh_l0, output_weight, output_bias):
    """Greedy decoding of a given one-layer GRU encoder-decoder (torch.nn.GRU's gates and parameter layout).

    source (S, N) token ids (cast with .long()); max_length T and bos_index are 0-d arrays.
    The encoder reads the embedded source (rows of encoder_embedding_weight) from a zero state; its final
    state starts the decoder, which first reads bos_index and then, step after step, the token with the
    largest logit of the previous step (logits = h @ output_weight.T + output_bias).
    Returns (tokens (T, N) int64, logits (T, N, V_tgt)).
    """
    raise NotImplementedError("write greedy_decode")


def rnn_tanh_backward(input, h_0, weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0, grad_output):
    """Backpropagation through time by hand (no autograd) for rnn_tanh.

    The loss is sum(output * grad_output), grad_output (L, N, H).
    Returns its gradients with respect to (input, h_0, weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0),
    each shaped like that argument."""
    raise NotImplementedError("write rnn_tanh_backward")


def scaled_dot_product_attention(query, key, value, is_causal, attn_mask=None):
    """softmax(Q K^T / sqrt(E) + mask) V over the last two axes.

    query (..., L, E); key (..., S, E); value (..., S, Ev); is_causal 0-d (0 or 1): with 1, query i
    attends to keys 0..i only (the masked scores are -inf before the softmax).
    attn_mask: None or a bool array broadcastable to (..., L, S), True where the query may attend to the
    key (F.scaled_dot_product_attention's convention; a padding mask is (N, 1, S), False at padded keys);
    with is_causal too, a query attends only where both allow it.
    A query row that may attend to no key at all (fully masked) gets attention weights 0 and an output
    row of zeros, never NaN.
    Returns (output (..., L, Ev), attention weights (..., L, S))."""
    raise NotImplementedError("write scaled_dot_product_attention")


def multi_head_attention(query, key, value, num_heads, in_proj_weight, in_proj_bias, out_proj_weight,
                         out_proj_bias, key_padding_mask):
    """The forward pass of torch.nn.MultiheadAttention (batch_first=False, no dropout).

    query (L, N, E); key, value (S, N, E); num_heads 0-d, E divisible by it;
    in_proj_weight (3E, E) = [W_q; W_k; W_v], in_proj_bias (3E,); out_proj_weight (E, E), out_proj_bias (E,);
    key_padding_mask (N, S) bool, True = that key is padding and gets no attention.
    Returns (attn_output (L, N, E), attention weights (N, L, S) averaged over the heads)."""
    raise NotImplementedError("write multi_head_attention")


def add_positional_encoding(input):
    """input (L, N, E) plus the sinusoidal positional encoding (E even):
    PE[p, 2i] = sin(p / 10000^(2i/E)), PE[p, 2i+1] = cos(p / 10000^(2i/E)). Returns (L, N, E)."""
    raise NotImplementedError("write add_positional_encoding")


class LSTM(nn.Module):
    """A stacked LSTM written with your lstm code (not torch.nn.LSTM), with torch.nn.LSTM's parameter
    names and shapes: for each layer k, weight_ih_l{k} (4H, H_in for k = 0 else H), weight_hh_l{k} (4H, H),
    bias_ih_l{k} (4H,), bias_hh_l{k} (4H,), registered directly on the module (no sub-modules).

    forward(input (L, N, H_in)) starts from zero states made with input's dtype and device and returns
    (output (L, N, H), (h_n, c_n)), h_n and c_n (num_layers, N, H).
    """

    def __init__(self, input_size, hidden_size, num_layers=1):
        super().__init__()
        raise NotImplementedError("write LSTM.__init__")

    def forward(self, input):
        raise NotImplementedError("write LSTM.forward")


class MultiHeadAttention(nn.Module):
    """Self-attention with torch.nn.MultiheadAttention's parameters, written with your own attention:
    in_proj_weight (3E, E), in_proj_bias (3E,), out_proj = nn.Linear(E, E).
    forward(query, key, value), each (L, N, E), returns the attention output (L, N, E)."""

    def __init__(self, embed_dim, num_heads):
        super().__init__()
        raise NotImplementedError("write MultiHeadAttention.__init__")

    def forward(self, query, key, value):
        raise NotImplementedError("write MultiHeadAttention.forward")


class TransformerEncoderLayer(nn.Module):
    """torch.nn.TransformerEncoderLayer without dropout (batch_first=False, ReLU feed-forward).

    Sub-modules: self_attn (your MultiHeadAttention), linear1 = nn.Linear(d_model, dim_feedforward),
    linear2 = nn.Linear(dim_feedforward, d_model), norm1 and norm2 = nn.LayerNorm(d_model) (eps 1e-5).
    With sa(x) = self_attn(x, x, x) and ff(x) = linear2(relu(linear1(x))):
      post-norm (norm_first=False): x = norm1(x + sa(x)); out = norm2(x + ff(x))
      pre-norm  (norm_first=True):  x = x + sa(norm1(x)); out = x + ff(norm2(x))
    forward(src (S, N, d_model)) returns (S, N, d_model).
    """

    def __init__(self, d_model, nhead, dim_feedforward, norm_first=False):
        super().__init__()
        raise NotImplementedError("write TransformerEncoderLayer.__init__")

    def forward(self, src):
        raise NotImplementedError("write TransformerEncoderLayer.forward")


# ---- training check: the adding problem as classification (see the handout) ------------------

def train_adding(X, y, budget_seconds):
    """Train a classifier built on your LSTM class (for example LSTM(2, 12) and nn.Linear(12, 2) on the
    output of the last time step) and return it.

    X (N, L, 2) float64, one sequence per row: pairs (u_t, m_t); transpose to (L, N, 2) for your LSTM.
    y (N,) int64: 1 when the two marked u_t sum to more than 1, else 0.
    budget_seconds: stop training well within it (the grader runs on a CPU).
    """
    raise NotImplementedError("write train_adding")


def predict_adding(model, X):
    """One label (0 or 1) per sequence of X (N, L, 2), from the model train_adding returned."""
    raise NotImplementedError("write predict_adding")
