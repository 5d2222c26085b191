// A RunRecord as bytes: a layout version, then little-endian fixed-width
// numbers and length-prefixed strings and arrays, in field order. Only the
// journal reads these bytes back; a record of another layout is not decoded
// (its run is trained again).
#include <cstring>
#include <stdexcept>

#include "store/journal.hpp"

namespace nnsweep {
namespace {

// Changes with the layout. Records before version 3 began with the run index,
// which is never this large.
constexpr std::uint32_t kRecordLayout = 0x4e4e0003;

class Writer {
 public:
  template <class T>
  void put(T value) {
    static_assert(std::is_trivially_copyable_v<T>);
    bytes.append(reinterpret_cast<const char*>(&value), sizeof value);
  }
  void put(const std::string& text) {
    put<std::uint64_t>(text.size());
    bytes += text;
  }
  void put(const double* values, std::size_t count) {
    put<std::uint64_t>(count);
    if (count > 0) bytes.append(reinterpret_cast<const char*>(values), count * sizeof(double));
  }
  // A tag byte (0 = missing, else 1 + the ParamValue alternative), then the value.
  void put_value(const ColumnValue& value) {
    put<std::uint8_t>(value ? static_cast<std::uint8_t>(value->index() + 1) : 0);
    if (!value) return;
    std::visit(
        [&](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, bool>) {
            put<std::uint8_t>(v ? 1 : 0);
          } else if constexpr (std::is_same_v<T, std::vector<std::int64_t>>) {
            put<std::uint64_t>(v.size());
            for (std::int64_t element : v) put<std::int64_t>(element);
          } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
            put<std::uint64_t>(v.size());
            for (const std::string& element : v) put(element);
          } else {
            put(v);
          }
        },
        *value);
  }
  std::string bytes;
};

class Reader {
 public:
  explicit Reader(const std::string& bytes) : bytes_(bytes) {}
  template <class T>
  T get() {
    T value;
    take(&value, sizeof value);
    return value;
  }
  std::string text() {
    const auto size = get<std::uint64_t>();
    if (size > bytes_.size() - position_) throw std::runtime_error("truncated journal record");
    std::string value(size, '\0');
    take(value.data(), value.size());
    return value;
  }
  std::vector<double> doubles() {
    const auto count = get<std::uint64_t>();
    if (count > (bytes_.size() - position_) / sizeof(double)) {
      throw std::runtime_error("truncated journal record");
    }
    std::vector<double> values(count);
    take(values.data(), values.size() * sizeof(double));
    return values;
  }
  ColumnValue value() {
    switch (get<std::uint8_t>()) {
      case 0:
        return std::nullopt;
      case 1:
        return ParamValue(get<std::uint8_t>() != 0);
      case 2:
        return ParamValue(get<std::int64_t>());
      case 3:
        return ParamValue(get<double>());
      case 4:
        return ParamValue(text());
      case 5: {
        const auto count = get<std::uint64_t>();
        if (count > (bytes_.size() - position_) / sizeof(std::int64_t)) {
          throw std::runtime_error("truncated journal record");
        }
        std::vector<std::int64_t> list(count);
        for (auto& element : list) element = get<std::int64_t>();
        return ParamValue(std::move(list));
      }
      case 6: {
        const auto count = get<std::uint64_t>();
        // Each element takes at least its 8-byte length.
        if (count > (bytes_.size() - position_) / sizeof(std::uint64_t)) {
          throw std::runtime_error("truncated journal record");
        }
        std::vector<std::string> list;
        for (std::uint64_t k = 0; k < count; ++k) list.push_back(text());
        return ParamValue(std::move(list));
      }
    }
    throw std::runtime_error("journal record has an unknown value type");
  }
  bool done() const { return position_ == bytes_.size(); }

 private:
  void take(void* target, std::size_t size) {
    if (size > bytes_.size() - position_) throw std::runtime_error("truncated journal record");
    if (size == 0) return;  // an empty vector's data() may be null, which memcpy forbids
    std::memcpy(target, bytes_.data() + position_, size);
    position_ += size;
  }
  const std::string& bytes_;
  std::size_t position_ = 0;
};

}  // namespace

std::string encode_record(const RunRecord& record) {
  Writer out;
  out.put<std::uint32_t>(kRecordLayout);
  out.put<std::int64_t>(record.index);
  out.put(record.id);
  out.put(record.config_yaml);
  out.put(record.dataset_id);
  out.put<std::int64_t>(record.record_every);
  out.put<std::uint64_t>(record.columns.size());
  for (const ColumnValue& value : record.columns) out.put_value(value);
  out.put<std::uint64_t>(record.seeds.size());
  for (const auto& [key, seed] : record.seeds) {
    out.put(key);
    out.put<std::int64_t>(seed);
  }
  const RunResult& result = record.result;
  out.put<std::int32_t>(static_cast<std::int32_t>(result.status));
  out.put(result.message);
  out.put(result.costs.data(), result.costs.size());
  out.put(result.test_costs.data(), result.test_costs.size());
  for (const Metrics* metrics : {&result.train, &result.test}) {
    for (std::size_t k = 0; k < kMetricCount; ++k) out.put<double>(metric_at(*metrics, k));
  }
  out.put<std::int64_t>(result.iterations_run);
  out.put<std::int64_t>(result.epochs_run);
  out.put<std::int64_t>(result.best_epoch);
  out.put<double>(result.wall_time_s);
  out.put<std::uint64_t>(result.sizes.size());
  for (Eigen::Index size : result.sizes) out.put<std::int64_t>(size);
  out.put(result.parameters.data(), static_cast<std::size_t>(result.parameters.size()));
  return out.bytes;
}

RunRecord decode_record(const std::string& bytes) {
  Reader in(bytes);
  if (in.get<std::uint32_t>() != kRecordLayout) {
    throw std::runtime_error("journal record of another nnsweep version");
  }
  RunRecord record;
  record.index = in.get<std::int64_t>();
  record.id = in.text();
  record.config_yaml = in.text();
  record.dataset_id = in.text();
  record.record_every = in.get<std::int64_t>();
  const auto columns = in.get<std::uint64_t>();
  for (std::uint64_t k = 0; k < columns; ++k) record.columns.push_back(in.value());
  const auto seeds = in.get<std::uint64_t>();
  for (std::uint64_t k = 0; k < seeds; ++k) {
    std::string key = in.text();
    record.seeds.emplace_back(std::move(key), in.get<std::int64_t>());
  }
  RunResult& result = record.result;
  result.status = static_cast<RunStatus>(in.get<std::int32_t>());
  result.message = in.text();
  result.costs = in.doubles();
  result.test_costs = in.doubles();
  for (Metrics* metrics : {&result.train, &result.test}) {
    for (std::size_t k = 0; k < kMetricCount; ++k) metric_at(*metrics, k) = in.get<double>();
  }
  result.iterations_run = in.get<std::int64_t>();
  result.epochs_run = in.get<std::int64_t>();
  result.best_epoch = in.get<std::int64_t>();
  result.wall_time_s = in.get<double>();
  const auto layers = in.get<std::uint64_t>();
  for (std::uint64_t k = 0; k < layers; ++k) result.sizes.push_back(in.get<std::int64_t>());
  const std::vector<double> parameters = in.doubles();
  result.parameters = Eigen::Map<const Eigen::VectorXd>(
      parameters.data(), static_cast<Eigen::Index>(parameters.size()));
  if (!in.done()) throw std::runtime_error("journal record has trailing bytes");
  return record;
}

}  // namespace nnsweep
