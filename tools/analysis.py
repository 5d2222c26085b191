#!/usr/bin/python3
"""Compare the runs of an nnsweep results file: a grouped table and figures.

Prints the table of `nnsweep show RESULTS.h5 --group-by KEY` and writes
three PNG figures, drawn by the nnsweep Python package (python/nnsweep):

  cost_curves.png         every run's training cost curve, coloured by KEY
                          (a colour bar, log-scaled when it spans decades,
                          for a key of many numeric values)
  final_cost.png          test.cost (with a test part) or train.cost against
                          KEY, each run a point, with the mean and sample
                          std of the ok runs (the spread over the other keys)
  decision_boundaries.png for two-feature classification datasets stored in
                          the file: the best run of each value of KEY over
                          the plane and its points (test points hollow)

Diverged and failed runs are drawn and marked in red. A file of a single run
(no sweep, e.g. configs/seed_moons.yaml) has nothing to group by: its row of
`nnsweep show RESULTS.h5` is printed, and only cost_curves.png and
decision_boundaries.png are drawn, for that run.

The table goes to stdout, then one line `figure: PATH` per figure written.
The decision-boundary figure is skipped, with a note on stderr saying why,
for a regression dataset and when no ok run trained on a stored two-feature
classification dataset.

Example:
  nnsweep run configs/hidden_sizes.yaml
  tools/analysis.py results/hidden_sizes.h5     # figures in results/hidden_sizes_figures/

Exit status: 0 done, 1 unreadable file (or a format version other than 4
to 6), 2 bad --key or nothing to group by (several runs but no swept key).
Run it with Debian's /usr/bin/python3 (numpy, h5py, xarray, matplotlib).
"""
import argparse
import os
import signal
import sys

import matplotlib

matplotlib.use("Agg")  # a command writing files: no window, whatever the session has
import matplotlib.pyplot as plt  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
import nnsweep  # noqa: E402
from nnsweep.tables import grouped_table, run_table  # noqa: E402

FIGURE_NAMES = ("cost_curves.png", "final_cost.png", "decision_boundaries.png")


def figure_folder(args):
    """--out, else <stem>_figures/ beside the results file; created."""
    stem = os.path.splitext(os.path.basename(args.results))[0]
    out = args.out or os.path.join(os.path.dirname(os.path.abspath(args.results)),
                                   f"{stem}_figures")
    os.makedirs(out, exist_ok=True)
    return out


def save(fig, path, written):
    fig.savefig(path, dpi=110, bbox_inches="tight")
    plt.close(fig)
    written.append(path)


def draw(ds, key, out, figures):
    """Writes `figures` (names from FIGURE_NAMES) grouped by `key`; returns their paths."""
    written = []
    if FIGURE_NAMES[0] in figures:
        save(nnsweep.plot_cost_curves(ds, key), os.path.join(out, FIGURE_NAMES[0]), written)
    if FIGURE_NAMES[1] in figures:
        save(nnsweep.plot_metric(ds, key=key), os.path.join(out, FIGURE_NAMES[1]), written)
    try:
        fig = nnsweep.plot_decision_boundaries(ds, key)
    except ValueError as error:
        what = "boundary" if key == "run" else "boundaries"  # one run: one boundary
        print(f"no decision {what}: {error}", file=sys.stderr)
    else:
        save(fig, os.path.join(out, FIGURE_NAMES[2]), written)
    return written


def main(argv=None):
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet when piped into head
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("results", metavar="RESULTS.h5", help="results file written by nnsweep run")
    parser.add_argument("--out", metavar="DIR",
                        help="folder for the figures (default: <stem>_figures/ beside RESULTS.h5)")
    parser.add_argument("--key", metavar="KEY",
                        help="swept key to group and colour by (default: the first swept key)")
    args = parser.parse_args(argv)

    try:
        ds = nnsweep.open(args.results)
    except (OSError, KeyError, ValueError) as error:
        print(f"analysis.py: cannot read {args.results}: {error}", file=sys.stderr)
        return 1
    keys = ds.attrs["swept_keys"]
    if ds.sizes["run"] == 1 and not keys:
        if args.key and args.key != "run":
            print(f"analysis.py: '{args.key}' is not a swept key of {args.results} "
                  "(a single run, no swept keys)", file=sys.stderr)
            return 2
        print(run_table(ds))
        print("1 run, no swept keys")
        key, figures = "run", (FIGURE_NAMES[0], FIGURE_NAMES[2])
    else:
        if not keys:
            print(f"analysis.py: {args.results} has no swept keys to group by", file=sys.stderr)
            return 2
        key = args.key or keys[0]
        if key not in keys:
            print(f"analysis.py: '{key}' is not a swept key of {args.results} "
                  f"(swept keys: {', '.join(keys)})", file=sys.stderr)
            return 2
        print(grouped_table(ds, key))
        figures = FIGURE_NAMES
    written = draw(ds, key, figure_folder(args), figures)
    print()
    for path in written:
        print(f"figure: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
