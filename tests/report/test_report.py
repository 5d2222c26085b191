#!/usr/bin/python3
"""python3 -m nnsweep.report: the page, its errors, and the page rendered.

Usage: test_report.py NNSWEEP_BINARY

On configs/hidden_sizes.yaml (300 iterations) and a random search with
diverged runs: the default output is RESULTS.html, its path is printed,
the results file is unchanged; the page is one file with no reference to
anything outside it, a table of one row per run with the best run
highlighted and not-ok runs marked, the expected figures (one per key,
one for the keys of a zip, which vary together), the config and provenance.
Errors: no argument or -o naming the results file is exit 2, an unreadable
file exit 1, and neither writes a page. Headless Chromium then renders the
pages: the inline script ran (its marker), the table has every row, every
image decoded with a non-zero size, clicking a column header sorts by it,
and a screenshot is not blank. Exit 77 (skipped) only when Chromium cannot
start.
"""
import hashlib
import html
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "package"))
from package_support import (PACKAGE_DIR, check, failures, finish, hidden_sizes, run,  # noqa: E402
                             sweep)
from test_open import RANDOM  # noqa: E402

import numpy as np  # noqa: E402

import nnsweep  # noqa: E402

ENV = dict(os.environ, PYTHONPATH=PACKAGE_DIR)
CHROMIUM = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
            "--virtual-time-budget=20000"]
# Clicks the train.cost header twice and records the first row's run each time.
SORT_PROBE = """<script>
window.addEventListener('load', function () {
  var heads = document.querySelectorAll('#runs thead th'), column = -1;
  for (var i = 0; i < heads.length; i++) if (heads[i].textContent === 'train.cost') column = i;
  var first = function () { return document.querySelector('#runs tbody tr').cells[0].textContent; };
  heads[column].click(); document.body.setAttribute('data-probe-ascending', first());
  heads[column].click(); document.body.setAttribute('data-probe-descending', first());
});
</script></body>"""


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def report(*args, cwd=None):
    return run([sys.executable, "-m", "nnsweep.report", *args], env=ENV, cwd=cwd)


def check_page(results, label, figures):
    """Writes the page at its default path and checks its text, holding
    `figures` images; returns (its path, images, rows)."""
    before = sha256(results)
    done = report(results)
    page = results[:-len(".h5")] + ".html"
    check(done.returncode == 0 and done.stdout.strip() == page,
          f"{label}: exit {done.returncode}, printed {done.stdout!r}: {done.stderr[-1500:]}")
    check(sha256(results) == before, f"{label}: the results file changed")
    if not check(os.path.isfile(page), f"{label}: {page} was not written"):
        return None
    with open(page, encoding="utf-8") as f:
        text = f.read()
    ds = nnsweep.open(results)
    outside = re.findall(r'(?:src|href)\s*=\s*"(?!data:|#)([^"]*)"', text)
    check(not outside and "@import" not in text and "url(" not in text,
          f"{label}: references outside the page: {outside[:5]}")
    body = text.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in text else ""
    rows = re.findall(r'<tr class="([^"]*)">', body)
    check(len(rows) == ds.sizes["run"], f"{label}: {len(rows)} table rows, {ds.sizes['run']} runs")
    check(rows.count("best") == 1, f"{label}: {rows.count('best')} rows highlighted as best")
    bad = int((ds["status"].values != "ok").sum())
    check(rows.count("not-ok") == bad, f"{label}: {rows.count('not-ok')} rows marked not ok, "
          f"{bad} runs not ok")
    best = re.search(r'<tr class="best"><td data-v="([^"]+)"', body)
    cost = np.where(ds["status"].values == "ok", ds["train.cost"].values, np.inf)
    check(best and int(float(best.group(1))) == int(ds["run"].values[np.argmin(cost)]),
          f"{label}: the highlighted run is not the one of lowest train.cost")
    images = len(re.findall(r'<img src="data:image/png;base64,', text))
    check(images == figures, f"{label}: {images} inline images, expected {figures}")
    check(html.escape(ds.attrs["config"].splitlines()[-1]) in text
          and ds.attrs["experiment_id"] in text, f"{label}: config or provenance missing")
    return page, images, len(rows)


ZIPPED = """name: zipped
dataset: {name: moons, n_samples: 40, noise: 0.2, seed: 0}
model: {hidden: [3], activation: tanh, output: sigmoid}
train: {iterations: 20}
sweep:
  zip:
    model.init.seed: [1, 2, 3]
    dataset.seed: [4, 5, 6]
    optimizer.learning_rate: [0.1, 0.2, 0.3]
"""

TINY = """name: tiny
dataset: {name: moons, n_samples: 40, noise: 0.2, seed: 0}
model: {hidden: [3], activation: tanh, output: sigmoid}
train: {iterations: 20}
sweep: {grid: {model.init.seed: [1, 2]}}
"""


def check_errors(tmp, results):
    before = sha256(results)
    same = report(results, "-o", results)
    check(same.returncode == 2 and "results file" in same.stderr and sha256(results) == before,
          f"-o RESULTS: exit {same.returncode}: {same.stderr}")
    check(report().returncode == 2, "no arguments: not exit 2")
    junk = os.path.join(tmp, "junk.h5")
    with open(junk, "w") as f:
        f.write("not HDF5\n")
    done = report(junk)
    check(done.returncode == 1 and "junk.h5" in done.stderr and not os.path.exists(
        os.path.join(tmp, "junk.html")), f"junk file: exit {done.returncode}: {done.stderr}")
    done = report(os.path.join(tmp, "missing.h5"))
    check(done.returncode == 1 and "missing.h5" in done.stderr, f"missing file: {done.stderr}")
    other = os.path.join(tmp, "elsewhere", "named.html")
    os.makedirs(os.path.dirname(other))
    done = report(sweep(tmp, "tiny", TINY), "-o", other)
    check(done.returncode == 0 and done.stdout.strip() == other and os.path.isfile(other),
          f"-o elsewhere: {done.returncode} {done.stdout!r}")
    print("ok   errors: -o RESULTS and no arguments exit 2, unreadable files exit 1")


def chromium_starts():
    try:
        done = run(CHROMIUM + ["--dump-dom", "about:blank"], timeout=60)
    except (OSError, subprocess.TimeoutExpired) as error:  # not installed, or hangs
        return f"{error}"
    return "" if done.returncode == 0 and "<html" in done.stdout else done.stderr[-500:]


def check_rendered(page, images, rows, tmp, label, screenshot):
    probe = os.path.join(tmp, os.path.basename(page) + ".probe.html")
    with open(page, encoding="utf-8") as f, open(probe, "w", encoding="utf-8") as out:
        out.write(f.read().replace("</body>", SORT_PROBE, 1))
    dom = run(CHROMIUM + ["--dump-dom", "file://" + probe], timeout=120).stdout
    body = re.search(r"<body([^>]*)>", dom)
    attributes = dict(re.findall(r'([\w-]+)="([^"]*)"', body.group(1))) if body else {}
    check(attributes.get("data-report-ready") == "yes", f"{label}: the page's script did not run")
    check(attributes.get("data-table-rows") == str(rows),
          f"{label}: rendered {attributes.get('data-table-rows')} rows, expected {rows}")
    check(attributes.get("data-images-drawn") == str(images),
          f"{label}: {attributes.get('data-images-drawn')} of {images} images decoded")
    ds = nnsweep.open(page[:-len(".html")] + ".h5")
    cost = ds["train.cost"].values
    low = np.where(np.isfinite(cost), cost, np.inf)
    check(attributes.get("data-probe-ascending") == str(ds["run"].values[np.argmin(low)]),
          f"{label}: sorted ascending, first run {attributes.get('data-probe-ascending')}")
    high = np.where(np.isfinite(cost), cost, -np.inf)
    check(attributes.get("data-probe-descending") == str(ds["run"].values[np.argmax(high)]),
          f"{label}: sorted descending, first run {attributes.get('data-probe-descending')}")
    shot = os.path.join(tmp, os.path.basename(page) + ".png")
    if screenshot:
        run(CHROMIUM + [f"--screenshot={shot}", "--window-size=1280,2400", "file://" + page],
            timeout=120)
    if screenshot and check(os.path.isfile(shot), f"{label}: no screenshot"):
        import matplotlib.image
        pixels = matplotlib.image.imread(shot)[..., :3]
        check(pixels.shape[:2] == (2400, 1280) and pixels.std() > 0.05,
              f"{label}: screenshot {pixels.shape}, std {pixels.std():.3f}")
    print(f"ok   {label}: rendered with {rows} rows and {images} images; sorting works")


def main():
    reason = chromium_starts()
    with tempfile.TemporaryDirectory(prefix="nnsweep_report_") as tmp:
        # Curves, the metric by each of the two keys, parallel coordinates, boundaries.
        pages = [(check_page(hidden_sizes(tmp), "hidden sizes", 5), "hidden sizes")]
        random = sweep(tmp, "random_rates", RANDOM, expect=(0, 3))
        pages.append((check_page(random, "random search", 3), "random search"))
        # A zip's three keys vary together: one metric figure, no parallel coordinates.
        zipped = sweep(tmp, "zipped", ZIPPED)
        check_page(zipped, "zip", 3)
        check_errors(tmp, random)
        if reason:  # the page's own checks above still fail the test
            print(f"SKIP: chromium cannot start, the pages were not rendered: {reason}")
            sys.exit(1 if failures else 77)
        for number, (found, label) in enumerate(pages):
            if found:
                check_rendered(*found, tmp, label, screenshot=number == 0)
    finish("test_report")


if __name__ == "__main__":
    main()
