// first_invalid_utf8 (util/utf8.hpp) against RFC 3629: every well-formed
// sequence length at its bounds passes; overlong forms, surrogates, code
// points past U+10FFFF, stray continuation bytes and truncated sequences are
// found at the offset of their first byte.
#include <boost/test/unit_test.hpp>

#include <string>

#include "util/utf8.hpp"

using nnsweep::first_invalid_utf8;

BOOST_AUTO_TEST_SUITE(utf8)

BOOST_AUTO_TEST_CASE(well_formed_text_passes) {
  for (const char* text : {"", "plain ascii", "caf\xC3\xA9", "\xC2\x80", "\xDF\xBF", "\xE0\xA0\x80",
                           "\xED\x9F\xBF", "\xEE\x80\x80", "\xEF\xBF\xBF", "\xF0\x90\x80\x80",
                           "\xF4\x8F\xBF\xBF", "\xEF\xBB\xBFwith a BOM"}) {
    BOOST_TEST(!first_invalid_utf8(text).has_value(), text);
  }
}

BOOST_AUTO_TEST_CASE(ill_formed_sequences_are_found_at_their_first_byte) {
  const std::pair<std::string, std::size_t> cases[] = {
      {"ab\x80", 2},            // a continuation byte alone
      {"x\xC0\x80", 1},         // overlong NUL
      {"\xC1\xBF", 0},          // overlong
      {"\xE0\x9F\xBF", 0},      // overlong three-byte form
      {"\xED\xA0\x80", 0},      // a surrogate, U+D800
      {"\xF0\x8F\xBF\xBF", 0},  // overlong four-byte form
      {"\xF4\x90\x80\x80", 0},  // past U+10FFFF
      {"\xF5\x80\x80\x80", 0},  // no such lead byte
      {"ok\xE2\x82", 2},        // truncated at the end
      {"\xC3(", 0},             // a lead byte without its continuation
      {"caf\xE9 latin-1", 3},   // the usual mistake
  };
  for (const auto& [text, offset] : cases) {
    const auto found = first_invalid_utf8(text);
    BOOST_TEST_REQUIRE(found.has_value(), "offset " << offset);
    BOOST_TEST(*found == offset);
  }
}

BOOST_AUTO_TEST_SUITE_END()
