#include "store/journal.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>

namespace nnsweep {
namespace {

// Version 2: records carry typed column values and seeds; the header names the
// experiment (its name and share), not one plan, so a grown plan resumes too.
constexpr char kMagic[] = "NNSWEEP-JOURNAL 2\n";
constexpr std::uint32_t kRecordMagic = 0x4e4e5352;  // "NNSR"
constexpr auto kSyncInterval = std::chrono::seconds(2);

std::runtime_error system_error(const std::string& what, const std::string& path) {
  return std::runtime_error(what + " " + path + ": " + std::strerror(errno));
}

void write_all(int fd, const std::string& bytes, const std::string& path) {
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw system_error("cannot write the journal", path);
    written += static_cast<std::size_t>(n);
  }
}

std::string read_all(int fd) {
  std::string bytes;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    bytes.append(buffer, static_cast<std::size_t>(n));
  }
  return bytes;
}

std::uint32_t checksum(const char* data, std::size_t size) {
  return static_cast<std::uint32_t>(
      ::crc32(0L, reinterpret_cast<const Bytef*>(data), static_cast<uInt>(size)));
}

std::string header_of(const std::string& experiment_id) {
  return std::string(kMagic) + experiment_id + "\n";
}

template <class T>
T load(const std::string& bytes, std::size_t at) {
  T value;
  std::memcpy(&value, bytes.data() + at, sizeof value);
  return value;
}

}  // namespace

Journal::Journal(const std::string& path, const std::string& experiment_id, bool discard)
    : path_(path), last_sync_(std::chrono::steady_clock::now()) {
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw system_error("cannot open the journal", path);
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd_);
    throw JournalBusy("another nnsweep process is writing " + path);
  }
  const std::string header = header_of(experiment_id);
  const std::string bytes = read_all(fd_);
  std::size_t valid = 0;
  if (!bytes.empty() && !discard) {
    if (bytes.compare(0, std::strlen(kMagic), kMagic) != 0) {
      ::close(fd_);
      throw JournalMismatch(path +
                            " was written by an incompatible nnsweep version and its runs "
                            "cannot be resumed");
    }
    if (bytes.compare(0, header.size(), header) != 0) {
      ::close(fd_);
      throw JournalMismatch(path + " holds unfinished runs of a different experiment");
    }
    valid = header.size();
    // Records until the first torn or corrupt one: everything after it is lost
    // work from a killed process, cut off below.
    while (bytes.size() - valid >= 16) {
      if (load<std::uint32_t>(bytes, valid) != kRecordMagic) break;
      const auto size = load<std::uint64_t>(bytes, valid + 4);
      if (size > bytes.size() - valid - 16) break;
      const std::size_t payload = valid + 12;
      if (load<std::uint32_t>(bytes, payload + size) != checksum(bytes.data() + payload, size)) {
        break;
      }
      try {
        recovered_.push_back(decode_record(bytes.substr(payload, size)));
      } catch (const std::exception&) {
        break;  // intact bytes but not a record this version can use: recompute it
      }
      valid = payload + size + 4;
    }
  }
  if (valid == 0) {
    if (::ftruncate(fd_, 0) != 0) throw system_error("cannot reset the journal", path);
    ::lseek(fd_, 0, SEEK_SET);
    write_all(fd_, header, path);
  } else {
    if (::ftruncate(fd_, static_cast<off_t>(valid)) != 0) {
      throw system_error("cannot repair the journal", path);
    }
    ::lseek(fd_, static_cast<off_t>(valid), SEEK_SET);
  }
  sync();
}

Journal::~Journal() {
  if (fd_ >= 0) {
    ::fdatasync(fd_);
    ::close(fd_);
  }
}

void Journal::append(const RunRecord& record) {
  const std::string payload = encode_record(record);
  std::string bytes;
  bytes.reserve(payload.size() + 16);
  const std::uint32_t magic = kRecordMagic;
  const std::uint64_t size = payload.size();
  const std::uint32_t crc = checksum(payload.data(), payload.size());
  bytes.append(reinterpret_cast<const char*>(&magic), 4);
  bytes.append(reinterpret_cast<const char*>(&size), 8);
  bytes += payload;
  bytes.append(reinterpret_cast<const char*>(&crc), 4);
  write_all(fd_, bytes, path_);
  if (std::chrono::steady_clock::now() - last_sync_ >= kSyncInterval) sync();
}

void Journal::sync() {
  if (::fdatasync(fd_) != 0) throw system_error("cannot sync the journal", path_);
  last_sync_ = std::chrono::steady_clock::now();
}

void Journal::remove() {
  ::unlink(path_.c_str());
  ::close(fd_);
  fd_ = -1;
}

}  // namespace nnsweep
