"""A3 reference solution: sequences and attention (PyTorch tensors, no torch.nn recurrent or
attention layers)."""
import math

import torch
from torch import nn


def _t(a):
    """A float64 tensor from a NumPy array or a tensor."""
    return torch.as_tensor(a, dtype=torch.float64)


# ---- recurrent networks (batch_first=False: sequences are (L, N, H_in)) ------------------------

def _rnn_step(x, h, weight_ih, weight_hh, bias_ih, bias_hh, activation):
    return activation(x @ weight_ih.T + bias_ih + h @ weight_hh.T + bias_hh)


def rnn_tanh_cell(input, hx, weight_ih, weight_hh, bias_ih, bias_hh):
    """torch.nn.RNNCell (tanh), one step: input (N, H_in), hx (N, H) -> h' (N, H)."""
    return _rnn_step(_t(input), _t(hx), _t(weight_ih), _t(weight_hh), _t(bias_ih), _t(bias_hh), torch.tanh)


def rnn_relu_cell(input, hx, weight_ih, weight_hh, bias_ih, bias_hh):
    """torch.nn.RNNCell (ReLU), one step: input (N, H_in), hx (N, H) -> h' (N, H)."""
    return _rnn_step(_t(input), _t(hx), _t(weight_ih), _t(weight_hh), _t(bias_ih), _t(bias_hh), torch.relu)


def _rnn_layer(x, h, weight_ih, weight_hh, bias_ih, bias_hh, activation):
    outputs = []
    for t in range(x.shape[0]):
        h = _rnn_step(x[t], h, weight_ih, weight_hh, bias_ih, bias_hh, activation)
        outputs.append(h)
    return torch.stack(outputs), h


def rnn_tanh(input, h_0, weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0):
    """Elman RNN with tanh: returns (output (L, N, H), h_n (1, N, H))."""
    output, h = _rnn_layer(_t(input), _t(h_0)[0], _t(weight_ih_l0), _t(weight_hh_l0), _t(bias_ih_l0),
                           _t(bias_hh_l0), torch.tanh)
    return output, h.unsqueeze(0)


def rnn_relu(input, h_0, weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0):
    """Elman RNN with ReLU: returns (output (L, N, H), h_n (1, N, H))."""
    output, h = _rnn_layer(_t(input), _t(h_0)[0], _t(weight_ih_l0), _t(weight_hh_l0), _t(bias_ih_l0),
                           _t(bias_hh_l0), torch.relu)
    return output, h.unsqueeze(0)


def _lstm_step(x, h, c, weight_ih, weight_hh, bias_ih, bias_hh):
    """One LSTM step; gate blocks of the weights in PyTorch's order i, f, g, o."""
    gates = x @ weight_ih.T + bias_ih + h @ weight_hh.T + bias_hh
    i, f, g, o = gates.chunk(4, dim=-1)
    c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
    return torch.sigmoid(o) * torch.tanh(c), c


def lstm_cell(input, hx, cx, weight_ih, weight_hh, bias_ih, bias_hh):
    """torch.nn.LSTMCell, one step: input (N, H_in), hx and cx (N, H) -> (h' (N, H), c' (N, H))."""
    return _lstm_step(_t(input), _t(hx), _t(cx), _t(weight_ih), _t(weight_hh), _t(bias_ih), _t(bias_hh))


def _lstm_layer(x, h, c, weight_ih, weight_hh, bias_ih, bias_hh):
    outputs = []
    for t in range(x.shape[0]):
        h, c = _lstm_step(x[t], h, c, weight_ih, weight_hh, bias_ih, bias_hh)
        outputs.append(h)
    return torch.stack(outputs), h, c


def lstm(input, h_0, c_0, weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0):
    """One-layer LSTM: returns (output (L, N, H), h_n (1, N, H), c_n (1, N, H))."""
    output, h, c = _lstm_layer(_t(input), _t(h_0)[0], _t(c_0)[0], _t(weight_ih_l0), _t(weight_hh_l0),
                               _t(bias_ih_l0), _t(bias_hh_l0))
    return output, h.unsqueeze(0), c.unsqueeze(0)


def lstm_two_layer(input, h_0, c_0, weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0,
                   weight_ih_l1, weight_hh_l1, bias_ih_l1, bias_hh_l1):
    """Two stacked LSTM layers: layer 1 reads layer 0's output; h_0, c_0 and h_n, c_n are (2, N, H)."""
    h_0, c_0 = _t(h_0), _t(c_0)
    out0, h0, c0 = _lstm_layer(_t(input), h_0[0], c_0[0], _t(weight_ih_l0), _t(weight_hh_l0), _t(bias_ih_l0),
                               _t(bias_hh_l0))
    out1, h1, c1 = _lstm_layer(out0, h_0[1], c_0[1], _t(weight_ih_l1), _t(weight_hh_l1), _t(bias_ih_l1),
                               _t(bias_hh_l1))
    return out1, torch.stack([h0, h1]), torch.stack([c0, c1])


def _gru_step(x, h, weight_ih, weight_hh, bias_ih, bias_hh):
    """One GRU step as torch.nn.GRU: gates r, z, n; the reset gate scales (W_hn h + b_hn)."""
    r_i, z_i, n_i = (x @ weight_ih.T + bias_ih).chunk(3, dim=-1)
    r_h, z_h, n_h = (h @ weight_hh.T + bias_hh).chunk(3, dim=-1)
    r = torch.sigmoid(r_i + r_h)
    z = torch.sigmoid(z_i + z_h)
    n = torch.tanh(n_i + r * n_h)
    return (1 - z) * n + z * h


def gru_cell(input, hx, weight_ih, weight_hh, bias_ih, bias_hh):
    """torch.nn.GRUCell, one step: input (N, H_in), hx (N, H) -> h' (N, H)."""
    return _gru_step(_t(input), _t(hx), _t(weight_ih), _t(weight_hh), _t(bias_ih), _t(bias_hh))


def gru(input, h_0, weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0):
    """One-layer GRU: returns (output (L, N, H), h_n (1, N, H))."""
    x, h = _t(input), _t(h_0)[0]
    outputs = []
    for t in range(x.shape[0]):
        h = _gru_step(x[t], h, _t(weight_ih_l0), _t(weight_hh_l0), _t(bias_ih_l0), _t(bias_hh_l0))
        outputs.append(h)
    return torch.stack(outputs), h.unsqueeze(0)


def greedy_decode(source, max_length, bos_index, encoder_embedding_weight, encoder_weight_ih_l0, encoder_weight_hh_l0,
                  encoder_bias_ih_l0, encoder_bias_hh_l0, decoder_embedding_weight, decoder_weight_ih_l0,
                  decoder_weight_hh_l0, decoder_bias_ih_l0, decoder_bias_hh_l0, output_weight, output_bias):
    """Greedy decoding of a one-layer GRU encoder-decoder: the encoder reads the embedded source (S, N) from a
    zero state; its final state starts the decoder, which first reads bos_index and then, for max_length steps,
    the previous step's most likely token. Returns (tokens (T, N) int64, logits (T, N, V_tgt))."""
    source = torch.as_tensor(source).long()
    enc = [_t(a) for a in (encoder_weight_ih_l0, encoder_weight_hh_l0, encoder_bias_ih_l0, encoder_bias_hh_l0)]
    dec = [_t(a) for a in (decoder_weight_ih_l0, decoder_weight_hh_l0, decoder_bias_ih_l0, decoder_bias_hh_l0)]
    encoder_table, decoder_table = _t(encoder_embedding_weight), _t(decoder_embedding_weight)
    h = torch.zeros(source.shape[1], enc[1].shape[1], dtype=torch.float64)
    for t in range(source.shape[0]):
        h = _gru_step(encoder_table[source[t]], h, *enc)
    token = torch.full((source.shape[1],), int(bos_index), dtype=torch.long)
    tokens, logits = [], []
    for _ in range(int(max_length)):
        h = _gru_step(decoder_table[token], h, *dec)
        step = h @ _t(output_weight).T + _t(output_bias)
        token = step.argmax(dim=-1)
        tokens.append(token)
        logits.append(step)
    return torch.stack(tokens), torch.stack(logits)


def rnn_tanh_backward(input, h_0, weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0, grad_output):
    """Backpropagation through time, by hand, for rnn_tanh and the loss sum(output * grad_output).

    Returns the gradients (input, h_0, weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0)."""
    x, w_ih, w_hh = _t(input), _t(weight_ih_l0), _t(weight_hh_l0)
    output, _ = _rnn_layer(x, _t(h_0)[0], w_ih, w_hh, _t(bias_ih_l0), _t(bias_hh_l0), torch.tanh)
    g_out = _t(grad_output)
    states = torch.cat([_t(h_0), output])  # states[t] is h_{t-1}
    g_x, g_w_ih, g_w_hh = torch.zeros_like(x), torch.zeros_like(w_ih), torch.zeros_like(w_hh)
    g_b = torch.zeros(w_ih.shape[0], dtype=torch.float64)
    g_h = torch.zeros_like(states[0])
    for t in reversed(range(x.shape[0])):
        g_h = g_h + g_out[t]
        g_pre = g_h * (1 - output[t] ** 2)
        g_x[t] = g_pre @ w_ih
        g_w_ih += g_pre.T @ x[t]
        g_w_hh += g_pre.T @ states[t]
        g_b += g_pre.sum(0)
        g_h = g_pre @ w_hh
    return g_x, g_h.unsqueeze(0), g_w_ih, g_w_hh, g_b, g_b.clone()


# ---- attention ---------------------------------------------------------------------------------

def scaled_dot_product_attention(query, key, value, is_causal, attn_mask=None):
    """softmax(Q K^T / sqrt(E) + mask) V over the last two axes; returns (output, weights).

    attn_mask (bool, broadcastable to (..., L, S)): True where the query may attend to the key. A query row
    with no key left to attend to gets zero weights and a zero output row."""
    q, k, v = _t(query), _t(key), _t(value)
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    allowed = torch.ones(q.shape[-2], k.shape[-2], dtype=torch.bool)
    if int(is_causal):
        allowed = allowed.tril()
    if attn_mask is not None:
        allowed = allowed & torch.as_tensor(attn_mask, dtype=torch.bool)
    scores = scores.masked_fill(~allowed, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    fully_masked = ~allowed.any(dim=-1, keepdim=True)
    weights = weights.masked_fill(fully_masked, 0.0)
    return weights @ v, weights


def _heads(x, num_heads):
    """(L, N, E) -> (N, heads, L, E / heads)."""
    length, batch, embed = x.shape
    return x.reshape(length, batch, num_heads, embed // num_heads).permute(1, 2, 0, 3)


def _multi_head(query, key, value, num_heads, in_proj_weight, in_proj_bias, out_weight, out_bias,
                key_padding_mask=None):
    w_q, w_k, w_v = in_proj_weight.chunk(3)
    b_q, b_k, b_v = in_proj_bias.chunk(3)
    q = _heads(query @ w_q.T + b_q, num_heads)
    k = _heads(key @ w_k.T + b_k, num_heads)
    v = _heads(value @ w_v.T + b_v, num_heads)
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    if key_padding_mask is not None:
        scores = scores.masked_fill(key_padding_mask[:, None, None, :], float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    heads = weights @ v  # (N, heads, L, E / heads)
    length, batch, embed = query.shape
    joined = heads.permute(2, 0, 1, 3).reshape(length, batch, embed)
    return joined @ out_weight.T + out_bias, weights.mean(dim=1)


def multi_head_attention(query, key, value, num_heads, in_proj_weight, in_proj_bias, out_proj_weight,
                         out_proj_bias, key_padding_mask):
    """torch.nn.MultiheadAttention's forward (batch_first=False): returns (attn_output (L, N, E),
    attn_weights (N, L, S) averaged over the heads). key_padding_mask (N, S): True = ignore the key."""
    return _multi_head(_t(query), _t(key), _t(value), int(num_heads), _t(in_proj_weight), _t(in_proj_bias),
                       _t(out_proj_weight), _t(out_proj_bias), torch.as_tensor(key_padding_mask, dtype=torch.bool))


def add_positional_encoding(input):
    """input (L, N, E) plus the sinusoidal encoding: PE[p, 2i] = sin(p / 10000^(2i/E)), PE[p, 2i+1] = cos(...)."""
    x = _t(input)
    length, _, embed = x.shape
    position = torch.arange(length, dtype=torch.float64)[:, None]
    frequency = torch.exp(torch.arange(0, embed, 2, dtype=torch.float64) * (-math.log(10000.0) / embed))
    pe = torch.zeros(length, embed, dtype=torch.float64)
    pe[:, 0::2] = torch.sin(position * frequency)
    pe[:, 1::2] = torch.cos(position * frequency)[:, :embed // 2]
    return x + pe[:, None, :]


# ---- modules (module checks) -------------------------------------------------------------------

class LSTM(nn.Module):
    """A stacked LSTM with torch.nn.LSTM's parameters (weight_ih_l{k}, weight_hh_l{k}, bias_ih_l{k},
    bias_hh_l{k}), written with the LSTM step. forward(input (L, N, H_in)) -> (output, (h_n, c_n))."""

    def __init__(self, input_size, hidden_size, num_layers=1):
        super().__init__()
        self.hidden_size, self.num_layers = hidden_size, num_layers
        bound = 1 / math.sqrt(hidden_size)
        for k in range(num_layers):
            width = input_size if k == 0 else hidden_size
            for name, shape in (("weight_ih", (4 * hidden_size, width)), ("weight_hh", (4 * hidden_size, hidden_size)),
                                ("bias_ih", (4 * hidden_size,)), ("bias_hh", (4 * hidden_size,))):
                self.register_parameter("%s_l%d" % (name, k), nn.Parameter(torch.empty(shape).uniform_(-bound, bound)))

    def forward(self, input, state=None):
        length, batch, _ = input.shape
        if state is None:
            zeros = torch.zeros(self.num_layers, batch, self.hidden_size, dtype=input.dtype, device=input.device)
            state = (zeros, zeros)
        x, h_n, c_n = input, [], []
        for k in range(self.num_layers):
            x, h, c = _lstm_layer(x, state[0][k], state[1][k], getattr(self, "weight_ih_l%d" % k),
                                  getattr(self, "weight_hh_l%d" % k), getattr(self, "bias_ih_l%d" % k),
                                  getattr(self, "bias_hh_l%d" % k))
            h_n.append(h)
            c_n.append(c)
        return x, (torch.stack(h_n), torch.stack(c_n))


class MultiHeadAttention(nn.Module):
    """Self-attention with torch.nn.MultiheadAttention's parameters: in_proj_weight (3E, E),
    in_proj_bias (3E,), out_proj (a Linear E -> E)."""

    def __init__(self, embed_dim, num_heads):
        super().__init__()
        self.num_heads = num_heads
        self.in_proj_weight = nn.Parameter(torch.empty(3 * embed_dim, embed_dim))
        self.in_proj_bias = nn.Parameter(torch.zeros(3 * embed_dim))
        self.out_proj = nn.Linear(embed_dim, embed_dim)
        nn.init.xavier_uniform_(self.in_proj_weight)

    def forward(self, query, key, value):
        output, _ = _multi_head(query, key, value, self.num_heads, self.in_proj_weight, self.in_proj_bias,
                                self.out_proj.weight, self.out_proj.bias)
        return output


class TransformerEncoderLayer(nn.Module):
    """torch.nn.TransformerEncoderLayer without dropout (batch_first=False, ReLU feed-forward):
    post-norm  x = norm1(x + sa(x)); x = norm2(x + ff(x))
    pre-norm   x = x + sa(norm1(x)); x = x + ff(norm2(x))"""

    def __init__(self, d_model, nhead, dim_feedforward, norm_first=False):
        super().__init__()
        self.norm_first = norm_first
        self.self_attn = MultiHeadAttention(d_model, nhead)
        self.linear1 = nn.Linear(d_model, dim_feedforward)
        self.linear2 = nn.Linear(dim_feedforward, d_model)
        self.norm1 = nn.LayerNorm(d_model)
        self.norm2 = nn.LayerNorm(d_model)

    def _sa(self, x):
        return self.self_attn(x, x, x)

    def _ff(self, x):
        return self.linear2(torch.relu(self.linear1(x)))

    def forward(self, src):
        x = src
        if self.norm_first:
            x = x + self._sa(self.norm1(x))
            return x + self._ff(self.norm2(x))
        x = self.norm1(x + self._sa(x))
        return self.norm2(x + self._ff(x))


# ---- training check: the adding problem as classification -------------------------------------

class AddingClassifier(nn.Module):
    """Your LSTM (one layer) and a Linear head on the last time step's output: logits (N, 2)."""

    def __init__(self, input_size, hidden_size):
        super().__init__()
        self.lstm = LSTM(input_size, hidden_size)
        self.head = nn.Linear(hidden_size, 2)

    def forward(self, x):
        output, _ = self.lstm(x)
        return self.head(output[0])


def _time_first(X):
    """(N, L, 2) as the handout gives it -> (L, N, 2) float32, as the LSTM reads it."""
    return torch.as_tensor(X, dtype=torch.float32).transpose(0, 1)


def train_adding(X, y, budget_seconds, hidden_size=12, epochs=100, lr=0.05):
    """Trains an AddingClassifier full-batch with Adam on the cross-entropy until the epochs or 70 % of
    the budget run out. X (N, L, 2) sequences of (u_t, m_t), y (N,) labels 0/1."""
    import time
    start = time.monotonic()
    torch.manual_seed(0)
    x, labels = _time_first(X), torch.as_tensor(y, dtype=torch.long)
    model = AddingClassifier(x.shape[2], hidden_size)
    optimiser = torch.optim.Adam(model.parameters(), lr=lr)
    for _ in range(epochs):
        if time.monotonic() - start > 0.7 * float(budget_seconds):
            break
        optimiser.zero_grad()
        nn.functional.cross_entropy(model(x), labels).backward()
        optimiser.step()
    return model


def predict_adding(model, X):
    """One label (0/1) per sequence of X (N, L, 2)."""
    with torch.no_grad():
        return model(_time_first(X)).argmax(dim=1).numpy()
