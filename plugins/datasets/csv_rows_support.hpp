#pragma once
// The rows of a CSV file as libcsv reads them, each cell with the physical
// line it starts on, for the csv plugin's error messages. Not a plugin.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace nnsweep::datasets {

struct CsvCell {
  std::string text;       // unquoted, with libcsv's trimming of unquoted spaces
  std::int64_t line = 0;  // 1-based, where the cell starts
};

struct CsvRow {
  std::int64_t line = 0;       // where its first cell starts
  std::vector<CsvCell> cells;  // at least one
};

// Reads the file at `path` with libcsv in strict mode, cells separated by
// `delimiter` (neither a quote nor a line break: the caller checks), and calls
// on_row for each row, in file order, before reading further, so that on_row
// may stop the reading by throwing. Rows may differ in length. Blank lines
// hold no row; a UTF-8 byte order mark is dropped; lines may end in LF, CRLF
// or CR, and each counts as one line.
//
// Throws DataError(path, line, ...) for a file that cannot be opened or read
// (line 0) and for malformed quoting (the line of the offending character, or
// that of the quoted cell left open); rows before the fault have been
// delivered; libcsv running out of memory is a DataError too ("libcsv: ...").
// Whatever on_row throws passes through.
void for_each_csv_row(const std::string& path, char delimiter,
                      const std::function<void(const CsvRow&)>& on_row);

}  // namespace nnsweep::datasets
