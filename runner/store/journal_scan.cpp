#include "store/journal_scan.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace nnsweep {
namespace {

// The framing of store/journal.cpp, which keeps these private: a header
// "NNSWEEP-JOURNAL 2\n" + identity + "\n", then records of a 4-byte magic,
// an 8-byte payload size, the payload and a CRC-32 of the payload.
constexpr char kMagic[] = "NNSWEEP-JOURNAL 2\n";
constexpr std::uint32_t kRecordMagic = 0x4e4e5352;
constexpr std::size_t kFraming = 16;

template <class T>
T load(const std::string& bytes, std::size_t at) {
  T value;
  std::memcpy(&value, bytes.data() + at, sizeof value);
  return value;
}

std::string read_file(int fd, const std::string& path) {
  std::string bytes;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw std::runtime_error("cannot read " + path + ": " + std::strerror(errno));
    if (n == 0) return bytes;
    bytes.append(buffer, static_cast<std::size_t>(n));
  }
}

}  // namespace

JournalScan scan_journal(const std::string& path) {
  JournalScan scan;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return scan;
    throw std::runtime_error("cannot open " + path + ": " + std::strerror(errno));
  }
  scan.exists = true;
  std::string bytes;
  try {
    bytes = read_file(fd, path);
  } catch (...) {
    ::close(fd);
    throw;
  }
  ::close(fd);
  const std::size_t magic = std::strlen(kMagic);
  if (bytes.compare(0, magic, kMagic) != 0) return scan;
  const std::size_t line_end = bytes.find('\n', magic);
  // A writer that has not finished its header yet: nothing recovered either.
  if (line_end == std::string::npos) return scan;
  scan.recognised = true;
  scan.identity = bytes.substr(magic, line_end - magic);
  std::size_t at = line_end + 1;
  while (bytes.size() - at >= kFraming) {
    if (load<std::uint32_t>(bytes, at) != kRecordMagic) break;
    const auto size = load<std::uint64_t>(bytes, at + 4);
    if (size > bytes.size() - at - kFraming) break;
    const std::size_t payload = at + 12;
    const auto crc = static_cast<std::uint32_t>(::crc32(
        0L, reinterpret_cast<const Bytef*>(bytes.data() + payload), static_cast<uInt>(size)));
    if (load<std::uint32_t>(bytes, payload + size) != crc) break;
    ++scan.records;
    at = payload + size + 4;
  }
  return scan;
}

}  // namespace nnsweep
