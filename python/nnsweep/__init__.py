"""Read, evaluate and plot nnsweep results files (format versions 4 to 6).

Needs only numpy, h5py, xarray and matplotlib. Runs are named by their plan
index, the `run` coordinate (the `run` column of `nnsweep show`):

>>> import nnsweep
>>> ds = nnsweep.open(path)                       # the runs, an xarray.Dataset
>>> best = int(ds["train.cost"].argmin())         # a row position
>>> run = int(ds["run"][best])                    # its plan index
>>> first_layer = nnsweep.weights(path, run)[0]   # Layer(W, b)
>>> first_layer.W.shape[1] == nnsweep.dataset(path, run).X.shape[1]
True

Reading: open, weights, dataset, predict, network. Figures (each returns a
matplotlib Figure of the Dataset): plot_cost_curves, plot_metric,
plot_decision_boundaries, plot_parallel_coordinates. The HTML report:
`python3 -m nnsweep.report RESULTS.h5`. Guide: docs/analysis.md.
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
