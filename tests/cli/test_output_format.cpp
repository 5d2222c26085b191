// cli/output_format and cli/text_width: RFC 4180 quoting, JSON values (NaN and
// infinities as null, numbers that round-trip), Markdown escaping, and the
// terminal width of UTF-8 text.
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <limits>
#include <sstream>

#include "cli/output_format.hpp"
#include "cli/text_width.hpp"

using namespace nnsweep;

BOOST_AUTO_TEST_SUITE(output_format)

BOOST_AUTO_TEST_CASE(csv_quotes_only_what_rfc_4180_needs) {
  BOOST_TEST(csv_field("plain text") == "plain text");
  BOOST_TEST(csv_field("a,b") == "\"a,b\"");
  BOOST_TEST(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  BOOST_TEST(csv_field("two\nlines") == "\"two\nlines\"");
  BOOST_TEST(csv_field("cr\r") == "\"cr\r\"");
  BOOST_TEST(csv_record({"a", "b,c", ""}) == "a,\"b,c\",\r\n");
}

BOOST_AUTO_TEST_CASE(json_values_are_typed_and_non_finite_numbers_are_null) {
  const double third = 1.0 / 3.0;
  BOOST_TEST(json_value(ParamValue(third)).dump() == "0.3333333333333333");
  BOOST_TEST(json_value(ParamValue(third)).get<double>() == third);
  BOOST_TEST(json_value(ParamValue(std::nan(""))).dump() == "null");
  BOOST_TEST(json_value(ParamValue(std::numeric_limits<double>::infinity())).dump() == "null");
  BOOST_TEST(json_value(std::nullopt).dump() == "null");
  BOOST_TEST(json_value(ParamValue(std::int64_t{42})).dump() == "42");
  BOOST_TEST(json_value(ParamValue(true)).dump() == "true");
  BOOST_TEST(json_value(ParamValue(std::vector<std::int64_t>{20, 20})).dump() == "[20,20]");
  BOOST_TEST(json_value(ParamValue(std::string("d\"é"))).dump() == "\"d\\\"é\"");
}

BOOST_AUTO_TEST_CASE(rows_in_each_format) {
  const std::vector<std::string> headers = {"run", "lr", "hidden", "cost"};
  const std::vector<std::string> shown = {"0", "0.1", "[2, 3]", "nan"};
  const std::vector<ColumnValue> values = {ParamValue(std::int64_t{0}), ParamValue(0.1),
                                           ParamValue(std::vector<std::int64_t>{2, 3}),
                                           std::nullopt};
  std::ostringstream csv, json, markdown;
  for (auto [out, format] : {std::pair{&csv, OutputFormat::csv},
                             {&json, OutputFormat::json},
                             {&markdown, OutputFormat::markdown}}) {
    RowWriter writer(*out, format, headers);
    writer.row(shown, values);
    writer.row(shown, values);
    writer.finish();
  }
  BOOST_TEST(csv.str() == "run,lr,hidden,cost\r\n0,0.1,\"[2, 3]\",\r\n0,0.1,\"[2, 3]\",\r\n");
  // Keys in header order.
  const std::string object = R"({"run":0,"lr":0.1,"hidden":[2,3],"cost":null})";
  BOOST_TEST(json.str() == "[\n  " + object + ",\n  " + object + "\n]");
  BOOST_TEST(nlohmann::json::parse(json.str()).size() == 2u);
  BOOST_TEST(markdown.str() ==
             "| run | lr | hidden | cost |\n|---|---|---|---|\n| 0 | 0.1 | [2, 3] | nan |\n"
             "| 0 | 0.1 | [2, 3] | nan |\n");
  std::ostringstream empty;
  RowWriter none(empty, OutputFormat::json, headers);
  none.finish();
  BOOST_TEST(empty.str() == "[]");
}

BOOST_AUTO_TEST_CASE(markdown_escapes_the_cell_separator) {
  BOOST_TEST(markdown_cell("a|b") == "a\\|b");
  BOOST_TEST(markdown_cell("back\\slash") == "back\\\\slash");
  BOOST_TEST(markdown_cell("two\nlines") == "two lines");
}

BOOST_AUTO_TEST_CASE(width_counts_terminal_columns_not_bytes) {
  BOOST_TEST(display_width("abc") == 3u);
  BOOST_TEST(display_width("données") == 7u);         // 8 bytes
  BOOST_TEST(display_width("日本語") == 6u);          // 9 bytes, each character two columns
  BOOST_TEST(display_width("e\u0301t\u00e9") == 3u);  // a combining accent takes none
  BOOST_TEST(display_width("\xff") == 1u);            // an invalid byte counts as one
  BOOST_TEST(display_width("ｆｕｌｌ") == 8u);        // fullwidth forms
  BOOST_TEST(display_width("\U0001F600") == 2u);
  BOOST_TEST(display_width("") == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
