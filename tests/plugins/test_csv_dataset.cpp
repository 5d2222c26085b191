// The csv dataset plugin on well-formed files: numbers as written, quoting,
// byte order marks and CRLF, header or none, label and feature selection, and
// the order classes are numbered in (numpy.unique's).
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "csv_test_support.hpp"

using nnsweep::Dataset;
using nnsweep::Task;
using nnsweep::testing::read_csv;
using nnsweep::testing::ScratchDir;

namespace {

std::vector<double> row_of(const Eigen::MatrixXd& matrix, Eigen::Index row) {
  std::vector<double> values;
  for (Eigen::Index i = 0; i < matrix.cols(); ++i) values.push_back(matrix(row, i));
  return values;
}

using Names = std::vector<std::string>;
using Values = std::vector<double>;

}  // namespace

BOOST_AUTO_TEST_SUITE(csv_dataset)

BOOST_AUTO_TEST_CASE(numbers_as_written_in_file_order) {
  ScratchDir scratch;
  const Dataset data = read_csv(scratch,
                                "a,b,label\n"
                                "1.5,-2e-3,1\n"
                                " +4 ,\" 5 \",0\n"
                                "0.1,1e-400,1\n");
  nnsweep::check_dataset(data, "csv");
  BOOST_TEST(data.X.rows() == 2);
  BOOST_TEST(data.X.cols() == 3);
  BOOST_TEST(row_of(data.X, 0) == (Values{1.5, 4.0, 0.1}), boost::test_tools::per_element());
  BOOST_TEST(row_of(data.X, 1) == (Values{-2e-3, 5.0, 0.0}), boost::test_tools::per_element());
  BOOST_TEST(row_of(data.Y, 0) == (Values{1, 0, 1}), boost::test_tools::per_element());
  BOOST_TEST((data.task == Task::classification));
  BOOST_TEST(data.classes == 2);
  BOOST_TEST(data.class_names == (Names{"0", "1"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(quoted_cells_hold_delimiters_quotes_and_line_breaks) {
  ScratchDir scratch;
  const Dataset data = read_csv(scratch,
                                "\"x; first\",\"the \"\"label\"\"\"\n"
                                "1,\"a,b\"\n"
                                "2,\"say \"\"hi\"\"\"\n"
                                "\"3\",\"two\nlines\"\n"
                                "4,\"a,b\"\n",
                                {{"label", "the \"label\""}, {"features", "x; first"}});
  BOOST_TEST(row_of(data.X, 0) == (Values{1, 2, 3, 4}), boost::test_tools::per_element());
  BOOST_TEST(data.class_names == (Names{"a,b", "say \"hi\"", "two\nlines"}),
             boost::test_tools::per_element());
  BOOST_TEST(row_of(data.Y, 0) == (Values{0, 1, 2, 0}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(byte_order_mark_crlf_and_blank_lines) {
  ScratchDir scratch;
  const Dataset data = read_csv(scratch,
                                "\xEF\xBB\xBF"
                                "height,kind\r\n"
                                "1.25,tall\r\n"
                                "\r\n"
                                "0.5,short\r\n"
                                "2,tall",
                                {{"label", "kind"}});
  BOOST_TEST(row_of(data.X, 0) == (Values{1.25, 0.5, 2}), boost::test_tools::per_element());
  BOOST_TEST(data.class_names == (Names{"short", "tall"}), boost::test_tools::per_element());
  BOOST_TEST(row_of(data.Y, 0) == (Values{1, 0, 1}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(no_header_columns_by_index) {
  ScratchDir scratch;
  const Dataset data = read_csv(scratch,
                                "1,10,100,7\n"
                                "0,20,200,8\n",
                                {{"header", "false"}, {"label", "0"}, {"features", "2,1"}});
  BOOST_TEST(data.X.rows() == 2);
  BOOST_TEST(row_of(data.X, 0) == (Values{100, 200}), boost::test_tools::per_element());
  BOOST_TEST(row_of(data.X, 1) == (Values{10, 20}), boost::test_tools::per_element());
  BOOST_TEST(row_of(data.Y, 0) == (Values{1, 0}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(no_header_defaults_to_the_last_column_as_label) {
  ScratchDir scratch;
  const Dataset data = read_csv(scratch, "1,2,b\n3,4,a\n", {{"header", "false"}});
  BOOST_TEST(row_of(data.X, 1) == (Values{2, 4}), boost::test_tools::per_element());
  BOOST_TEST(data.class_names == (Names{"a", "b"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(features_by_name_and_index_in_the_order_given) {
  ScratchDir scratch;
  const std::string text = "a,b,c,d,y\n1,2,3,4,0\n5,6,7,8,1\n";
  const Dataset named = read_csv(scratch, text, {{"features", "c,0"}, {"label", "y"}});
  BOOST_TEST(named.X.rows() == 2);
  BOOST_TEST(row_of(named.X, 0) == (Values{3, 7}), boost::test_tools::per_element());
  BOOST_TEST(row_of(named.X, 1) == (Values{1, 5}), boost::test_tools::per_element());
  // A header named "0" is found by name before "0" is taken as an index.
  const Dataset by_name = read_csv(scratch, "a,b,0,y\n1,2,3,0\n5,6,7,1\n", {{"features", "0"}});
  BOOST_TEST(row_of(by_name.X, 0) == (Values{3, 7}), boost::test_tools::per_element());
  // Without features, every column but the label, in file order.
  const Dataset all = read_csv(scratch, text, {{"label", "b"}});
  BOOST_TEST(all.X.rows() == 4);
  BOOST_TEST(row_of(all.X, 3) == (Values{0, 1}), boost::test_tools::per_element());
  BOOST_TEST(all.class_names == (Names{"2", "6"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(integer_labels_sort_numerically) {
  ScratchDir scratch;
  const Dataset data = read_csv(scratch, "x,y\n0,10\n1,9\n2,-1\n3,+9\n4,010\n5,2\n");
  // numpy.unique([10, 9, -1, 9, 10, 2]) = [-1, 2, 9, 10].
  BOOST_TEST(data.classes == 4);
  BOOST_TEST(data.class_names == (Names{"-1", "2", "9", "10"}), boost::test_tools::per_element());
  BOOST_TEST(row_of(data.Y, 0) == (Values{3, 2, 0, 2, 3, 1}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(text_labels_sort_as_bytes) {
  ScratchDir scratch;
  // One label that is not an integer makes them all text: "10" < "9" then.
  const Dataset data = read_csv(scratch, "x,y\n0,b\n1,B\n2,\xC3\xA9\n3,a\n4,10\n5,9\n6,b\n");
  BOOST_TEST(data.class_names == (Names{"10", "9", "B", "a", "b", "\xC3\xA9"}),
             boost::test_tools::per_element());
  BOOST_TEST(row_of(data.Y, 0) == (Values{4, 2, 5, 3, 0, 1, 4}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(decimal_labels_are_text) {
  ScratchDir scratch;
  const Dataset data = read_csv(scratch, "x,y\n0,1.0\n1,2\n");
  BOOST_TEST(data.class_names == (Names{"1.0", "2"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(regression_targets_are_numbers) {
  ScratchDir scratch;
  const Dataset data =
      read_csv(scratch, "x,target\n1,0.5\n2,-3\n3,1e3\n", {{"task", "regression"}});
  nnsweep::check_dataset(data, "csv");
  BOOST_TEST((data.task == Task::regression));
  BOOST_TEST(data.Y.rows() == 1);
  BOOST_TEST(row_of(data.Y, 0) == (Values{0.5, -3, 1000}), boost::test_tools::per_element());
  BOOST_TEST(data.classes == 0);
  BOOST_TEST(data.class_names.empty());
}

BOOST_AUTO_TEST_CASE(other_delimiters) {
  ScratchDir scratch;
  const std::string text = "a;b;y\n1,5;2;u\n3;4;v\n";
  const Dataset semicolon = read_csv(scratch, text, {{"delimiter", ";"}, {"features", "b"}});
  BOOST_TEST(row_of(semicolon.X, 0) == (Values{2, 4}), boost::test_tools::per_element());
  // With ';' between cells, "1,5" is one cell, and not a number.
  BOOST_TEST(nnsweep::testing::csv_error(scratch, text, {{"delimiter", ";"}})
                 .ends_with(":2: column 'a': \"1,5\" is not a number"));
  const Dataset tabs = read_csv(scratch, "a\tb\ty\n1\t2\tu\n3\t4\tv\n", {{"delimiter", "\t"}});
  BOOST_TEST(row_of(tabs.X, 0) == (Values{1, 3}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
