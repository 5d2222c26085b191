#include "sweep/plan.hpp"

#include <algorithm>

#include "util/format.hpp"

namespace nnsweep {
namespace {

using Point = std::vector<std::pair<std::string, Override>>;

SourceLocation location_of(const Override& value) {
  YAML::Mark mark = value.value.Mark();
  if (mark.line < 0 || mark.column < 0) mark = value.mark;
  return SourceLocation{value.source, std::max(mark.line, 0) + 1, std::max(mark.column, 0) + 1};
}

Override override_at(const ConfigView& view) {
  return Override{view.node(), view.source(), view.node().Mark()};
}

// The values of one sweep key: a non-empty YAML list.
std::vector<ConfigView> value_list(const ConfigView& parent, const std::string& key) {
  const ConfigView values = *parent.child(key);
  if (!values.is_sequence()) {
    values.fail("the values of sweep key '" + key + "' must be a list, such as [1, 2, 3]");
  }
  if (values.size() == 0) values.fail("sweep key '" + key + "' has an empty list of values");
  std::vector<ConfigView> items;
  for (std::size_t i = 0; i < values.size(); ++i) items.push_back(values.element(i));
  return items;
}

void read_grid(const ConfigView& grid, std::vector<SweepAxis>& axes) {
  if (!grid.is_map()) grid.fail("sweep.grid must be a map from config key to a list of values");
  if (grid.keys().empty()) grid.fail("sweep.grid is empty");
  for (const std::string& key : grid.keys()) {
    check_sweep_key(grid, key);
    SweepAxis axis{"grid " + key, {}};
    for (const ConfigView& value : value_list(grid, key)) {
      axis.points.push_back(Point{{key, override_at(value)}});
    }
    axes.push_back(std::move(axis));
  }
}

SweepAxis read_zip(const ConfigView& zip) {
  if (!zip.is_map()) zip.fail("sweep.zip must be a map from config key to a list of values");
  SweepAxis axis{"zip", {}};
  std::string first_key;
  for (const std::string& key : zip.keys()) {
    check_sweep_key(zip, key);
    const std::vector<ConfigView> values = value_list(zip, key);
    if (first_key.empty()) {
      first_key = key;
      axis.points.resize(values.size());
    } else if (values.size() != axis.points.size()) {
      zip.child(key)->fail(
          format("zip lists must have equal lengths: '%s' has %zu values but '%s' "
                 "has %zu",
                 key.c_str(), values.size(), first_key.c_str(), axis.points.size()));
    }
    for (std::size_t i = 0; i < values.size(); ++i) {
      axis.points[i].emplace_back(key, override_at(values[i]));
    }
  }
  if (axis.points.empty()) zip.fail("sweep.zip is empty");
  return axis;
}

SweepAxis read_list(const ConfigView& list) {
  if (!list.is_sequence()) {
    list.fail("sweep.list must be a list of maps, such as [{model.hidden: [4]}]");
  }
  if (list.size() == 0) list.fail("sweep.list is empty");
  SweepAxis axis{"list", {}};
  for (std::size_t i = 0; i < list.size(); ++i) {
    const ConfigView entry = list.element(i);
    if (!entry.is_map()) entry.fail("each sweep.list entry must be a map from config key to value");
    Point point;
    for (const std::string& key : entry.keys()) {
      check_sweep_key(entry, key);
      point.emplace_back(key, override_at(*entry.child(key)));
    }
    axis.points.push_back(std::move(point));
  }
  return axis;
}

// The number of points each axis will have, read before any axis is built so
// that an oversized plan is refused at once, not after materialising it.
// Malformed sections count as one point: reading them reports the error.
std::vector<std::int64_t> axis_sizes(const ConfigView& sweep) {
  std::vector<std::int64_t> sizes;
  auto length = [](const std::optional<ConfigView>& view) -> std::int64_t {
    return view && view->is_sequence() ? std::max<std::int64_t>(1, std::int64_t(view->size())) : 1;
  };
  for (const std::string& kind : sweep.keys()) {
    const ConfigView section = *sweep.child(kind);
    if (kind == "grid" && section.is_map()) {
      for (const std::string& key : section.keys()) sizes.push_back(length(section.child(key)));
    } else if (kind == "zip" && section.is_map() && !section.keys().empty()) {
      sizes.push_back(length(section.child(section.keys().front())));
    } else if (kind == "list") {
      sizes.push_back(length(section));
    } else if (kind == "random" && section.is_map()) {
      const auto samples = section.child("samples");
      std::int64_t count = 1;
      if (samples && samples->is_scalar()) {
        try {
          count = std::max<std::int64_t>(1, std::stoll(samples->scalar()));
        } catch (const std::exception&) {
        }
      }
      sizes.push_back(count);
    }
  }
  return sizes;
}

void check_plan_size(const ConfigView& sweep) {
  std::int64_t size = 1;
  for (const std::int64_t points : axis_sizes(sweep)) {
    if (size > kMaxPlanRuns / points) {
      sweep.fail(
          format("the sweep expands to more than %lld runs; split it into several "
                 "experiments or sample it with sweep.random",
                 (long long)kMaxPlanRuns));
    }
    size *= points;
  }
}

}  // namespace

void check_sweep_key(const ConfigView& parent, const std::string& key) {
  if (!is_dotted_key(key)) {
    parent.fail_key(key, "'" + key + "' is not a dotted config key such as model.hidden");
  }
  const std::string head = key.substr(0, key.find('.'));
  // The plugins are loaded once, before any run is planned.
  if (head == "sweep" || head == "plugins" || key == "name") {
    parent.fail_key(key, "'" + key + "' cannot be swept");
  }
}

Plan::Plan(const ConfigDocument& document) : document_(&document) {
  const ConfigView root = document.view();
  auto sweep = root.child("sweep");
  if (!sweep || (sweep->is_null() && !sweep->has_overrides_below())) return;
  if (!sweep->is_map() && !sweep->is_null()) {
    sweep->fail("sweep must be a map with grid, zip, list or random");
  }
  check_plan_size(*sweep);
  for (const std::string& kind : sweep->keys()) {
    const ConfigView section = *sweep->child(kind);
    if (kind == "grid") {
      read_grid(section, axes_);
    } else if (kind == "zip") {
      axes_.push_back(read_zip(section));
    } else if (kind == "list") {
      axes_.push_back(read_list(section));
    } else if (kind == "random") {
      axes_.push_back(read_random_axis(section));
    } else {
      const std::vector<std::string> kinds = {"grid", "zip", "list", "random"};
      std::string hint = did_you_mean(kind, kinds);
      sweep->fail_key(kind,
                      "unknown sweep kind '" + kind + "'" +
                          (hint.empty() ? " (allowed: grid, zip, list, random)" : "; " + hint));
    }
  }
  for (const SweepAxis& axis : axes_) {
    const auto points = static_cast<std::int64_t>(axis.points.size());
    if (size_ > kMaxPlanRuns / points) {
      sweep->fail(
          format("the sweep expands to more than %lld runs; split it into several "
                 "experiments or sample it with sweep.random",
                 (long long)kMaxPlanRuns));
    }
    size_ *= points;
    std::vector<std::string> axis_keys;
    for (const Point& point : axis.points) {
      for (const auto& [key, value] : point) {
        if (std::find(axis_keys.begin(), axis_keys.end(), key) != axis_keys.end()) continue;
        axis_keys.push_back(key);
        // One key on two axes, or swept and --set: one would silently replace the other.
        if (std::find(swept_keys_.begin(), swept_keys_.end(), key) != swept_keys_.end()) {
          throw ConfigError(location_of(value), "'" + key + "' is swept on two axes (" +
                                                    axis.label +
                                                    " and an earlier one); sweep each key once");
        }
        if (auto set = document.overrides.find(key); set != document.overrides.end()) {
          throw ConfigError(SourceLocation{set->second.source, 1, 1},
                            "'" + key + "' is swept by the config, so --set cannot fix it; " +
                                "override the sweep itself or drop the --set");
        }
        swept_keys_.push_back(key);
      }
    }
  }
}

std::vector<std::pair<std::string, const Override*>> Plan::sweep_values(std::int64_t index) const {
  std::vector<std::pair<std::string, const Override*>> values;
  std::vector<std::size_t> chosen(axes_.size());
  for (std::size_t a = axes_.size(); a-- > 0;) {
    const auto points = static_cast<std::int64_t>(axes_[a].points.size());
    chosen[a] = static_cast<std::size_t>(index % points);
    index /= points;
  }
  for (std::size_t a = 0; a < axes_.size(); ++a) {
    for (const auto& [key, value] : axes_[a].points[chosen[a]]) values.emplace_back(key, &value);
  }
  return values;
}

OverrideMap Plan::overrides(std::int64_t index) const {
  OverrideMap overrides = document_->overrides;
  for (const auto& [key, value] : sweep_values(index)) overrides.insert_or_assign(key, *value);
  return overrides;
}

}  // namespace nnsweep
