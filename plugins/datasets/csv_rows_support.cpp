// libcsv knows nothing of lines, so the file is fed to it one physical line at
// a time: a cell ends on the line being fed, and starts as many line breaks
// earlier as its text holds (a quoted cell may span lines).
#include "datasets/csv_rows_support.hpp"

#include <csv.h>

#include <exception>
#include <fstream>
#include <iterator>
#include <new>
#include <string_view>

#include "registry/dataset.hpp"

namespace nnsweep::datasets {
namespace {

// Line breaks as the reader counts lines: "\n", "\r\n" and a lone "\r" (libcsv
// ends rows at either character, so old Mac files have rows too).
std::int64_t line_breaks(std::string_view text) {
  std::int64_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool crlf_start = text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n';
    if ((text[i] == '\n' || text[i] == '\r') && !crlf_start) ++count;
  }
  return count;
}

// The first physical line of `rest`, its line break included, removed from `rest`.
std::string_view take_line(std::string_view& rest) {
  std::size_t end = rest.find_first_of("\r\n");
  if (end == std::string_view::npos) {
    end = rest.size();
  } else {
    end += (rest[end] == '\r' && end + 1 < rest.size() && rest[end + 1] == '\n') ? 2 : 1;
  }
  const std::string_view line = rest.substr(0, end);
  rest.remove_prefix(end);
  return line;
}

// What libcsv's callbacks build. They run inside C code, so nothing may be
// thrown through them: a failure is kept and rethrown once libcsv returns.
struct RowCollector {
  std::int64_t line = 0;  // the physical line being fed
  CsvRow row;             // the row being read
  std::vector<CsvRow> finished;
  std::exception_ptr failure;

  static void on_cell(void* data, std::size_t size, void* self) {
    auto& collector = *static_cast<RowCollector*>(self);
    try {
      std::string text = size ? std::string(static_cast<const char*>(data), size) : std::string();
      const std::int64_t start = collector.line - line_breaks(text);
      if (collector.row.cells.empty()) collector.row.line = start;
      collector.row.cells.push_back({std::move(text), start});
    } catch (...) {
      collector.failure = std::current_exception();
    }
  }

  static void on_row_end(int, void* self) {
    auto& collector = *static_cast<RowCollector*>(self);
    try {
      collector.finished.push_back(std::move(collector.row));
      collector.row = {};
    } catch (...) {
      collector.failure = std::current_exception();
    }
  }

  void rethrow_failure() const {
    if (failure) std::rethrow_exception(failure);
  }
};

class Parser {
 public:
  explicit Parser(char delimiter) {
    // Strict: a stray quote is an error, not a character of the cell, and a
    // quoted cell still open at the end of the file is one too.
    if (csv_init(&parser_, CSV_STRICT | CSV_STRICT_FINI) != 0) throw std::bad_alloc();
    csv_set_delim(&parser_, static_cast<unsigned char>(delimiter));
  }
  ~Parser() { csv_free(&parser_); }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  // False on a libcsv error; `used` is then where in `chunk` it stopped.
  bool parse(std::string_view chunk, RowCollector& collector, std::size_t& used) {
    used = csv_parse(&parser_, chunk.data(), chunk.size(), RowCollector::on_cell,
                     RowCollector::on_row_end, &collector);
    collector.rethrow_failure();
    return used == chunk.size();
  }
  bool finish(RowCollector& collector) {
    const bool ok =
        csv_fini(&parser_, RowCollector::on_cell, RowCollector::on_row_end, &collector) == 0;
    collector.rethrow_failure();
    return ok;
  }
  // After a strict error: the cell that was open, handed over as it stands
  // (libcsv keeps it), so that its text tells where it began.
  CsvCell open_cell(RowCollector& collector) {
    collector.finished.clear();
    csv_set_opts(&parser_, 0);
    csv_fini(&parser_, RowCollector::on_cell, RowCollector::on_row_end, &collector);
    collector.rethrow_failure();
    if (collector.finished.empty() || collector.finished.back().cells.empty()) return {};
    return collector.finished.back().cells.back();
  }
  bool out_of_memory() { return csv_error(&parser_) != CSV_EPARSE; }
  std::string error_text() { return csv_strerror(csv_error(&parser_)); }

 private:
  csv_parser parser_{};
};

std::string read_bytes(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw DataError(path, 0, "cannot open the file");
  std::string bytes{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
  if (file.bad()) throw DataError(path, 0, "cannot read the file");
  return bytes;
}

// A strict error while line `line` was fed, `used` bytes into `chunk`.
[[noreturn]] void throw_quote_error(const std::string& path, Parser& parser,
                                    RowCollector& collector, std::string_view chunk,
                                    std::size_t used) {
  const std::int64_t line = collector.line;
  if (parser.out_of_memory()) throw DataError(path, line, "libcsv: " + parser.error_text());
  const CsvCell open = parser.open_cell(collector);
  if (open.line > 0 && open.line < line) {
    throw DataError(path, open.line,
                    "unbalanced quotes: the quoted cell that starts here runs on to line " +
                        std::to_string(line) + " (is its closing quote missing?)");
  }
  const std::string at = " at character " + std::to_string(used + 1);
  const std::string what =
      chunk[used] == '"' ? "a stray quote" + at
                         : "'" + std::string(1, chunk[used]) + "'" + at + " after a closing quote";
  throw DataError(path, line,
                  "unbalanced quotes: " + what +
                      "; a cell that holds quotes must be quoted, each quote in it doubled (\"\")");
}

}  // namespace

void for_each_csv_row(const std::string& path, char delimiter,
                      const std::function<void(const CsvRow&)>& on_row) {
  const std::string bytes = read_bytes(path);
  std::string_view rest = bytes;
  if (rest.starts_with("\xEF\xBB\xBF")) rest.remove_prefix(3);

  Parser parser(delimiter);
  RowCollector collector;
  const auto deliver = [&] {
    for (const CsvRow& row : collector.finished) on_row(row);
    collector.finished.clear();
  };
  while (!rest.empty()) {
    const std::string_view chunk = take_line(rest);
    ++collector.line;
    std::size_t used = 0;
    const bool ok = parser.parse(chunk, collector, used);
    deliver();
    if (!ok) throw_quote_error(path, parser, collector, chunk, used);
  }
  if (!parser.finish(collector)) {
    // The open cell holds the file's last line break too: count from past it.
    if (bytes.ends_with('\n') || bytes.ends_with('\r')) ++collector.line;
    const CsvCell open = parser.open_cell(collector);
    throw DataError(path, open.line,
                    "unbalanced quotes: the quoted cell that starts here has no closing quote");
  }
  deliver();
}

}  // namespace nnsweep::datasets
