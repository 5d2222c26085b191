#pragma once
// Class labels turned into the dataset contract's indices 0..K-1
// (registry/dataset.hpp), shared by the csv and hdf5 plugins so that the same
// labels mean the same classes in either file. The order is numpy.unique's
// (and so sklearn LabelEncoder's): integers numerically, text by bytes.
// Not a plugin.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "registry/dataset.hpp"

namespace nnsweep::datasets {

struct EncodedLabels {
  std::vector<double> indices;           // one per example, 0..K-1
  std::vector<std::string> class_names;  // the K classes in index order
};

// `text` without the spaces, tabs and line breaks around it; a view into
// `text`, empty when it holds nothing else.
std::string_view trimmed(std::string_view text);

// The value of `text` as an integer label: digits with an optional sign,
// spaces around allowed, so "3", "+3" and "03" are the same class. nullopt for
// anything else, "3.0" included (text, as in a numpy string array), and for a
// value outside int64.
std::optional<std::int64_t> integer_label(std::string_view text);

// Integer labels, any number of them, as classes in numeric order, each named
// by its decimal text ("-1", "10"). indices[i] is the class of labels[i]; K is
// the number of distinct labels, so 0 for no labels.
EncodedLabels encode_integer_labels(const std::vector<std::int64_t>& labels);

// Labels as written in a file: integer classes (encode_integer_labels, names
// then in canonical decimal form) when integer_label reads every one of them,
// otherwise all text, named as written and ordered by bytes (std::string
// compares them as unsigned char, which for UTF-8 is code point order, as
// numpy sorts str). Labels are taken as they are: trimming and refusing empty
// ones is the caller's business. K may be 0 or 1; the caller refuses too few.
EncodedLabels encode_labels(const std::vector<std::string>& labels);

// Makes `data` a classification set of `labels`' classes: Y the 1 x m row of
// indices, classes and class_names from them. X is left as it is; the
// caller has refused fewer than two classes.
void assign_classes(Dataset& data, EncodedLabels labels);

}  // namespace nnsweep::datasets
