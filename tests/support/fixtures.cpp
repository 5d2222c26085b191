#include "fixtures.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace nnsweep::testing {

std::vector<std::vector<std::string>> fixture_lines(const std::string& file_name) {
  const std::string path = std::string(NNSWEEP_FIXTURES) + "/" + file_name;
  std::ifstream file(path);
  if (!file) throw std::runtime_error("missing fixture " + path);
  std::vector<std::vector<std::string>> lines;
  std::string line;
  while (std::getline(file, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    std::vector<std::string> tokens;
    for (std::string token; words >> token;) tokens.push_back(token);
    lines.push_back(std::move(tokens));
  }
  return lines;
}

double to_double(const std::string& token) {
  char* end = nullptr;
  const double value = std::strtod(token.c_str(), &end);
  if (end != token.c_str() + token.size()) throw std::runtime_error("not a number: " + token);
  return value;
}

}  // namespace nnsweep::testing
