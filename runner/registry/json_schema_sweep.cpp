// The `sweep:` part of the experiment schema: grid, zip, list and random as
// sweep/plan.cpp and sweep/random_axis.cpp read them.
#include "registry/json_schema.hpp"

namespace nnsweep {
namespace {

using Json = nlohmann::ordered_json;

// A map from each sweepable key to what it takes there; any other key is an error.
Json by_key(const Json& value_of_key, const auto& wrap, const std::string& description) {
  Json properties = Json::object();
  for (const auto& [key, value] : value_of_key.items()) properties[key] = wrap(value);
  return {{"description", description},
          {"type", "object"},
          {"minProperties", 1},
          {"properties", properties},
          {"additionalProperties", false}};
}

Json bound(const std::string& description, bool positive) {
  Json schema = {{"type", "number"}, {"description", description}};
  if (positive) schema["exclusiveMinimum"] = 0;
  return schema;
}

// uniform, int_uniform and log_uniform_values: low and high, or W&B's min and max.
Json bounded(const std::string& name, const std::string& description, bool positive) {
  const Json low = bound("the lowest value", positive), high = bound("the highest value", false);
  return {{"description", description},
          {"type", "object"},
          {"properties",
           {{"distribution", {{"const", name}}},
            {"low", low},
            {"high", high},
            {"min", bound("W&B's name for low", positive)},
            {"max", bound("W&B's name for high", false)}}},
          {"required", {"distribution"}},
          {"allOf",
           Json::array(
               {{{"oneOf", Json::array({{{"required", {"low"}}}, {{"required", {"min"}}}})}},
                {{"oneOf", Json::array({{{"required", {"high"}}}, {{"required", {"max"}}}})}}})},
          {"additionalProperties", false}};
}

// A draw of one key (its choice's values are checked as the key's values, by random's params).
Json distribution() {
  Json log_uniform = {
      {"description",
       "exp(uniform(log low, log high)): low and high are values (W&B's log_uniform_values). W&B's "
       "log_uniform, whose min and max are exponents, is not this one"},
      {"type", "object"},
      {"properties",
       {{"distribution", {{"const", "log_uniform"}}},
        {"low", bound("the lowest value, > 0", true)},
        {"high", bound("the highest value", true)}}},
      {"required", {"distribution", "low", "high"}},
      {"additionalProperties", false}};
  Json normal = {{"description", "numpy's normal(mean, std)"},
                 {"type", "object"},
                 {"properties",
                  {{"distribution", {{"const", "normal"}}},
                   {"mean", {{"type", "number"}}},
                   {"std", {{"type", "number"}, {"minimum", 0}}}}},
                 {"required", {"distribution", "mean", "std"}},
                 {"additionalProperties", false}};
  Json choice = {
      {"description", "one of the values, each as likely"},
      {"type", "object"},
      {"properties",
       {{"distribution", {{"const", "choice"}}}, {"values", {{"type", "array"}, {"minItems", 1}}}}},
      {"required", {"distribution", "values"}},
      {"additionalProperties", false}};
  return {{"oneOf",
           Json::array({bounded("uniform", "uniform between low and high", false), log_uniform,
                        bounded("log_uniform_values",
                                "W&B's name of log_uniform: min and max (or low and high) are "
                                "values",
                                true),
                        bounded("int_uniform", "integers from low to high, both included", false),
                        normal, choice})}};
}

Json values_list(const Json& value) {
  return {{"type", "array"}, {"minItems", 1}, {"items", value}};
}

}  // namespace

nlohmann::ordered_json sweep_schema(const nlohmann::ordered_json& value_of_key,
                                    nlohmann::ordered_json& definitions) {
  definitions["distribution"] = distribution();
  const auto draw = [](const Json& value) {
    const Json choice = {{"properties", {{"distribution", {{"const", "choice"}}}}},
                         {"required", {"distribution"}}};
    const Json values = {{"properties", {{"values", {{"items", value}}}}}};
    return Json{{"allOf", Json::array({{{"$ref", "#/definitions/distribution"}},
                                       {{"if", choice}, {"then", values}}})}};
  };
  // grid and zip take the same map, each key's list of values.
  definitions["sweep.lists"] = by_key(value_of_key, values_list, "");
  const auto lists = [](const std::string& description) {
    return Json{{"description", description},
                {"allOf", Json::array({{{"$ref", "#/definitions/sweep.lists"}}})}};
  };
  const Json grid = lists("the Cartesian product of each key's values, the last key fastest");
  const Json zip = lists("the lists taken side by side (all of one length), crossed with the rest");
  Json entry = by_key(
      value_of_key, [](const Json& value) { return value; }, "one sweep point");
  entry.erase("minProperties");
  definitions["sweep.point"] = entry;
  const Json list = {{"description", "one sweep point per entry"},
                     {"type", "array"},
                     {"minItems", 1},
                     {"items", {{"$ref", "#/definitions/sweep.point"}}}};
  definitions["sweep.draws"] = by_key(value_of_key, draw, "each key's distribution");
  const Json random = {
      {"description", "samples reproducible draws of numpy's legacy generator seeded with seed"},
      {"type", "object"},
      {"properties",
       {{"samples", {{"type", "integer"}, {"minimum", 1}, {"maximum", 1000000}}},
        {"seed", {{"type", "integer"}, {"minimum", 0}, {"maximum", 4294967295LL}, {"default", 0}}},
        {"params", {{"$ref", "#/definitions/sweep.draws"}}}}},
      {"required", {"samples", "params"}},
      {"additionalProperties", false}};
  return {{"description",
           "the runs: grid, zip, list and random axes, crossed in the order written, the last "
           "fastest"},
          {"type", Json::array({"object", "null"})},
          {"properties", {{"grid", grid}, {"zip", zip}, {"list", list}, {"random", random}}},
          {"additionalProperties", false}};
}

}  // namespace nnsweep
