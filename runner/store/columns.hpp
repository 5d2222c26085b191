#pragma once
// The /summary columns of swept and --set keys.
//
// Each key's column takes its type from the values the runs used, which the
// resolver already typed from the plugins' declarations; nothing is guessed
// from text:
//   boolean -> uint8, integer -> int64, real -> float64, string -> UTF-8,
//   int_list -> UTF-8 text ("[20, 20]") plus numeric derived columns.
// A run that did not use the key (a parameter of a plugin it did not choose)
// has no value: NaN in a numeric column (so integers and booleans with a
// missing value are stored as float64) and "" in a text column. The attribute
// `nnsweep_type` records the declared type, so reading gives back exactly the
// values written.
//
// Derived columns make lists sort and group as numbers: model.hidden gives
// model.depth (hidden layers), model.width (widest hidden layer, 0 for none)
// and model.hidden_1, model.hidden_2, ... (each layer's width, NaN where a run
// has fewer layers). They carry the attribute `derived_from`.
#include <string>
#include <vector>

#include "store/h5.hpp"
#include "store/results.hpp"

namespace nnsweep {

// Writes the column of `key` and its derived columns; returns every dataset
// written, for attaching the run dimension.
std::vector<h5::Handle> write_key_columns(hid_t group, const std::string& key,
                                          const std::vector<ColumnValue>& values);
// The values of `key`'s column as written (or, for a version 1 file, as its
// element type says).
std::vector<ColumnValue> read_key_column(hid_t group, const std::string& key);

}  // namespace nnsweep
