#!/usr/bin/python3
"""nnsweep trains exactly like the seed post's numpy code.

The post ("Neural Network from Scratch in Python", /work/shared/seed) is written
out below as published, with one hidden layer of n_h tanh units, for n_h in
(2, 3, 5) and learning rates (0.05, 0.3), 2000 iterations each; nnsweep runs
configs/seed_moons.yaml with the matching --set overrides. Final costs must agree
to 1e-9 relative and every weight and bias to 1e-9 absolute.

Usage: test_post_reference.py NNSWEEP_BINARY
"""
import sys
import os
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import nnsweep_testlib as lib  # pins numpy to libm-equal kernels; before numpy
from nnsweep_testlib import np
from sklearn import datasets
import h5py
from results_support import run_arrays

ITERATIONS = 2000

# ---------------------------------------------------------------- the post's code
np.random.seed(0)
X, y = datasets.make_moons(200, noise=0.20)
X = X.T
y = y.reshape(y.shape[0], 1).T

m = X.shape[1]  # number of examples
n_x = X.shape[0]  # input layer
n_y = y.shape[0]  # output layer


def initialize_parameters(n_x, n_h, n_y):
    np.random.seed(2)
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    return parameters


def sigmoid(X):
    return 1 / (1 + np.exp(-X))


def forward_propagation(X, parameters):
    W1 = parameters["W1"]
    b1 = parameters["b1"]
    W2 = parameters["W2"]
    b2 = parameters["b2"]
    Z1 = np.dot(W1, X) + b1
    A1 = np.tanh(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = sigmoid(Z2)
    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return A2, cache


def compute_cost(A2, Y, parameters):
    logprobs = np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), (1 - Y))
    cost = -(1 / m) * np.sum(logprobs)
    cost = np.squeeze(cost)
    return cost


def backward_propagation(parameters, cache, X, Y):
    W1 = parameters['W1']
    W2 = parameters['W2']
    A1 = cache['A1']
    A2 = cache['A2']
    dZ2 = A2 - Y
    dW2 = (1 / m) * np.dot(dZ2, A1.T)
    db2 = (1 / m) * np.sum(dZ2, axis=1, keepdims=True)
    dZ1 = np.dot(W2.T, dZ2) * (1 - A1**2)
    dW1 = (1 / m) * np.dot(dZ1, X.T)
    db1 = (1 / m) * np.sum(dZ1, axis=1, keepdims=True)
    grads = {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
    return grads


def update_parameters(parameters, grads):
    W1 = parameters['W1']
    b1 = parameters['b1']
    W2 = parameters['W2']
    b2 = parameters['b2']
    dW1 = grads['dW1']
    db1 = grads['db1']
    dW2 = grads['dW2']
    db2 = grads['db2']
    W1 = W1 - learning_rate * dW1
    b1 = b1 - learning_rate * db1
    W2 = W2 - learning_rate * dW2
    b2 = b2 - learning_rate * db2
    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    return parameters


def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
    parameters = initialize_parameters(n_x, n_h, n_y)
    costs = []  # kept to compare the whole curve
    for i in range(0, num_iterations):
        A2, cache = forward_propagation(X, parameters)
        cost = compute_cost(A2, Y, parameters)
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads)
        costs.append(float(cost))
        if print_cost and i % 1000 == 0:
            print("Cost after iteration %i: %f" % (i, cost))
    return parameters, costs


# ------------------------------------------------------------- the comparison
def relative(a, b):
    return abs(a - b) / abs(b)


lib.binary()
config = os.path.join(lib.SOURCE_DIR, 'configs', 'seed_moons.yaml')
checks, failures = 0, []
with tempfile.TemporaryDirectory(prefix='nnsweep-post-') as scratch:
    for n_h in (2, 3, 5):
        for learning_rate in (0.05, 0.3):  # a global, as update_parameters reads it
            label = 'n_h=%d learning_rate=%r' % (n_h, learning_rate)
            parameters, costs = nn_model(X, y, n_h, num_iterations=ITERATIONS)
            final_cost = float(compute_cost(forward_propagation(X, parameters)[0], y, parameters))

            out = os.path.join(scratch, 'post_%d_%r.h5' % (n_h, learning_rate))
            lib.nnsweep('run', config, '--out', out, '--quiet',
                        '--set', 'model.hidden=[%d]' % n_h,
                        '--set', 'optimizer.learning_rate=%r' % learning_rate,
                        '--set', 'train.iterations=%d' % ITERATIONS)
            with h5py.File(out, 'r') as f:
                stored_cost = float(f['summary/train.cost'][0])
                stored_curve = f['summary/cost'][0]
                run = run_arrays(f, 0)
                stored = {name: run[name] for name in parameters}
                extra = sorted(set(run) - set(parameters) - {'cost'})

            checks += 1
            if relative(stored_cost, final_cost) > 1e-9:
                failures.append('%s: final cost %.17g, the post gives %.17g'
                                % (label, stored_cost, final_cost))
            checks += 1
            if len(stored_curve) != ITERATIONS or max(
                    relative(s, c) for s, c in zip(stored_curve, costs)) > 1e-9:
                failures.append('%s: the cost curve differs from the post\'s' % label)
            checks += 1
            if extra:
                failures.append('%s: unexpected datasets %s' % (label, extra))
            for name, value in parameters.items():
                checks += 1
                if stored[name].shape != value.shape:
                    failures.append('%s: %s has shape %s, the post %s'
                                    % (label, name, stored[name].shape, value.shape))
                elif np.max(np.abs(stored[name] - value)) > 1e-9:
                    failures.append('%s: %s differs by %.3g' % (
                        label, name, np.max(np.abs(stored[name] - value))))

lib.report('test_post_reference', checks, failures)
