// The reduced maximal-covering MIP of the large MCLP solver, solved by CBC with a cutoff at the incumbent: CBC only
// has to show that nothing better exists, which prunes far more than an ordinary search for the optimum.
#include "siting/large_mip.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <exception>
#include <functional>
#include <thread>
#include <utility>
#include <vector>

#include "siting/coin_ticks.h"

namespace tc::siting::detail {

CoveringLp covering_lp(const ReducedCovering& model, const std::vector<int>& core, double target, double time_limit_s,
                       const std::function<void()>& tick) {
  const auto t0 = std::chrono::steady_clock::now();
  Ticker ticker(tick);
  CoveringLp out;
  const auto m = static_cast<std::size_t>(model.sites);
  const auto groups = model.weight.size();
  out.state.assign(m, 0);
  // Groups per site, to price a column: its reduced cost is −π_card + Σ_{groups it covers} π_k (minimisation).
  std::vector<std::size_t> inv_begin(m + 1, 0);
  for (const int j : model.site) ++inv_begin[static_cast<std::size_t>(j) + 1];
  for (std::size_t j = 0; j < m; ++j) inv_begin[j + 1] += inv_begin[j];
  std::vector<int> inv_group(model.site.size());
  {
    std::vector<std::size_t> at(inv_begin.begin(), inv_begin.end() - 1);
    for (std::size_t k = 0; k < groups; ++k) {
      for (std::size_t t = model.begin[k]; t < model.begin[k + 1]; ++t) {
        inv_group[at[static_cast<std::size_t>(model.site[t])]++] = static_cast<int>(k);
      }
    }
  }
  // Rows: cardinality (= p), then z_k − Σ y_j <= 0. Columns: z_k first, then the site columns added over time.
  OsiClpSolverInterface lp;
  lp.messageHandler()->setLogLevel(0);
  {
    std::vector<int> t_row;
    std::vector<int> t_col;
    std::vector<double> t_val;
    for (std::size_t k = 0; k < groups; ++k) {
      t_row.push_back(static_cast<int>(1 + k));
      t_col.push_back(static_cast<int>(k));
      t_val.push_back(1.0);
    }
    CoinPackedMatrix matrix(true, t_row.data(), t_col.data(), t_val.data(), static_cast<CoinBigIndex>(t_val.size()));
    matrix.setDimensions(static_cast<int>(1 + groups), static_cast<int>(groups));
    std::vector<double> col_lo(groups, 0.0);
    std::vector<double> col_hi(groups, 1.0);
    std::vector<double> obj(groups);
    for (std::size_t k = 0; k < groups; ++k) obj[k] = -model.weight[k];
    std::vector<double> row_lo(1 + groups, -COIN_DBL_MAX);
    std::vector<double> row_hi(1 + groups, 0.0);
    row_lo[0] = row_hi[0] = model.p;
    lp.loadProblem(matrix, col_lo.data(), col_hi.data(), obj.data(), row_lo.data(), row_hi.data());
  }
  ClpTicks lp_ticks(&ticker);
  lp.getModelPtr()->passInEventHandler(&lp_ticks);
  lp.setHintParam(OsiDoDualInInitial, false, OsiHintDo);
  lp.setHintParam(OsiDoDualInResolve, false, OsiHintDo);
  std::vector<int> column_of(m, -1);  // LP column of each site, -1 while out
  std::vector<int> site_of_column;
  auto add_sites = [&](const std::vector<int>& sites) {
    for (const int j : sites) {
      const auto jj = static_cast<std::size_t>(j);
      if (column_of[jj] >= 0) continue;
      std::vector<int> rows = {0};
      std::vector<double> values = {1.0};
      for (std::size_t t = inv_begin[jj]; t < inv_begin[jj + 1]; ++t) {
        rows.push_back(1 + inv_group[t]);
        values.push_back(-1.0);
      }
      const CoinPackedVector column(static_cast<int>(rows.size()), rows.data(), values.data());
      column_of[jj] = lp.getNumCols();
      site_of_column.push_back(j);
      lp.addCol(column, 0.0, 1.0, 0.0);
    }
  };
  // The core must hold at least p sites or the cardinality row is infeasible.
  add_sites(core);
  std::vector<int> filler;
  for (std::size_t j = 0; j < m && static_cast<int>(site_of_column.size() + filler.size()) < model.p; ++j) {
    if (column_of[j] < 0) filler.push_back(static_cast<int>(j));
  }
  add_sites(filler);
  std::vector<double> rc(m);
  constexpr double kTol = 1e-7;
  for (;;) {
    const double left = time_limit_s - std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (left <= 0.05) return out;
    lp.getModelPtr()->setMaximumWallSeconds(left);
    lp.getModelPtr()->setMaximumSeconds(left);
    if (out.rounds == 0) {
      lp.initialSolve();
    } else {
      lp.resolve();  // primal simplex: new columns keep the last solution feasible
    }
    ++out.rounds;
    ticker.rethrow();
    if (!lp.isProvenOptimal()) return out;
    const double* price = lp.getRowPrice();
    std::vector<std::pair<double, int>> entering;
    for (std::size_t j = 0; j < m; ++j) {
      double r = -price[0];
      for (std::size_t t = inv_begin[j]; t < inv_begin[j + 1]; ++t) r += price[1 + inv_group[t]];
      rc[j] = r;
      if (column_of[j] < 0 && r < -kTol) entering.emplace_back(r, static_cast<int>(j));
    }
    if (entering.empty()) break;
    // The most attractive columns first, a bounded number per round so the LP stays small.
    const std::size_t take = std::min<std::size_t>(entering.size(), 2000);
    std::partial_sort(entering.begin(), entering.begin() + static_cast<std::ptrdiff_t>(take), entering.end());
    std::vector<int> sites;
    for (std::size_t k = 0; k < take; ++k) sites.push_back(entering[k].second);
    add_sites(sites);
  }
  // No column prices in: the duals are feasible for the whole model, so the LP value bounds it, and
  // value + |reduced cost| bounds every solution that moves that site off its bound.
  out.solved = true;
  out.bound = -lp.getObjValue();
  out.columns = static_cast<int>(site_of_column.size());
  const double* x = lp.getColSolution();
  const double cutoff = -target;  // minimisation: solutions worth having are below it
  const double z = lp.getObjValue();
  const double margin = 1e-6 * (1 + std::abs(z));
  for (std::size_t j = 0; j < m; ++j) {
    const double value = column_of[j] < 0 ? 0.0 : x[column_of[j]];
    if (value <= kTol && z + rc[j] > cutoff + margin) out.state[j] = 2;
    if (value >= 1 - kTol && z - rc[j] > cutoff + margin) out.state[j] = 1;
  }
  return out;
}

ReducedAnswer solve_reduced_covering(const ReducedCovering& model, double target, double time_limit_s, int threads,
                                     const std::function<void()>& tick) {
  ReducedAnswer answer;
  Ticker ticker(tick);
  const auto groups = model.weight.size();
  const auto m = static_cast<std::size_t>(model.sites);
  // Columns: y_j (j < sites), then z_k. Rows: cardinality, then z_k − Σ y_j <= 0.
  std::vector<double> col_lo(m + groups, 0.0);
  std::vector<double> col_hi(m + groups, 1.0);
  std::vector<double> obj(m + groups, 0.0);
  for (std::size_t k = 0; k < groups; ++k) obj[m + k] = -model.weight[k];
  std::vector<double> row_lo(1 + groups, -COIN_DBL_MAX);
  std::vector<double> row_hi(1 + groups, 0.0);
  row_lo[0] = row_hi[0] = model.p;
  std::vector<int> t_row;
  std::vector<int> t_col;
  std::vector<double> t_val;
  for (std::size_t j = 0; j < m; ++j) {
    t_row.push_back(0);
    t_col.push_back(static_cast<int>(j));
    t_val.push_back(1.0);
  }
  for (std::size_t k = 0; k < groups; ++k) {
    const int row = static_cast<int>(1 + k);
    t_row.push_back(row);
    t_col.push_back(static_cast<int>(m + k));
    t_val.push_back(1.0);
    for (std::size_t t = model.begin[k]; t < model.begin[k + 1]; ++t) {
      t_row.push_back(row);
      t_col.push_back(model.site[t]);
      t_val.push_back(-1.0);
    }
  }
  OsiClpSolverInterface solver;
  solver.messageHandler()->setLogLevel(0);
  {
    CoinPackedMatrix matrix(true, t_row.data(), t_col.data(), t_val.data(), static_cast<CoinBigIndex>(t_val.size()));
    matrix.setDimensions(static_cast<int>(row_lo.size()), static_cast<int>(obj.size()));
    solver.loadProblem(matrix, col_lo.data(), col_hi.data(), obj.data(), row_lo.data(), row_hi.data());
  }
  std::vector<int> integer(m);
  for (std::size_t j = 0; j < m; ++j) integer[j] = static_cast<int>(j);
  solver.setInteger(integer.data(), static_cast<int>(m));
  solver.setHintParam(OsiDoReducePrint, true, OsiHintTry);

  // The root LP first, under our own eye: Clp reports a stop on the time limit much like a proof of
  // infeasibility, and CBC passes both on as "infeasible". Solutions below the target are cut off through the dual
  // objective limit: the dual simplex stops as soon as its (valid) bound falls below the target — a proof.
  const auto t0 = std::chrono::steady_clock::now();
  const double limit = std::max(0.05, time_limit_s);
  ClpSimplex* clp = solver.getModelPtr();
  solver.setDblParam(OsiDualObjectiveLimit, -target);
  clp->setDualObjectiveLimit(-target);
  clp->setMaximumWallSeconds(limit);
  clp->setMaximumSeconds(limit);
  ClpTicks lp_ticks(&ticker);
  clp->passInEventHandler(&lp_ticks);
  solver.initialSolve();
  ticker.rethrow();
  const int lp_status = clp->status();
  const int lp_secondary = clp->secondaryStatus();
  if (lp_status == 1 && lp_secondary == 1) {
    answer.complete = true;  // the LP bound is below the target: nothing better exists
    return answer;
  }
  if (lp_status != 0) return answer;  // stopped on time (or numerical trouble): no proof, no bound
  answer.bound = -clp->objectiveValue();
  answer.bound_known = true;
  if (answer.bound < target) {
    answer.complete = true;
    return answer;
  }
  const double left = limit - std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (left <= 0.05) return answer;

  CbcModel cbc(solver);
  cbc.setLogLevel(0);
  cbc.messageHandler()->setLogLevel(0);
  cbc.solver()->messageHandler()->setLogLevel(0);
  cbc.setRandomSeed(20260101);
  cbc.setUseElapsedTime(true);
  cbc.setMaximumSeconds(left);
  if (auto* inner = dynamic_cast<OsiClpSolverInterface*>(cbc.solver())) {
    inner->getModelPtr()->setMaximumWallSeconds(left);
    inner->getModelPtr()->setMaximumSeconds(left);
  }
  const int t = std::max(1, threads);
  cbc.setNumberThreads(t > 1 ? t : 0);
  cbc.setThreadMode(t > 1 ? 1 : 0);
  // Solutions covering less than the target are of no use: the caller already holds one that good.
  cbc.setCutoff(-target);
  CglProbing probing;
  probing.setUsingObjective(1);
  probing.setMaxPass(1);
  probing.setMaxPassRoot(3);
  CglGomory gomory;
  gomory.setLimit(300);
  CglKnapsackCover knapsack;
  cbc.addCutGenerator(&probing, -1, "Probing");
  cbc.addCutGenerator(&gomory, -1, "Gomory");
  cbc.addCutGenerator(&knapsack, -1, "Knapsack");
  CbcTicks cbc_ticks(&ticker);
  cbc.passInEventHandler(&cbc_ticks);
  cbc.branchAndBound();
  ticker.rethrow();
  const double spent = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  // A search that ran into the limit proves nothing, whatever CBC's status says.
  answer.complete = cbc.status() == 0 && !cbc.isSecondsLimitReached() && spent < limit &&
                    (cbc.isProvenOptimal() || cbc.isProvenInfeasible());
  if (const double* best = cbc.bestSolution(); best != nullptr) {
    std::vector<int> open;
    for (std::size_t j = 0; j < m; ++j) {
      if (best[j] > 0.5) open.push_back(static_cast<int>(j));
    }
    if (static_cast<int>(open.size()) == model.p) {
      double value = 0;
      std::vector<char> is_open(m, 0);
      for (const int j : open) is_open[static_cast<std::size_t>(j)] = 1;
      for (std::size_t k = 0; k < groups; ++k) {
        for (std::size_t s = model.begin[k]; s < model.begin[k + 1]; ++s) {
          if (is_open[static_cast<std::size_t>(model.site[s])] != 0) {
            value += model.weight[k];
            break;
          }
        }
      }
      answer.open = std::move(open);
      answer.value = value;
    }
  }
  // CBC's best possible value is meaningful only once its root LP was solved (else it reports 1e50).
  const double best_possible = cbc.getBestPossibleObjValue();
  if (!cbc.isProvenInfeasible() && std::abs(cbc.getContinuousObjective()) < 1e49 && std::abs(best_possible) < 1e49) {
    answer.bound = std::min(answer.bound, -best_possible);
  }
  return answer;
}

}  // namespace tc::siting::detail
