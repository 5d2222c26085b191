// Every kind of malformed CSV file is a DataError "FILE:LINE: message", with
// the 1-based physical line of the offending row or cell (no line when the
// fault is the file as a whole).
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "csv_test_support.hpp"

using nnsweep::testing::csv_error;
using nnsweep::testing::CsvSettings;
using nnsweep::testing::ScratchDir;

namespace {

struct ErrorCase {
  std::string what;
  std::string text;
  CsvSettings settings;
  int line;  // 0: the message names no line
  std::string message;
};

const std::vector<ErrorCase> kErrorCases = {
    {"short row", "a,b,c,d,y\n1,2,3,4,0\n1,2,0\n", {}, 3, "3 cells, but the header has 5"},
    {"long row", "a,b,y\n1,2,0\n\n1,2,3,0\n", {}, 4, "4 cells, but the header has 3"},
    {"one cell", "a,b,y\n1,2,0\n7\n", {}, 3, "1 cell, but the header has 3"},
    {"short row without a header",
     "1,2,0\n1,2\n",
     {{"header", "false"}},
     2,
     "2 cells, but the first row has 3"},
    {"text in a feature", "a,b,y\n1,2,0\n1,abc,1\n", {}, 3, "column 'b': \"abc\" is not a number"},
    {"a number and more", "a,b,y\n1,2 3,0\n", {}, 2, "column 'b': \"2 3\" is not a number"},
    {"empty feature",
     "a,b,y\n1,2,0\n,2,1\n",
     {},
     3,
     "column 'a': an empty cell (\"\") is not a number"},
    {"text without a header",
     "1,2,0\n1,x,1\n",
     {{"header", "false"}},
     2,
     "column 1: \"x\" is not a number"},
    {"infinity", "a,b,y\n1,inf,0\n", {}, 2, "column 'b': \"inf\" is not a finite number"},
    {"nan", "a,b,y\n1,2,0\nNaN,2,1\n", {}, 3, "column 'a': \"NaN\" is not a finite number"},
    {"overflow",
     "a,b,y\n1,2,0\n1,-1e999,1\n",
     {},
     3,
     "column 'b': \"-1e999\" is not a finite number"},
    {"regression label text",
     "a,y\n1,2\n2,high\n",
     {{"task", "regression"}},
     3,
     "column 'y': \"high\" is not a number"},
    {"regression label empty",
     "a,y\n1,\n",
     {{"task", "regression"}},
     2,
     "column 'y': an empty cell (\"\") is not a number"},
    {"empty class label", "a,y\n1,x\n2,\"\"\n", {}, 3, "column 'y': empty label"},
    {"empty file", "", {}, 0, "the file is empty: no rows"},
    {"blank lines only", "\n \r\n\n", {}, 0, "the file is empty: no rows"},
    {"header only", "\n\na,b,y\n", {}, 3, "a header but no data rows"},
    {"header only with a BOM",
     "\xEF\xBB\xBF"
     "a,b,y\r\n",
     {},
     1,
     "a header but no data rows"},
    {"one class",
     "a,y\n1,x\n2,x\n",
     {},
     0,
     "column 'y' holds one class only, 'x'; classification needs two or more (task: regression "
     "for numbers)"},
    {"unknown label name",
     "sepal,petal,species\n1,2,a\n",
     {{"label", "specis"}},
     1,
     "label: no column 'specis'; the columns are sepal, petal, species (or the indices 0 to 2); "
     "did you mean 'species'?"},
    {"unknown feature name",
     "sepal,petal,species\n1,2,a\n",
     {{"features", "sepal,petl"}},
     1,
     "features: no column 'petl'; the columns are sepal, petal, species (or the indices 0 to 2); "
     "did you mean 'petal'?"},
    {"feature index out of range",
     "a,b,y\n1,2,0\n",
     {{"features", "3"}},
     1,
     "features: no column '3'; the columns are a, b, y (or the indices 0 to 2)"},
    {"label index without a header",
     "\n1,2,0\n",
     {{"header", "false"}, {"label", "3"}},
     2,
     "label: no column '3'; without a header (header: false) columns are the indices 0 to 2"},
    {"name without a header",
     "1,2,0\n",
     {{"header", "false"}, {"features", "a"}},
     1,
     "features: no column 'a'; without a header (header: false) columns are the indices 0 to 2"},
    {"duplicate header names",
     "x,y,z,y\n1,2,3,4\n",
     {},
     1,
     "column name 'y' appears twice (columns 1 and 3)"},
    {"label listed in features",
     "a,b,y\n1,2,0\n",
     {{"label", "a"}, {"features", "a,b"}},
     1,
     "column 'a' is the label and cannot also be a feature"},
    {"default label listed in features",
     "a,b,y\n1,2,0\n",
     {{"features", "b,2"}},
     1,
     "column 'y' is the label and cannot also be a feature (the label is the last column unless "
     "label: names one)"},
    {"feature listed twice",
     "a,b,y\n1,2,0\n",
     {{"features", "a,0"}},
     1,
     "features: column 'a' is listed twice"},
    {"label only",
     "y\n0\n1\n",
     {},
     1,
     "no feature columns: the rows have only the label column, column 'y'"},
    {"quote never closed",
     "a,b,y\n1,2,0\n1,\"2,0\n3,4,1\n",
     {},
     3,
     "unbalanced quotes: the quoted cell that starts here has no closing quote"},
    {"quote never closed, no final line break",
     "a,b,y\n\"1,2,0",
     {},
     2,
     "unbalanced quotes: the quoted cell that starts here has no closing quote"},
    {"closing quote missing before a later quoted cell",
     "a,b,y\n1,\"2,0\n3,\"4\",1\n",
     {},
     2,
     "unbalanced quotes: the quoted cell that starts here runs on to line 3 (is its closing quote "
     "missing?)"},
    {"stray quote",
     "a,b,y\n1,2,0\n1,2\"5,1\n",
     {},
     3,
     "unbalanced quotes: a stray quote at character 4; a cell that holds quotes must be quoted, "
     "each quote in it doubled (\"\")"},
    {"text after a closing quote",
     "a,b,y\r\n\"1\"x,2,0\r\n",
     {},
     2,
     "unbalanced quotes: 'x' at character 4 after a closing quote; a cell that holds quotes must "
     "be quoted, each quote in it doubled (\"\")"},
    {"a cell after a multi-line cell",
     "a,b,y\n1,\"two\nlines\",x\n2,2,0\n",
     {{"label", "b"}},
     3,
     "column 'y': \"x\" is not a number"},
    {"an earlier row's error comes first",
     "a,b,y\n1,x,0\n1,\"2\n",
     {},
     2,
     "column 'b': \"x\" is not a number"},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(csv_errors)

BOOST_AUTO_TEST_CASE(each_malformed_file_names_its_line) {
  for (const ErrorCase& c : kErrorCases) {
    BOOST_TEST_CONTEXT(c.what) {
      ScratchDir scratch;
      const std::string path = (scratch.path() / "data.csv").string();
      const std::string where = c.line > 0 ? path + ":" + std::to_string(c.line) : path;
      BOOST_TEST(csv_error(scratch, c.text, c.settings) == where + ": " + c.message);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_delimiter_is_one_character) {
  ScratchDir scratch;
  for (const std::string delimiter : {"", ";;", "\xC2\xA7"}) {
    BOOST_TEST(csv_error(scratch, "a,y\n1,0\n2,1\n", {{"delimiter", delimiter}}) ==
               "csv: delimiter must be one character, got '" + delimiter + "'");
  }
  BOOST_TEST(csv_error(scratch, "a,y\n1,0\n2,1\n", {{"delimiter", "\""}}) ==
             "csv: delimiter cannot be a quote or a line break");
}

BOOST_AUTO_TEST_CASE(a_wide_header_is_listed_in_part) {
  ScratchDir scratch;
  std::string header, row;
  for (int column = 0; column < 20; ++column) {
    header += "c" + std::to_string(column) + ",";
    row += "1,";
  }
  const std::string message = csv_error(scratch, header + "y\n" + row + "0\n", {{"label", "z"}});
  BOOST_TEST(message.find("the columns are c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, ... "
                          "(21 in all) (or the indices 0 to 20)") != std::string::npos,
             message);
}

BOOST_AUTO_TEST_SUITE_END()
