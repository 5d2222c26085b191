#!/usr/bin/python3
"""The seed post's numpy training loop, timed: its network (tanh hidden layer,
sigmoid output, full-batch gradient descent) on np.random.seed(0);
make_moons(200, noise=0.2), with np.random.seed(2) initial weights.

Prints the seconds the training loop took (import and data excluded) and the
final cost. numpy runs with the kernels it picks for this CPU (on AVX-512
machines its own SIMD tanh, exp and log): the speed anchor, not the oracle.

Usage: bench/post_numpy.py HIDDEN LEARNING_RATE ITERATIONS
"""
import sys
import time

import numpy as np
from sklearn.datasets import make_moons


def train(X, Y, n_h, iterations, learning_rate):
    m = X.shape[1]
    np.random.seed(2)
    W1 = np.random.randn(n_h, X.shape[0]) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(1, n_h) * 0.01
    b2 = np.zeros((1, 1))
    cost = None
    for _ in range(iterations):
        Z1 = np.dot(W1, X) + b1
        A1 = np.tanh(Z1)
        Z2 = np.dot(W2, A1) + b2
        A2 = 1 / (1 + np.exp(-Z2))
        logprobs = np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), (1 - Y))
        cost = -(1 / m) * np.sum(logprobs)
        dZ2 = A2 - Y
        dW2 = (1 / m) * np.dot(dZ2, A1.T)
        db2 = (1 / m) * np.sum(dZ2, axis=1, keepdims=True)
        dZ1 = np.dot(W2.T, dZ2) * (1 - A1 ** 2)
        dW1 = (1 / m) * np.dot(dZ1, X.T)
        db1 = (1 / m) * np.sum(dZ1, axis=1, keepdims=True)
        W1 = W1 - learning_rate * dW1
        b1 = b1 - learning_rate * db1
        W2 = W2 - learning_rate * dW2
        b2 = b2 - learning_rate * db2
    return cost


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    n_h, learning_rate, iterations = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
    np.random.seed(0)
    X, y = make_moons(200, noise=0.20)
    X, Y = X.T, y.reshape(1, -1)
    start = time.perf_counter()
    cost = train(X, Y, n_h, iterations, learning_rate)
    print("%.6f %.9f" % (time.perf_counter() - start, cost))


if __name__ == "__main__":
    main()
