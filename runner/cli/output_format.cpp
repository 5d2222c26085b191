#include "cli/output_format.hpp"

#include <stdexcept>

namespace nnsweep {

OutputFormat parse_format(const std::string& name) {
  if (name == "table") return OutputFormat::table;
  if (name == "csv") return OutputFormat::csv;
  if (name == "json") return OutputFormat::json;
  if (name == "markdown") return OutputFormat::markdown;
  throw std::invalid_argument("unknown format '" + name + "' (table, csv, json or markdown)");
}

nlohmann::ordered_json json_value(const ColumnValue& value) {
  if (!value) return nullptr;
  // nlohmann writes NaN and infinities as null itself; shortest round-trip digits otherwise.
  return std::visit([](const auto& v) { return nlohmann::ordered_json(v); }, *value);
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string csv_record(const std::vector<std::string>& fields) {
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i) line += (i ? "," : "") + csv_field(fields[i]);
  return line + "\r\n";
}

std::string markdown_cell(const std::string& text) {
  std::string cell;
  for (const char c : text) {
    if (c == '|' || c == '\\') cell += '\\';
    cell += c == '\n' || c == '\r' ? ' ' : c;
  }
  return cell;
}

std::string markdown_row(const std::vector<std::string>& cells) {
  std::string line = "|";
  for (const std::string& cell : cells) line += " " + markdown_cell(cell) + " |";
  return line + "\n";
}

std::string markdown_rule(std::size_t columns) {
  std::string line = "|";
  for (std::size_t i = 0; i < columns; ++i) line += "---|";
  return line + "\n";
}

RowWriter::RowWriter(std::ostream& out, OutputFormat format, std::vector<std::string> headers)
    : out_(out), format_(format), headers_(std::move(headers)) {
  if (format_ == OutputFormat::csv) out_ << csv_record(headers_);
  if (format_ == OutputFormat::markdown)
    out_ << markdown_row(headers_) << markdown_rule(headers_.size());
  if (format_ == OutputFormat::json) out_ << "[";
}

void RowWriter::row(const std::vector<std::string>& shown, const std::vector<ColumnValue>& values) {
  if (format_ == OutputFormat::markdown) {
    out_ << markdown_row(shown);
    return;
  }
  if (format_ == OutputFormat::csv) {
    std::vector<std::string> fields;
    for (const ColumnValue& value : values) fields.push_back(column_text(value));
    out_ << csv_record(fields);
    return;
  }
  nlohmann::ordered_json object = nlohmann::ordered_json::object();
  for (std::size_t c = 0; c < headers_.size(); ++c) object[headers_[c]] = json_value(values[c]);
  out_ << (first_ ? "\n  " : ",\n  ") << object.dump();
  first_ = false;
}

void RowWriter::finish() {
  if (format_ == OutputFormat::json) out_ << (first_ ? "]" : "\n]");
}

}  // namespace nnsweep
