# Reads an nnsweep results file with hdf5r, as an R user would: the summary
# into a data.frame (one row per run) and one run's cost curve. Prints them
# for tests/readers/test_r_hdf5r.py to compare with h5py's view.
# usage: Rscript read_results.R RESULTS.h5
suppressPackageStartupMessages(library(hdf5r))
path <- commandArgs(trailingOnly = TRUE)[1]
file <- H5File$new(path, mode = "r")
summary <- file[["summary"]]
# Every one-dimensional dataset along `run` is a column.
columns <- list()
for (name in names(summary)) {
  item <- summary[[name]]
  if (inherits(item, "H5D") && length(item$dims) == 1 && item$dims == summary[["run"]]$dims) {
    columns[[name]] <- item$read()
  }
}
runs <- as.data.frame(columns, check.names = FALSE, stringsAsFactors = FALSE)
# hdf5r gives an HDF5 (run, step) dataset as a step x run matrix (R is column-major).
cost <- summary[["cost"]]$read()
file$close_all()
shown <- runs[, c("run", "status", "model.hidden", "model.activation", "train.cost")]
shown[["train.cost"]] <- sprintf("%.17g", shown[["train.cost"]])  # every digit, not 15
write.csv(shown, stdout(), row.names = FALSE)
cat("cost of run", runs$run[2], ":", sprintf("%.17g", cost[, 2]), "\n")
