#pragma once
// Which cells of a CSV row the csv plugin reads: the `label` and `features`
// settings resolved against the header (or, without one, the first row's
// width), and what to call a column in a message. Not a plugin.
#include <cstddef>
#include <string>
#include <vector>

#include "datasets/csv_rows_support.hpp"

namespace nnsweep::datasets {

struct CsvColumns {
  std::size_t width = 0;              // cells in every row
  std::vector<std::size_t> features;  // at least one, in the order to read them
  std::size_t label = 0;              // never among the features
  std::vector<std::string> names;     // from the header; empty without one

  // `column` (< width) for a message: "column 'petal_width'", or "column 3"
  // without a header.
  std::string describe(std::size_t column) const;
};

// The columns to read, planned from the file's first row `first` (the header
// when `header`, else the first data row), as for_each_csv_row delivers it,
// from `path`. `label` names the label column, empty for the last one;
// `features` names the feature columns in the order given, empty for all the
// others in file order.
//
// A reference is a header name when one matches exactly, else a 0-based
// index, so a header named "3" is found by name and a header-less file by
// index. Throws DataError(path, first.line, ...) for a reference that matches
// no column (listing the columns, with a did-you-mean hint for a misspelt
// name), a header name that appears twice, a feature that is the label or is
// listed twice, and a row that leaves no feature column.
CsvColumns plan_columns(const std::string& path, const CsvRow& first, bool header,
                        const std::string& label, const std::vector<std::string>& features);

}  // namespace nnsweep::datasets
