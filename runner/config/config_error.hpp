#pragma once
// Config errors carry the place they point at, printed as FILE:LINE:COL.
#include <stdexcept>
#include <string>
#include <vector>

namespace nnsweep {

struct SourceLocation {
  std::string source;  // a file path, or "--set KEY" for a command-line override
  int line = 1;        // 1-based; 0 = no position (a command-line argument)
  int column = 1;      // 1-based
  std::string text() const;
};

class ConfigError : public std::runtime_error {
 public:
  ConfigError(SourceLocation location, const std::string& message)
      : std::runtime_error(location.text() + ": " + message),
        location_(std::move(location)),
        message_(message) {}
  const SourceLocation& location() const { return location_; }
  const std::string& message() const { return message_; }

 private:
  SourceLocation location_;
  std::string message_;
};

// "did you mean 'tanh'?" for the closest candidate, or "" when none is close.
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);
// "a, b or c" for messages that list what is allowed.
std::string join_choices(const std::vector<std::string>& words);

}  // namespace nnsweep
