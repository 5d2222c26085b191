// Every kind of malformed CSV file is a DataError "FILE:LINE: message", with
// the 1-based physical line of the offending row or cell (no line when the
// fault is the file as a whole).
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "csv_error_cases.hpp"

using nnsweep::testing::csv_error;
using nnsweep::testing::CsvErrorCase;
using nnsweep::testing::kCsvErrorCases;
using nnsweep::testing::ScratchDir;

BOOST_AUTO_TEST_SUITE(csv_errors)

BOOST_AUTO_TEST_CASE(each_malformed_file_names_its_line) {
  for (const CsvErrorCase& c : kCsvErrorCases) {
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
