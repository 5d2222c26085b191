#pragma once
// Datasets along a leading `run` dimension, written block of rows by block of
// rows: the results file's /runs table (store/runs_table.hpp). Chunks span
// whole rows and `rows_per_chunk` rows, so writing blocks that start at a
// multiple of it writes every compressed chunk exactly once.
#include <cstdint>
#include <string>
#include <vector>

#include "store/h5.hpp"

namespace nnsweep::h5 {

enum class Element { float64, int64, string };

// A dataset of dims {rows, inner...}, chunked {rows_per_chunk, inner...}
// (shuffle + deflate for numbers), float64 filled with NaN where never written.
// It has no chunk cache: each write of whole chunks is compressed and written
// to the file before write_rows returns.
Handle create_rows(hid_t parent, const std::string& name, Element element,
                   const std::vector<hsize_t>& dims, hsize_t rows_per_chunk);

// Rows [first, first + count) of `dataset`; `data` holds them row-major.
void write_rows(hid_t dataset, hsize_t first, hsize_t count, const double* data);
void write_rows(hid_t dataset, hsize_t first, hsize_t count, const std::int64_t* data);
// One call for the whole block: variable-length strings, one per row.
void write_rows(hid_t dataset, hsize_t first, const std::vector<std::string>& values);

// An int64 dimension scale 0, 1, ..., size-1 named `name`: the extra
// dimensions of /runs, so netCDF readers see named dimensions, not phony ones.
Handle write_index_scale(hid_t parent, const std::string& name, hsize_t size);

}  // namespace nnsweep::h5
