#include "cluster/mpi_protocol.hpp"

#include <mpi.h>

#include <climits>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <thread>

namespace nnsweep::mpi {
namespace {

void check(int code, const char* what) {
  if (code == MPI_SUCCESS) return;
  char text[MPI_MAX_ERROR_STRING] = {};
  int length = 0;
  MPI_Error_string(code, text, &length);
  throw std::runtime_error(std::string("MPI: ") + what + ": " + text);
}

int byte_count(const std::string& bytes) {
  if (bytes.size() > static_cast<std::size_t>(INT_MAX)) {
    throw std::runtime_error("MPI: a message of " + std::to_string(bytes.size()) +
                             " bytes is larger than one MPI message can be (2 GiB)");
  }
  return static_cast<int>(bytes.size());
}

}  // namespace

std::optional<Message> poll(const std::atomic<bool>* give_up) {
  int waiting = 0;
  MPI_Message matched;
  MPI_Status status;
  check(MPI_Improbe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &waiting, &matched, &status),
        "probe");
  if (!waiting) return std::nullopt;
  int count = 0;
  check(MPI_Get_count(&status, MPI_BYTE, &count), "message size");
  auto message = std::make_unique<Message>();
  message->source = status.MPI_SOURCE;
  message->tag = static_cast<Tag>(status.MPI_TAG);
  message->bytes.resize(static_cast<std::size_t>(count));
  MPI_Request request;
  check(MPI_Imrecv(message->bytes.data(), count, MPI_BYTE, &matched, &request), "receive");
  for (IdleWait idle;;) {
    int done = 0;
    check(MPI_Test(&request, &done, MPI_STATUS_IGNORE), "receive");
    if (done) return std::move(*message);
    if (give_up && give_up->load()) {
      (void)message.release();  // NOLINT: MPI may still write into its bytes
      return std::nullopt;
    }
    idle.wait();
  }
}

struct Outbox::Pending {
  std::string bytes;
  MPI_Request request = MPI_REQUEST_NULL;
};

Outbox::Outbox() = default;

Outbox::~Outbox() {
  for (Pending& pending : pending_) {
    if (pending.request == MPI_REQUEST_NULL) continue;
    MPI_Request_free(&pending.request);
    new std::string(std::move(pending.bytes));  // NOLINT: MPI may still read them
  }
}

void Outbox::post(int destination, Tag tag, std::string bytes) {
  Pending& pending = pending_.emplace_back();
  pending.bytes = std::move(bytes);
  check(MPI_Isend(pending.bytes.data(), byte_count(pending.bytes), MPI_BYTE, destination,
                  static_cast<int>(tag), MPI_COMM_WORLD, &pending.request),
        "send");
}

bool Outbox::progress() {
  for (auto it = pending_.begin(); it != pending_.end();) {
    int done = 0;
    check(MPI_Test(&it->request, &done, MPI_STATUS_IGNORE), "send");
    it = done ? pending_.erase(it) : std::next(it);
  }
  return pending_.empty();
}

std::string encode_pack(const std::vector<std::string>& parts) {
  std::size_t size = 0;
  for (const std::string& part : parts) size += sizeof(std::uint64_t) + part.size();
  std::string bytes;
  bytes.reserve(size);
  for (const std::string& part : parts) {
    const std::uint64_t length = part.size();
    bytes.append(reinterpret_cast<const char*>(&length), sizeof length);
    bytes += part;
  }
  return bytes;
}

std::vector<std::string> decode_pack(const std::string& bytes) {
  std::vector<std::string> parts;
  std::size_t at = 0;
  while (at < bytes.size()) {
    std::uint64_t length = 0;
    if (bytes.size() - at < sizeof length) throw std::runtime_error("a pack cut short");
    std::memcpy(&length, bytes.data() + at, sizeof length);
    at += sizeof length;
    if (bytes.size() - at < length) throw std::runtime_error("a pack cut short");
    parts.push_back(bytes.substr(at, length));
    at += length;
  }
  return parts;
}

std::string encode_indices(const std::vector<std::int64_t>& indices) {
  std::string bytes(indices.size() * sizeof(std::int64_t), '\0');
  if (!indices.empty()) std::memcpy(bytes.data(), indices.data(), bytes.size());
  return bytes;
}

std::vector<std::int64_t> decode_indices(const std::string& bytes) {
  if (bytes.size() % sizeof(std::int64_t) != 0) {
    throw std::runtime_error("MPI: a work message of " + std::to_string(bytes.size()) +
                             " bytes is not a list of run indices");
  }
  std::vector<std::int64_t> indices(bytes.size() / sizeof(std::int64_t));
  if (!indices.empty()) std::memcpy(indices.data(), bytes.data(), bytes.size());
  return indices;
}

// A flag byte, then the error text.
std::string encode_farewell(const Farewell& farewell) {
  return (farewell.interrupted ? "I" : "-") + farewell.error;
}

Farewell decode_farewell(const std::string& bytes) {
  Farewell farewell;
  if (bytes.empty()) {
    farewell.error = "a goodbye message too short to read";
    return farewell;
  }
  farewell.interrupted = bytes[0] == 'I';
  farewell.error = bytes.substr(1);
  return farewell;
}

void IdleWait::wait() {
  std::this_thread::sleep_for(pause_);
  pause_ = std::min(pause_ * 2, kLongest);
}

}  // namespace nnsweep::mpi
