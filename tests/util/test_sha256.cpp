// util/sha256.cpp (OpenSSL's SHA-256 over a file): the FIPS 180-4 examples,
// and files of every length around the block and read-buffer boundaries
// checked against coreutils' sha256sum.
#include <boost/test/unit_test.hpp>

#include <cstdio>
#include <stdexcept>
#include <string>

#include "cli.hpp"
#include "util/sha256.hpp"

namespace {

// What `sha256sum FILE` prints before the file name.
std::string sha256sum(const std::string& path) {
  std::FILE* pipe = ::popen(("sha256sum '" + path + "'").c_str(), "r");
  BOOST_REQUIRE(pipe != nullptr);
  char digest[65] = {};
  const std::size_t read = std::fread(digest, 1, 64, pipe);
  BOOST_REQUIRE_EQUAL(::pclose(pipe), 0);
  BOOST_REQUIRE_EQUAL(read, 64u);
  return digest;
}

// Bytes of every value, in an order that is not periodic in 64.
std::string bytes(std::size_t size) {
  std::string text(size, '\0');
  for (std::size_t i = 0; i < size; ++i) text[i] = static_cast<char>((i * 131 + i / 7) & 255);
  return text;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sha256)

BOOST_AUTO_TEST_CASE(fips_examples) {
  nnsweep::testing::ScratchDir folder;
  const auto digest = [&](const std::string& text) {
    return nnsweep::file_sha256(folder.write("text.bin", text).string());
  };
  BOOST_TEST(digest("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  BOOST_TEST(digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  BOOST_TEST(digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
             "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  BOOST_TEST(digest(std::string(1000000, 'a')) ==
             "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

BOOST_AUTO_TEST_CASE(files_match_sha256sum) {
  nnsweep::testing::ScratchDir folder;
  // Around one block (64 bytes, padding spills at 56) and the 64 KiB read buffer.
  for (std::size_t size : {0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 65535,
                           65536, 65537, 65536 * 3 + 55}) {
    const std::string path = folder.write("data.bin", bytes(size)).string();
    BOOST_TEST_CONTEXT("size " << size) {
      BOOST_TEST(nnsweep::file_sha256(path) == sha256sum(path));
    }
  }
}

BOOST_AUTO_TEST_CASE(unreadable_file_throws) {
  nnsweep::testing::ScratchDir folder;
  BOOST_CHECK_THROW(nnsweep::file_sha256((folder.path() / "missing.csv").string()),
                    std::runtime_error);
}

BOOST_AUTO_TEST_SUITE_END()
