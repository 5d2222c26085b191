#pragma once
// Running `nnsweep run` and `nnsweep validate` on a bad experiment and checking
// the error: exit code 2, stderr `SOURCE:LINE:COL: message`, no results file.
#include <string>
#include <vector>

namespace nnsweep::testing {

// A small, valid experiment that the bad configs are edited from. Line numbers:
//  1 name  2 dataset  3 model  4 hidden  5 activation  6 output  7 init  8 loss
//  9 optimizer  10 name  11 learning_rate  12 train  13 iterations  14 log_every
extern const std::string kGoodConfig;

// `text` with the single occurrence of `from` replaced by `to` (fails the test
// when `from` is not there exactly once).
std::string replaced(const std::string& text, const std::string& from, const std::string& to);

// Where an error must point: `line` (1-based) and the column of the first
// occurrence of `token` on that line; an empty token accepts any column.
struct Where {
  int line;
  std::string token;
};

// 1-based column of `token` on line `line` of `text`, or 0 when it is absent.
int column_of(const std::string& text, int line, const std::string& token);

// Writes `yaml` as bad.yaml in a scratch folder, then runs
//   nnsweep run bad.yaml --out <scratch>/out.h5 [--set ...]   and
//   nnsweep validate bad.yaml [--set ...]
// and checks for each: exit code 2, nothing on stdout, one stderr line starting
// with `bad.yaml:LINE:COL:` and containing every word, and no out.h5.
// The column is computed from `yaml` itself.
void expect_config_error(const std::string& yaml, const Where& where,
                         const std::vector<std::string>& words,
                         const std::vector<std::string>& sets = {});

// The same for an error blamed on a --set argument: stderr starts with
// `--set KEY:1:COLUMN:` (any column when `column` is 0).
void expect_set_error(const std::string& yaml, const std::vector<std::string>& sets,
                      const std::string& key, int column,
                      const std::vector<std::string>& words);

// Both commands accept `yaml` (with `sets`): exit 0.
void expect_valid(const std::string& yaml, const std::vector<std::string>& sets = {});

}  // namespace nnsweep::testing
