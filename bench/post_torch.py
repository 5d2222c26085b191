#!/usr/bin/python3
"""The seed post's network in PyTorch on one CPU thread, float64, timed: the
same data and initial weights as bench/post_numpy.py, the same full-batch
gradient descent, written as a PyTorch user would (autograd, torch.optim.SGD,
BCEWithLogitsLoss).

Prints the seconds the training loop took and the final cost, or exits with
status 3 when PyTorch is not installed (Debian: python3-torch).

Usage: bench/post_torch.py HIDDEN LEARNING_RATE ITERATIONS
"""
import sys
import time

import numpy as np
from sklearn.datasets import make_moons

try:
    import torch
except ImportError:
    sys.exit(3)


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    n_h, learning_rate, iterations = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
    torch.set_num_threads(1)
    np.random.seed(0)
    X, y = make_moons(200, noise=0.20)
    np.random.seed(2)
    W1 = np.random.randn(n_h, 2) * 0.01
    W2 = np.random.randn(1, n_h) * 0.01
    model = torch.nn.Sequential(torch.nn.Linear(2, n_h), torch.nn.Tanh(), torch.nn.Linear(n_h, 1))
    model = model.double()
    with torch.no_grad():
        model[0].weight.copy_(torch.from_numpy(W1))
        model[0].bias.zero_()
        model[2].weight.copy_(torch.from_numpy(W2))
        model[2].bias.zero_()
    inputs = torch.from_numpy(X)
    targets = torch.from_numpy(y.astype(np.float64)).reshape(-1, 1)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=learning_rate)
    start = time.perf_counter()
    for _ in range(iterations):
        optimizer.zero_grad()
        loss = loss_fn(model(inputs), targets)
        loss.backward()
        optimizer.step()
    print("%.6f %.9f" % (time.perf_counter() - start, loss.item()))


if __name__ == "__main__":
    main()
