"""The built-in activations, in numpy, with nnsweep's definitions
(plugins/activations/*.cpp, PyTorch's formulas), so a stored network gives
here what it gave while training.

Each function maps a layer's pre-activation Z (units x examples) to its
output. nnsweep's tanh, exp, expm1, log1p and erfc are its own vectorised
kernels, within a few ulp of numpy's and math's, so outputs agree to about
1e-15 relative, not bit for bit.
"""
import math

import numpy as np

_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946
_GELU_KAPPA = 0.044715
_SQRT_2_OVER_PI = math.sqrt(2.0) / math.sqrt(math.pi)
_erfc = np.frompyfunc(math.erfc, 1, 1)  # numpy has no erfc; math's is correctly rounded near


def sigmoid(z):
    """1 / (1 + exp(-z)), as the seed post writes it."""
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-z))


def softplus(z):
    """log(1 + exp(z)) without overflow: max(z, 0) + log1p(exp(-|z|))."""
    return np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))


def _exponential_linear(z, positive, negative):
    """elu and selu: positive z for z > 0, negative (exp(z) - 1) otherwise."""
    with np.errstate(over="ignore"):
        return np.where(z > 0, positive * z, negative * np.expm1(z))


def _gelu(z, approximate="none"):
    if approximate == "tanh":
        return z * sigmoid(2.0 * _SQRT_2_OVER_PI * (z + _GELU_KAPPA * z ** 3))
    return 0.5 * z * _erfc(z * -(math.sqrt(2.0) / 2.0)).astype(float)


def softmax(z):
    """Over each column (one example's output units)."""
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


# name -> function(z, **parameters), the parameters as the config names them.
ACTIVATIONS = {
    "identity": lambda z: z,
    "relu": lambda z: np.maximum(z, 0.0),
    "leaky_relu": lambda z, alpha=0.01: np.where(z > 0, z, alpha * z),
    "elu": lambda z, alpha=1.0: _exponential_linear(z, 1.0, alpha),
    # scale * alpha rounded once, as torch's negcoef (and plugins/activations/selu.cpp).
    "selu": lambda z: _exponential_linear(z, _SELU_SCALE, _SELU_SCALE * _SELU_ALPHA),
    "sigmoid": sigmoid,
    "tanh": np.tanh,
    "softplus": softplus,
    "softsign": lambda z: z / (1.0 + np.abs(z)),
    "gelu": _gelu,
    "silu": lambda z: z * sigmoid(z),
    "mish": lambda z: z * np.tanh(softplus(z)),
    "hard_sigmoid": lambda z: np.minimum(np.maximum(z + 3.0, 0.0), 6.0) / 6.0,
    "hard_tanh": lambda z, min_val=-1.0, max_val=1.0: np.minimum(np.maximum(z, min_val), max_val),
    "softmax": softmax,
}


def activate(name, parameters, z):
    """Activation `name` with its config `parameters` applied to Z."""
    if name not in ACTIVATIONS:
        raise ValueError(f"activation '{name}' is not built in (a plugin library's "
                         f"activation cannot be evaluated here); built in: "
                         f"{', '.join(sorted(ACTIVATIONS))}")
    return ACTIVATIONS[name](z, **parameters)
