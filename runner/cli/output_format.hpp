#pragma once
// The formats of `show`, `plan` and `plugins` (--format): the aligned text
// table people read, and CSV, JSON and Markdown for programs and reports.
//
//   CSV       RFC 4180: one header line, CRLF line ends, a field quoted (with
//             its quotes doubled) when it holds a comma, a quote, CR or LF.
//             Numbers are written as the shortest text that reads back to the
//             same double (format_number); a missing value or NaN is an empty
//             field, infinities are inf and -inf (as Python's float() and
//             pandas read them); lists are their YAML text, "[20, 20]".
//   JSON      one document, written by nlohmann-json: numbers at full
//             precision (round-trip), NaN and infinities as null, a missing
//             value as null, lists as arrays.
//   Markdown  a GitHub table of the text table's cells, with | escaped.
#include <nlohmann/json.hpp>

#include <ostream>
#include <string>
#include <vector>

#include "registry/params.hpp"

namespace nnsweep {

enum class OutputFormat { table, csv, json, markdown };

// table, csv, json or markdown (the --format option checks the name).
OutputFormat parse_format(const std::string& name);

// A JSON value of a typed cell: null when missing (or NaN).
nlohmann::ordered_json json_value(const ColumnValue& value);

// One field of a CSV record, quoted when RFC 4180 needs it.
std::string csv_field(const std::string& text);
// A whole record, fields joined by commas, ended by CRLF.
std::string csv_record(const std::vector<std::string>& fields);
// One cell of a Markdown table: | escaped, line breaks as spaces.
std::string markdown_cell(const std::string& text);
// A Markdown table row ("| a | b |"), ended by a newline.
std::string markdown_row(const std::vector<std::string>& cells);
// The line under a Markdown table's header ("|---|---|").
std::string markdown_rule(std::size_t columns);

// Writes one row at a time, so that a plan of a million runs is never held
// as text: CSV records, Markdown rows, or the elements of a JSON array of
// objects keyed by the headers (the caller writes what surrounds the array).
class RowWriter {
 public:
  RowWriter(std::ostream& out, OutputFormat format, std::vector<std::string> headers);
  // `shown` is what Markdown prints, `values` what CSV and JSON write.
  void row(const std::vector<std::string>& shown, const std::vector<ColumnValue>& values);
  // Ends the JSON array ("]"); nothing for the others.
  void finish();

 private:
  std::ostream& out_;
  OutputFormat format_;
  std::vector<std::string> headers_;
  bool first_ = true;
};

}  // namespace nnsweep
