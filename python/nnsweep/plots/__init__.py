"""Figures of a results file's runs, each returned as a matplotlib Figure.

They take the Dataset nnsweep.open returns and never choose a backend
(importing them leaves matplotlib as it was): show, save or close the
figures as you like.
"""
from .boundaries import plot_decision_boundaries
from .curves import plot_cost_curves
from .metric import plot_metric
from .parallel import plot_parallel_coordinates

__all__ = ["plot_cost_curves", "plot_metric", "plot_decision_boundaries",
           "plot_parallel_coordinates"]
