// nnsweep show RESULTS.h5: the comparison table from a results file.
#include <filesystem>
#include <iostream>
#include <new>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/table.hpp"

namespace nnsweep {

int show_command(const ShowArguments& arguments) {
  Results results;
  std::error_code error;
  if (!std::filesystem::exists(arguments.results, error)) {
    std::cerr << "nnsweep: " << arguments.results << " does not exist\n";
    return kExitConfigError;
  }
  try {
    results = read_results_file(arguments.results);
  } catch (const std::bad_alloc&) {
    throw;  // main() says "out of memory"
  } catch (const std::exception& error) {
    std::cerr << "nnsweep: " << error.what() << "\n";
    return kExitError;
  }
  try {
    TableOptions options{arguments.sort, arguments.descending, arguments.group_by,
                         static_cast<std::size_t>(arguments.rows), arguments.metrics};
    print_table(std::cout, results, options);
  } catch (const std::invalid_argument& error) {
    std::cerr << "nnsweep: " << error.what() << "\n";
    return kExitConfigError;
  }
  return kExitOk;
}

}  // namespace nnsweep
