"""Read, evaluate and plot nnsweep results files.

Everything takes the path of a results file written by `nnsweep run`
(format version 4 or 5) and needs only numpy, h5py, xarray and matplotlib.

>>> import nnsweep
>>> ds = nnsweep.open(path)
>>> ds.sizes["run"] == len(ds["train.cost"])
True
>>> best = int(ds["train.cost"].argmin())          # a row position
>>> run = int(ds.run[best])                         # its plan index
>>> [W.shape for W, b in nnsweep.weights(path, run)][0][1] == nnsweep.dataset(path, run).X.shape[1]
True

Reading: open, weights, dataset, predict, network. Plots (each returns a
matplotlib Figure): plot_cost_curves, plot_metric, plot_decision_boundaries,
plot_parallel_coordinates. The HTML page: `python3 -m nnsweep.report FILE`.
"""
from ._file import READABLE_VERSIONS, ResultsFileError
from .network import Data, Layer, Network, dataset, network, predict, weights
from .plots import (plot_cost_curves, plot_decision_boundaries, plot_metric,
                    plot_parallel_coordinates)
from .results import open

__version__ = "0.1.0"

__all__ = ["open", "weights", "dataset", "predict", "network", "Layer", "Data", "Network",
           "plot_cost_curves", "plot_metric", "plot_decision_boundaries",
           "plot_parallel_coordinates", "ResultsFileError", "READABLE_VERSIONS"]
