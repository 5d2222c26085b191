#include "config/config_view.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

namespace nnsweep {
namespace {

YAML::Mark position_of(const YAML::Node& node, const YAML::Mark& fallback) {
  if (node.IsDefined() && node.Mark().line >= 0 && node.Mark().column >= 0) return node.Mark();
  return fallback;
}

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace

namespace {

// The position a view of the map entry (key, value) reports: its value's, or
// for an empty value (which yaml-cpp places at the next token) its key's.
YAML::Mark entry_mark(const YAML::Node& key, const YAML::Node& value, const YAML::Mark& parent) {
  return value.IsNull() ? position_of(key, parent) : position_of(value, key.Mark());
}

void index_map(const YAML::Node& map, const std::string& path, const YAML::Mark& mark,
               std::unordered_map<std::string, IndexedNode>& entries) {
  for (auto it = map.begin(); it != map.end(); ++it) {
    const YAML::Node key = it->first, value = it->second;
    if (!key.IsScalar()) continue;
    const std::string child = path.empty() ? key.Scalar() : path + "." + key.Scalar();
    // A repeated key is an error (ConfigView::keys); until then the first wins,
    // as in a walk of the map.
    const auto [entry, inserted] = entries.emplace(child, IndexedNode{value, {}});
    if (!inserted) continue;
    entry->second.mark = entry_mark(key, value, mark);
    if (value.IsMap()) index_map(value, child, entry->second.mark, entries);
  }
}

YAML::Mark document_start(const YAML::Node& document) {
  YAML::Mark start;
  start.line = 0;
  start.column = 0;
  return position_of(document, start);
}

}  // namespace

DocumentIndex::DocumentIndex(const YAML::Node& document) {
  if (document.IsMap()) index_map(document, "", document_start(document), entries_);
}

const IndexedNode* DocumentIndex::find(const std::string& path) const {
  const auto found = entries_.find(path);
  return found == entries_.end() ? nullptr : &found->second;
}

ConfigView ConfigView::root(const YAML::Node& document, const std::string& source,
                            const OverrideMap* overrides, const DocumentIndex* index) {
  auto base_dir =
      std::make_shared<const std::string>(std::filesystem::path(source).parent_path().string());
  return ConfigView(document, "", source, document_start(document), overrides, std::move(base_dir),
                    index);
}

std::string ConfigView::key() const {
  const auto dot = path_.rfind('.');
  return dot == std::string::npos ? path_ : path_.substr(dot + 1);
}

std::string ConfigView::child_path(const std::string& key) const {
  return path_.empty() ? key : path_ + "." + key;
}

bool ConfigView::has_overrides_below() const {
  if (!overrides_) return false;
  const std::string prefix = path_.empty() ? "" : path_ + ".";
  auto next = overrides_->lower_bound(prefix);
  return next != overrides_->end() && starts_with(next->first, prefix) && next->first != path_;
}

std::optional<ConfigView> ConfigView::child(const std::string& key) const {
  const std::string path = child_path(key);
  if (overrides_) {
    auto found = overrides_->find(path);
    if (found != overrides_->end()) {
      const Override& override = found->second;
      return ConfigView(override.value, path, override.source,
                        position_of(override.value, override.mark), overrides_, base_dir_);
    }
  }
  if (index_) {
    if (const IndexedNode* entry = index_->find(path)) {
      return ConfigView(entry->node, path, source_, entry->mark, overrides_, base_dir_, index_);
    }
  } else if (node_.IsMap()) {
    for (auto it = node_.begin(); it != node_.end(); ++it) {
      if (it->first.IsScalar() && it->first.Scalar() == key) {
        return ConfigView(it->second, path, source_, entry_mark(it->first, it->second, mark_),
                          overrides_, base_dir_);
      }
    }
  }
  // Nothing here but overrides further down: point at the first of them.
  if (overrides_) {
    auto below = overrides_->lower_bound(path + ".");
    if (below != overrides_->end() && starts_with(below->first, path + ".")) {
      const Override& first = below->second;
      return ConfigView(YAML::Node(YAML::NodeType::Undefined), path, first.source,
                        position_of(first.value, first.mark), overrides_, base_dir_);
    }
  }
  return std::nullopt;
}

std::vector<std::string> ConfigView::keys() const {
  std::vector<std::string> result;
  // A config's maps have a handful of keys, and a plan lists them for every
  // run: searching the list is cheaper than building a std::set each time.
  const auto seen = [&](const std::string& key) {
    return std::find(result.begin(), result.end(), key) != result.end();
  };
  if (node_.IsMap()) {
    for (auto it = node_.begin(); it != node_.end(); ++it) {
      const YAML::Node key_node = it->first;  // a copy: `it->` returns a temporary proxy
      if (!key_node.IsScalar()) {
        ConfigView(key_node, path_, source_, position_of(key_node, mark_), overrides_, base_dir_)
            .fail("keys must be plain names");
      }
      if (seen(key_node.Scalar())) {
        ConfigView(key_node, path_, source_, position_of(key_node, mark_), overrides_, base_dir_)
            .fail("duplicate key '" + key_node.Scalar() + "'");
      }
      result.push_back(key_node.Scalar());
    }
  }
  if (overrides_) {
    const std::string prefix = path_.empty() ? "" : path_ + ".";
    for (auto it = overrides_->lower_bound(prefix);
         it != overrides_->end() && starts_with(it->first, prefix); ++it) {
      if (it->first == path_) continue;
      const std::string rest = it->first.substr(prefix.size());
      const std::string key = rest.substr(0, rest.find('.'));
      if (!seen(key)) result.push_back(key);
    }
  }
  return result;
}

ConfigView ConfigView::element(std::size_t index) const {
  const YAML::Node item = node_[index];
  return ConfigView(item, path_ + "[" + std::to_string(index) + "]", source_,
                    position_of(item, mark_), overrides_, base_dir_);
}

SourceLocation ConfigView::location() const {
  return SourceLocation{source_, mark_.line + 1, mark_.column + 1};
}

SourceLocation ConfigView::key_location(const std::string& key) const {
  if (node_.IsMap()) {
    for (auto it = node_.begin(); it != node_.end(); ++it) {
      if (it->first.IsScalar() && it->first.Scalar() == key) {
        const YAML::Mark mark = position_of(it->first, mark_);
        return SourceLocation{source_, mark.line + 1, mark.column + 1};
      }
    }
  }
  if (auto view = child(key)) return view->location();
  return location();
}

void ConfigView::fail(const std::string& message) const {
  throw ConfigError(location(), message);
}

void ConfigView::fail_key(const std::string& key, const std::string& message) const {
  throw ConfigError(key_location(key), message);
}

}  // namespace nnsweep
