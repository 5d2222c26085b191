// Writing a results file while runs finish (store/results_writer.hpp): rows
// arrive in any order, some only at finish(); blocks of rows are written once
// they are complete, and the file reads back as if written in one go.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <random>

#include "cli.hpp"
#include "results_samples.hpp"
#include "store/results_writer.hpp"

namespace {

// `n` runs of networks [2, 300, 1] and [2, 40, 7, 1] with made-up parameters and
// costs: wide enough rows that /runs takes several blocks.
nnsweep::Results wide_runs(std::size_t n) {
  nnsweep::Results results;
  results.swept_keys = {"model.init.seed"};
  std::mt19937_64 random(7);
  std::normal_distribution<double> normal;
  for (std::size_t i = 0; i < n; ++i) {
    nnsweep::RunRecord run;
    run.index = static_cast<std::int64_t>(2 * i + 1);
    run.id = "run" + std::to_string(i);
    run.config_yaml = "seed: " + std::to_string(i) + "\n";
    run.dataset_id = "data";
    run.record_every = 1 + static_cast<std::int64_t>(i % 3);
    run.columns = {std::int64_t(i)};
    run.seeds = {{"model.init.seed", std::int64_t(i)}};
    run.result.sizes =
        i % 4 == 3 ? std::vector<Eigen::Index>{2, 40, 7, 1} : std::vector<Eigen::Index>{2, 300, 1};
    Eigen::Index count = 0;
    for (std::size_t l = 0; l + 1 < run.result.sizes.size(); ++l) {
      count += run.result.sizes[l + 1] * (run.result.sizes[l] + 1);
    }
    run.result.parameters = Eigen::VectorXd::NullaryExpr(count, [&] { return normal(random); });
    for (std::size_t k = 0; k < 1 + i % 5; ++k) run.result.costs.push_back(normal(random));
    run.result.iterations_run = static_cast<std::int64_t>(i);
    results.runs.push_back(std::move(run));
  }
  results.experiment_yaml = "name: wide\n";
  results.experiment_id = "wide";
  results.plan_size = static_cast<std::int64_t>(2 * n + 1);
  return results;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(results_writer)

BOOST_AUTO_TEST_CASE(rows_in_any_order_read_back_as_written_at_once) {
  const nnsweep::Results results = wide_runs(130);  // about 54 rows per block
  std::vector<std::size_t> order(results.runs.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::shuffle(order.begin(), order.end(), std::mt19937(3));
  order.resize(100);  // the other 30 rows only at finish()
  nnsweep::testing::ScratchDir folder;
  const std::string path = (folder.path() / "wide.h5").string();
  {
    nnsweep::ResultsWriter writer(path, nnsweep::runs_plan(results.runs));
    for (std::size_t row : order) writer.add(row, results.runs[row]);
    BOOST_CHECK_THROW(writer.add(order[0], results.runs[order[0]]), std::exception);
    writer.finish(results);
  }
  nnsweep::testing::check_equal(nnsweep::read_results_file(path), results);

  const std::string once = (folder.path() / "once.h5").string();
  nnsweep::write_results_file(once, results);
  nnsweep::testing::check_equal(nnsweep::read_results_file(once), results);
}

BOOST_AUTO_TEST_CASE(a_run_in_another_runs_row_is_refused) {
  const nnsweep::Results results = wide_runs(3);
  nnsweep::testing::ScratchDir folder;
  nnsweep::ResultsWriter writer((folder.path() / "rows.h5").string(),
                                nnsweep::runs_plan(results.runs));
  // Rows of three runs make one block: the third add writes it.
  writer.add(0, results.runs[0]);
  writer.add(1, results.runs[2]);
  BOOST_CHECK_THROW(writer.add(2, results.runs[1]), std::exception);
  nnsweep::Results fewer = results;
  fewer.runs.pop_back();
  BOOST_CHECK_THROW(writer.finish(fewer), std::exception);
}

BOOST_AUTO_TEST_SUITE_END()
