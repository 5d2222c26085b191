#pragma once
// A read-only view of the effective config: the YAML document with overrides
// (from --set and from sweep points) laid over it by dotted path.
//
// Why a view instead of editing the tree: yaml-cpp forgets source positions when
// it copies nodes, and every error must name FILE:LINE:COL. A view keeps each
// node's own position and the name of the source it came from, costs nothing
// per run, and leaves the parsed document untouched and shareable.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "config/config_error.hpp"

namespace nnsweep {

struct Override {
  YAML::Node value;
  std::string source;  // the file, or "--set KEY"
  YAML::Mark mark;     // where to point when the value itself has no position
};

// Overrides keyed by dotted path ("optimizer.learning_rate").
using OverrideMap = std::map<std::string, Override>;

// Every map entry of a document by dotted path, with the position a view of
// it reports. Why: a plan resolves the same document once per run, and
// finding a key by walking yaml-cpp's map iterators was 40% of planning.
struct IndexedNode {
  YAML::Node node;
  YAML::Mark mark;
};
class DocumentIndex {
 public:
  explicit DocumentIndex(const YAML::Node& document);
  const IndexedNode* find(const std::string& path) const;

 private:
  std::unordered_map<std::string, IndexedNode> entries_;
};

class ConfigView {
 public:
  // `source` names the document in messages (its file path). Relative file
  // paths in the config resolve against the folder of `source`, or against the
  // working directory when `source` has none.
  // `index`, when given, must be the index of `document`; it only makes
  // child() faster.
  static ConfigView root(const YAML::Node& document, const std::string& source,
                         const OverrideMap* overrides, const DocumentIndex* index = nullptr);

  const std::string& path() const { return path_; }
  // The last path segment ("learning_rate"), or "" for the root.
  std::string key() const;
  bool is_map() const { return node_.IsMap(); }
  bool is_sequence() const { return node_.IsSequence(); }
  bool is_scalar() const { return node_.IsScalar(); }
  // Neither in the document nor set by an override (though overrides may exist below).
  bool is_null() const { return !node_.IsDefined() || node_.IsNull(); }
  // Overrides exist for keys below this path.
  bool has_overrides_below() const;

  // The view of `key`, consulting overrides first; nullopt when nothing is there.
  std::optional<ConfigView> child(const std::string& key) const;
  // Map keys in document order, then keys that exist only through overrides.
  // Duplicate keys in the document are an error.
  std::vector<std::string> keys() const;
  std::size_t size() const { return node_.size(); }
  ConfigView element(std::size_t index) const;

  const std::string& scalar() const { return node_.Scalar(); }
  // A quoted scalar ("0.1") is a string, whatever it looks like.
  bool is_quoted() const { return node_.Tag() == "!"; }
  const YAML::Node& node() const { return node_; }
  const std::string& source() const { return source_; }
  // Where relative paths resolve: the config file's folder ("" = working directory).
  const std::string& base_dir() const { return *base_dir_; }

  SourceLocation location() const;
  SourceLocation key_location(const std::string& key) const;
  [[noreturn]] void fail(const std::string& message) const;
  [[noreturn]] void fail_key(const std::string& key, const std::string& message) const;

 private:
  ConfigView(YAML::Node node, std::string path, std::string source, YAML::Mark mark,
             const OverrideMap* overrides, std::shared_ptr<const std::string> base_dir,
             const DocumentIndex* index = nullptr)
      : node_(std::move(node)),
        path_(std::move(path)),
        source_(std::move(source)),
        mark_(mark),
        overrides_(overrides),
        base_dir_(std::move(base_dir)),
        index_(index) {}
  std::string child_path(const std::string& key) const;

  YAML::Node node_;
  std::string path_;
  std::string source_;
  YAML::Mark mark_;  // this node's position, or its nearest positioned ancestor's
  const OverrideMap* overrides_;
  // Shared by every view of one document: --set values have another source,
  // but their paths resolve against the same folder.
  std::shared_ptr<const std::string> base_dir_;
  // The document's index, when node_ is the document's own node at path_
  // (not an override's value or a sequence element); else null.
  const DocumentIndex* index_;
};

}  // namespace nnsweep
