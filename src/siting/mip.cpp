#include "siting/mip.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <exception>
#include <limits>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "siting/errors.h"
#include "siting/pmedian.h"

#include "siting/coin.h"

namespace tc::siting {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr int kCbcSeed = 20260101;  // any fixed value: same instance, same answer
constexpr double kEps = 1e-6;
constexpr int kLagrangianSteps = 100;                 // fallback bound when CBC has none (see solve_exact)
constexpr std::size_t kThreadedNonzeros = 1'500'000;  // above: CBC on one thread (see solve_exact)

bool covers(const Instance& inst, int client, int site, double within) {
  const double c = inst.at(client, site);
  return std::isfinite(c) && c <= within + 1e-9;
}

void validate(const Instance& inst, const Params& params) {
  if (inst.clients < 0 || inst.sites <= 0) throw SitingError("instance vide : aucun site candidat");
  const std::size_t n = static_cast<std::size_t>(inst.clients);
  const std::size_t m = static_cast<std::size_t>(inst.sites);
  if (inst.weight.size() != n || inst.cost.size() != n * m)
    throw SitingError("instance incohérente : tailles des poids ou de la matrice de coûts");
  for (const double w : inst.weight)
    if (!(w >= 0) || !std::isfinite(w)) throw SitingError("poids de client négatif ou invalide");
  for (const int f : inst.fixed)
    if (f < 0 || f >= inst.sites) throw SitingError("site imposé hors de l'instance : " + std::to_string(f));
  if (params.model != Model::Lscp) {
    std::vector<int> fixed = inst.fixed;
    std::sort(fixed.begin(), fixed.end());
    fixed.erase(std::unique(fixed.begin(), fixed.end()), fixed.end());
    if (params.p < 1 || params.p > inst.sites)
      throw SitingError("p = " + std::to_string(params.p) + " hors de [1, " + std::to_string(inst.sites) + "]");
    if (static_cast<int>(fixed.size()) > params.p)
      throw SitingError("plus de sites imposés (" + std::to_string(fixed.size()) +
                        ") que p = " + std::to_string(params.p));
  }
  if (params.model != Model::PMedian && !(params.within >= 0))
    throw SitingError("rayon de couverture négatif ou invalide");
}

std::string client_name(const Instance& inst, int i) {
  const auto k = static_cast<std::size_t>(i);
  return k < inst.client_ids.size() ? inst.client_ids[k] : std::to_string(i + 1);
}

[[noreturn]] void throw_unserved(const Instance& inst, const std::vector<int>& bad, const std::string& what) {
  std::string msg = what;
  const std::size_t shown = std::min<std::size_t>(bad.size(), 20);
  for (std::size_t k = 0; k < shown; ++k) msg += (k ? ", " : " ") + client_name(inst, bad[k]);
  if (bad.size() > shown) msg += " … (" + std::to_string(bad.size()) + " au total)";
  throw SitingError(msg);
}

// Objective of `open` under the model, recomputed from the data (minimisation sense is not applied here).
double evaluate(const Instance& inst, const Params& params, const std::vector<char>& is_open) {
  double total = 0;
  for (int i = 0; i < inst.clients; ++i) {
    const double w = inst.weight[static_cast<std::size_t>(i)];
    if (params.model == Model::PMedian) {
      double best = kInf;
      for (int j = 0; j < inst.sites; ++j)
        if (is_open[static_cast<std::size_t>(j)]) best = std::min(best, inst.at(i, j));
      if (w > 0) total += w * best;
    } else {
      bool covered = false;
      for (int j = 0; j < inst.sites && !covered; ++j)
        covered = is_open[static_cast<std::size_t>(j)] && covers(inst, i, j, params.within);
      if (params.model == Model::Mclp && covered) total += w;
      if (params.model == Model::Lscp && !covered) total += w;  // uncovered weight, used for LSCP marginals
    }
  }
  return total;
}

// Fills everything but bound/optimal/seconds from the chosen sites.
void describe(const Instance& inst, const Params& params, const std::vector<char>& is_open, Solution& sol) {
  sol.open.clear();
  for (int j = 0; j < inst.sites; ++j)
    if (is_open[static_cast<std::size_t>(j)]) sol.open.push_back(j);
  if (params.model == Model::Lscp)
    sol.objective = static_cast<double>(sol.open.size());
  else
    sol.objective = evaluate(inst, params, is_open);

  sol.assignment.assign(static_cast<std::size_t>(inst.clients), -1);
  sol.served.assign(sol.open.size(), 0.0);
  for (int i = 0; i < inst.clients; ++i) {
    double best = kInf;
    int best_k = -1;
    for (std::size_t k = 0; k < sol.open.size(); ++k) {
      const int j = sol.open[k];
      const double c = inst.at(i, j);
      if (params.model != Model::PMedian && !covers(inst, i, j, params.within)) continue;
      if (c < best) {  // strict: ties go to the lowest site index
        best = c;
        best_k = static_cast<int>(k);
      }
    }
    if (best_k >= 0) {
      sol.assignment[static_cast<std::size_t>(i)] = sol.open[static_cast<std::size_t>(best_k)];
      sol.served[static_cast<std::size_t>(best_k)] += inst.weight[static_cast<std::size_t>(i)];
    }
  }

  // Closing one site at a time: direct recomputation, O(p · n · m), negligible next to the MIP.
  sol.marginal.assign(sol.open.size(), 0.0);
  std::vector<char> without = is_open;
  const double base = params.model == Model::Lscp ? evaluate(inst, params, is_open) : sol.objective;
  for (std::size_t k = 0; k < sol.open.size(); ++k) {
    const auto j = static_cast<std::size_t>(sol.open[k]);
    without[j] = 0;
    const double v = evaluate(inst, params, without);
    without[j] = 1;
    sol.marginal[k] = params.model == Model::Mclp ? base - v : v - base;
  }
}

// The MIP as plain arrays: columns (bounds, cost, integrality), rows (bounds) and the matrix as triplets.
// Building a CoinPackedMatrix from triplets at once is much faster than CoinModel row by row on large p-medians.
struct Built {
  std::vector<double> col_lo, col_hi, obj;
  std::vector<int> integer;
  std::vector<double> row_lo, row_hi;
  std::vector<int> t_row, t_col;
  std::vector<double> t_val;
  int columns() const { return static_cast<int>(obj.size()); }
  int add_column(double lo, double hi, double cost, bool is_integer) {
    const int c = columns();
    col_lo.push_back(lo);
    col_hi.push_back(hi);
    obj.push_back(cost);
    if (is_integer) integer.push_back(c);
    return c;
  }
  int add_row(double lo, double hi) {
    row_lo.push_back(lo);
    row_hi.push_back(hi);
    return static_cast<int>(row_lo.size()) - 1;
  }
  void set(int row, int col, double v) {
    t_row.push_back(row);
    t_col.push_back(col);
    t_val.push_back(v);
  }
};

// Column j < sites is y_j everywhere. p-median then has x_ij for finite costs; MCLP has z_i per coverable
// client. MCLP is stated as minimising -sum w z, so CBC always minimises.
Built build(const Instance& inst, const Params& params, const std::vector<char>& fixed_open) {
  Built b;
  const int m = inst.sites;
  for (int j = 0; j < m; ++j) {
    const double lo = fixed_open[static_cast<std::size_t>(j)] ? 1.0 : 0.0;
    b.add_column(lo, 1.0, params.model == Model::Lscp ? 1.0 : 0.0, true);
  }

  if (params.model == Model::Lscp) {
    std::vector<int> bad;
    for (int i = 0; i < inst.clients; ++i) {
      if (!(inst.weight[static_cast<std::size_t>(i)] > 0)) continue;
      bool any = false;
      for (int j = 0; j < m && !any; ++j) any = covers(inst, i, j, params.within);
      if (!any) {
        bad.push_back(i);
        continue;
      }
      const int r = b.add_row(1.0, COIN_DBL_MAX);  // sum_{j covers i} y_j >= 1
      for (int j = 0; j < m; ++j)
        if (covers(inst, i, j, params.within)) b.set(r, j, 1.0);
    }
    if (!bad.empty()) throw_unserved(inst, bad, "LSCP infaisable : aucun site candidat ne couvre le(s) client(s)");
    return b;
  }

  // Cardinality: exactly p sites, fixed ones included.
  const auto p = static_cast<double>(params.p);
  const int card = b.add_row(p, p);
  for (int j = 0; j < m; ++j) b.set(card, j, 1.0);

  if (params.model == Model::Mclp) {
    for (int i = 0; i < inst.clients; ++i) {
      const double w = inst.weight[static_cast<std::size_t>(i)];
      if (!(w > 0)) continue;
      bool any = false;
      for (int j = 0; j < m && !any; ++j) any = covers(inst, i, j, params.within);
      if (!any) continue;  // never coverable: contributes nothing
      const int z = b.add_column(0.0, 1.0, -w, false);
      const int r = b.add_row(-COIN_DBL_MAX, 0.0);  // z_i - sum_{j covers i} y_j <= 0
      b.set(r, z, 1.0);
      for (int j = 0; j < m; ++j)
        if (covers(inst, i, j, params.within)) b.set(r, j, -1.0);
    }
    return b;
  }

  // p-median: sum_j x_ij = 1, x_ij <= y_j. Clients of zero weight are left out (they cost nothing).
  std::vector<int> bad;
  for (int i = 0; i < inst.clients; ++i) {
    const double w = inst.weight[static_cast<std::size_t>(i)];
    if (!(w > 0)) continue;
    bool any = false;
    for (int j = 0; j < m && !any; ++j) any = std::isfinite(inst.at(i, j));
    if (!any) {
      bad.push_back(i);
      continue;
    }
    const int assign = b.add_row(1.0, 1.0);
    for (int j = 0; j < m; ++j) {
      const double c = inst.at(i, j);
      if (!std::isfinite(c)) continue;
      const int x = b.add_column(0.0, 1.0, w * c, false);
      b.set(assign, x, 1.0);
      const int link = b.add_row(-COIN_DBL_MAX, 0.0);
      b.set(link, x, 1.0);
      b.set(link, j, -1.0);
    }
  }
  if (!bad.empty()) throw_unserved(inst, bad, "p-médiane infaisable : aucun site accessible pour le(s) client(s)");
  return b;
}

// A feasible start (greedy on the model's own objective) so that a run stopped by the time limit still has a
// solution, and CBC prunes earlier. Incremental: O(sites · clients) per added site.
std::vector<char> greedy_start(const Instance& inst, const Params& params, const std::vector<char>& fixed_open) {
  std::vector<char> open = fixed_open;
  const auto n = static_cast<std::size_t>(inst.clients);
  // p-median: current distance to the nearest open site; covering: 1 when covered, else 0.
  std::vector<double> state(n, 0.0);
  if (params.model == Model::PMedian) std::fill(state.begin(), state.end(), kInf);
  auto apply = [&](int j) {
    open[static_cast<std::size_t>(j)] = 1;
    for (int i = 0; i < inst.clients; ++i) {
      auto& st = state[static_cast<std::size_t>(i)];
      if (params.model == Model::PMedian)
        st = std::min(st, inst.at(i, j));
      else if (covers(inst, i, j, params.within))
        st = 1;
    }
  };
  for (int j = 0; j < inst.sites; ++j)
    if (open[static_cast<std::size_t>(j)]) apply(j);
  auto gain = [&](int j) {
    double g = 0;
    for (int i = 0; i < inst.clients; ++i) {
      const double w = inst.weight[static_cast<std::size_t>(i)];
      const double st = state[static_cast<std::size_t>(i)];
      if (params.model == Model::PMedian) {
        const double c = inst.at(i, j);
        if (c < st) g += std::isinf(st) ? 1e30 : w * (st - c);  // reaching an unserved client first
      } else if (st == 0 && covers(inst, i, j, params.within)) {
        g += w;
      }
    }
    return g;
  };
  auto count = [&open] { return static_cast<int>(std::count(open.begin(), open.end(), 1)); };
  auto more = [&] {
    if (params.model != Model::Lscp) return count() < params.p;
    for (std::size_t i = 0; i < n; ++i)
      if (inst.weight[i] > 0 && state[i] == 0) return true;
    return false;
  };
  while (more()) {
    int best_j = -1;
    double best_g = -1;
    for (int j = 0; j < inst.sites; ++j) {
      if (open[static_cast<std::size_t>(j)]) continue;
      const double g = gain(j);
      if (g > best_g) {
        best_g = g;
        best_j = j;
      }
    }
    if (best_j < 0 || (params.model == Model::Lscp && best_g <= 0)) break;  // build() checked coverability
    apply(best_j);
  }
  return open;
}

// A bound that needs no LP: p-median, every client at its nearest candidate; MCLP, every coverable client
// covered; LSCP, the fixed sites (at least one if anyone needs covering).
double trivial_bound(const Instance& inst, const Params& params, const std::vector<char>& fixed_open) {
  double total = 0;
  bool demand = false;
  for (int i = 0; i < inst.clients; ++i) {
    const double w = inst.weight[static_cast<std::size_t>(i)];
    if (!(w > 0)) continue;
    demand = true;
    double nearest = kInf;
    for (int j = 0; j < inst.sites; ++j) nearest = std::min(nearest, inst.at(i, j));
    if (params.model == Model::PMedian) total += w * nearest;
    if (params.model == Model::Mclp && nearest <= params.within + 1e-9) total += w;
  }
  if (params.model != Model::Lscp) return total;
  const auto fixed = static_cast<double>(std::count(fixed_open.begin(), fixed_open.end(), 1));
  return std::max(fixed, demand ? 1.0 : 0.0);
}

double model_value(const Instance& inst, const Params& params, const std::vector<char>& open) {
  if (params.model == Model::Lscp) return static_cast<double>(std::count(open.begin(), open.end(), 1));
  const double v = evaluate(inst, params, open);
  return params.model == Model::Mclp ? -v : v;  // CBC's minimisation sense
}

using Clock = std::chrono::steady_clock;

// What CBC's and Clp's event handlers share (both are cloned by CBC, so they hold a pointer to this): the
// deadline, the caller's progress callback and whatever it threw. CBC's own time limit is only checked between
// nodes and cut passes, and Clp ignores it, so a large root LP (pmed40: 810 000 columns) ran for seconds past it;
// the Clp handler stops any simplex once the deadline is past.
class Watch {
 public:
  Watch(Clock::time_point start, double limit_s, const Progress& progress)
      : start_(start),
        limit_s_(limit_s),
        // A little grace so that CBC's own limit, checked between nodes, usually stops the search first and its
        // bound stays valid; a simplex cut short makes CBC drop that node (see interrupted()).
        hard_stop_(start + std::chrono::duration_cast<Clock::duration>(
                               std::chrono::duration<double>(limit_s + std::min(0.25, 0.05 * limit_s)))),
        progress_(progress),
        owner_(std::this_thread::get_id()) {}

  // True when every solve should stop now: past the deadline, or the callback threw.
  bool must_stop() const { return stop_requested() || Clock::now() >= hard_stop_; }
  bool stop_requested() const {
    const std::lock_guard lock(mutex_);
    return static_cast<bool>(error_);
  }
  // Reports progress from the calling thread only (CBC's worker threads call the handlers too), at most every
  // kReportEvery seconds; an exception from the callback is kept for the caller and stops the solve.
  void tick() {
    if (!progress_ || std::this_thread::get_id() != owner_) return;
    const auto now = Clock::now();
    {
      const std::lock_guard lock(mutex_);
      if (error_ || now - last_report_ < kReportEvery) return;
      last_report_ = now;
    }
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    const double fraction = 0.1 + 0.8 * std::min(1.0, elapsed / std::max(limit_s_, 1e-9));
    try {
      progress_(fraction, "résolution CBC");
    } catch (...) {
      const std::lock_guard lock(mutex_);
      error_ = std::current_exception();
    }
  }
  void note_interrupted() {
    const std::lock_guard lock(mutex_);
    interrupted_ = true;
    stopped_ = true;
  }
  void note_stopped() {
    const std::lock_guard lock(mutex_);
    stopped_ = true;
  }
  // Whether CBC was told to stop (deadline or cancellation): its "optimal" status is then no proof.
  bool stopped() const {
    const std::lock_guard lock(mutex_);
    return stopped_;
  }
  // Whether a simplex was cut short: CBC then takes that node for infeasible, so its proof and bound are void.
  bool interrupted() const {
    const std::lock_guard lock(mutex_);
    return interrupted_;
  }
  void rethrow_callback_error() const {
    std::exception_ptr error;
    {
      const std::lock_guard lock(mutex_);
      error = error_;
    }
    if (error) std::rethrow_exception(error);
  }

 private:
  static constexpr Clock::duration kReportEvery = std::chrono::milliseconds(500);
  Clock::time_point start_;
  double limit_s_;
  Clock::time_point hard_stop_;
  const Progress& progress_;
  std::thread::id owner_;
  mutable std::mutex mutex_;
  Clock::time_point last_report_{};
  std::exception_ptr error_;
  bool interrupted_ = false;
  bool stopped_ = false;
};

// Called by Clp at every simplex iteration, in the root LP as in every node.
class ClpWatch : public ClpEventHandler {
 public:
  explicit ClpWatch(Watch& watch) : watch_(&watch) {}
  ClpEventHandler* clone() const override { return new ClpWatch(*this); }
  int event(Event which) override {
    // Both stop the simplex with status 5; a resolve that is restarted after a stop reaches endOfFactorization
    // before its first iteration.
    if (which != endOfIteration && which != endOfFactorization) return -1;
    watch_->tick();
    if (!watch_->must_stop()) return -1;
    watch_->note_interrupted();
    return 0;  // Clp stops with status 5, "stopped by event handler"
  }

 private:
  Watch* watch_;
};

// Called by CBC at every node and on other search events: progress, and a clean stop of the search.
class CbcWatch : public CbcEventHandler {
 public:
  explicit CbcWatch(Watch& watch) : watch_(&watch) {}
  CbcEventHandler* clone() const override { return new CbcWatch(*this); }
  CbcAction event(CbcEvent which) override {
    if (which == endSearch) return noAction;
    watch_->tick();
    if (!watch_->must_stop()) return noAction;
    watch_->note_stopped();
    return stop;
  }
  CbcAction event(CbcEvent which, void* /*data*/) override { return event(which); }

 private:
  Watch* watch_;
};

}  // namespace

Solution solve_exact(const Instance& instance, const Params& params, const Progress& progress) {
  const auto t0 = std::chrono::steady_clock::now();
  auto report = [&progress](double f, std::string_view stage) {
    if (progress) progress(f, stage);
  };
  validate(instance, params);
  report(0.0, "construction du modèle");

  std::vector<char> fixed_open(static_cast<std::size_t>(instance.sites), 0);
  for (const int f : instance.fixed) fixed_open[static_cast<std::size_t>(f)] = 1;

  const Built built = build(instance, params, fixed_open);
  const std::vector<char> start = greedy_start(instance, params, fixed_open);

  // CBC takes this solver over (assignSolver) rather than cloning it: a copy of pmed40's model costs 0.4 s.
  auto solver = std::make_unique<OsiClpSolverInterface>();
  solver->messageHandler()->setLogLevel(0);
  {
    CoinPackedMatrix matrix(true, built.t_row.data(), built.t_col.data(), built.t_val.data(),
                            static_cast<CoinBigIndex>(built.t_val.size()));
    // Rows and columns that no triplet mentions (e.g. an empty LSCP) still need their bounds.
    matrix.setDimensions(static_cast<int>(built.row_lo.size()), built.columns());
    solver->loadProblem(matrix, built.col_lo.data(), built.col_hi.data(), built.obj.data(), built.row_lo.data(),
                        built.row_hi.data());
  }
  solver->setInteger(built.integer.data(), static_cast<int>(built.integer.size()));
  solver->setHintParam(OsiDoReducePrint, true, OsiHintTry);

  // Clones of the solver (CBC's threads', its continuous copy) clone the handler too.
  Watch watch(t0, params.time_limit_s, progress);
  const ClpWatch clp_watch(watch);
  solver->getModelPtr()->passInEventHandler(&clp_watch);

  CbcModel cbc;
  {
    OsiSolverInterface* owned = solver.release();
    cbc.assignSolver(owned, true);
  }
  cbc.setLogLevel(0);
  cbc.messageHandler()->setLogLevel(0);
  cbc.solver()->messageHandler()->setLogLevel(0);
  cbc.setRandomSeed(kCbcSeed);
  cbc.setUseElapsedTime(true);  // the limit is wall-clock, as the user experiences it
  const CbcWatch cbc_watch(watch);
  cbc.passInEventHandler(&cbc_watch);
  // The Debian build has CBC_THREAD; CBC counts 0 as "no threads" and mode 1 is deterministic parallel. Threads
  // start after the root with a full copy of the model each, which CBC does even past its time limit and cannot be
  // interrupted: on a very large model (pmed40, 2.4 million nonzeros) that alone ran seconds past the limit.
  const bool very_large = built.t_val.size() > kThreadedNonzeros;
  const int threads = very_large ? 1 : std::max(1, params.threads);
  cbc.setNumberThreads(threads > 1 ? threads : 0);
  cbc.setThreadMode(threads > 1 ? 1 : 0);

  CglProbing probing;
  probing.setUsingObjective(1);
  probing.setMaxPass(1);
  probing.setMaxPassRoot(3);
  probing.setMaxProbe(10);
  probing.setMaxProbeRoot(50);
  probing.setMaxLook(10);
  probing.setMaxLookRoot(50);
  probing.setRowCuts(3);
  CglGomory gomory;
  gomory.setLimit(300);
  CglKnapsackCover knapsack;
  CglClique clique;
  clique.setStarCliqueReport(false);
  clique.setRowCliqueReport(false);
  CglMixedIntegerRounding2 mir;
  CglFlowCover flow;
  cbc.addCutGenerator(&probing, -1, "Probing");
  cbc.addCutGenerator(&gomory, -1, "Gomory");
  cbc.addCutGenerator(&knapsack, -1, "Knapsack");
  cbc.addCutGenerator(&clique, -1, "Clique");
  cbc.addCutGenerator(&mir, -1, "MIR2");
  cbc.addCutGenerator(&flow, -1, "FlowCover");

  CbcRounding rounding(cbc);
  CbcHeuristicLocal local(cbc);
  CbcHeuristicFPump pump(cbc);
  cbc.addHeuristic(&rounding);
  cbc.addHeuristic(&local);
  cbc.addHeuristic(&pump);

  // The start is a cutoff, not CBC's incumbent: CBC re-checks an incumbent given by setBestSolution with LPs from
  // scratch (seconds on pmed40, not interruptible). CBC then finds only better solutions, and proves the start
  // optimal by finding the problem "infeasible".
  const double start_value = model_value(instance, params, start);
  cbc.setCutoff(start_value);

  report(0.1, "résolution CBC");
  // Model building counts against the limit; CBC's clock starts in branchAndBound.
  const double remaining =
      params.time_limit_s - std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (remaining > 0) {
    cbc.setMaximumSeconds(remaining);
    cbc.branchAndBound();
  }
  watch.rethrow_callback_error();
  report(0.9, "analyse de la solution");

  std::vector<char> open = start;
  const double* best = cbc.bestSolution();
  if (best != nullptr) {
    std::vector<char> chosen(static_cast<std::size_t>(instance.sites), 0);
    for (int j = 0; j < instance.sites; ++j) chosen[static_cast<std::size_t>(j)] = best[j] > 0.5 ? 1 : 0;
    for (std::size_t j = 0; j < chosen.size(); ++j) chosen[j] = (chosen[j] != 0 || fixed_open[j] != 0) ? 1 : 0;
    const auto n_open = std::count(chosen.begin(), chosen.end(), 1);
    const bool size_ok =
        params.model == Model::Lscp ? evaluate(instance, params, chosen) <= 0 : n_open == static_cast<long>(params.p);
    // Keep CBC's choice unless rounding broke it or it is worse than the start (never observed; defensive).
    if (size_ok && model_value(instance, params, chosen) <= start_value + kEps * std::max(1.0, std::abs(start_value)))
      open = chosen;
  }

  Solution sol;
  sol.solver = "cbc";
  describe(instance, params, open, sol);

  // CBC's best possible value means something only if the root LP was solved: when it was cut short, CBC
  // reports the problem "infeasible" with a bound of 1e50. Once any simplex was cut short, CBC has taken that node
  // for infeasible and its best possible value may be too good; the root LP's value (solved before) still holds.
  // Without either, fall back to a trivial bound.
  const bool ran = remaining > 0;
  // CBC finished its search on its own, so its status is a proof; with the start as cutoff, "infeasible" means
  // nothing beats the start.
  const bool finished = ran && !watch.stopped() && !cbc.isSecondsLimitReached();
  const bool cbc_proved = finished && (cbc.isProvenOptimal() || cbc.isProvenInfeasible());
  const bool root_ok = ran && !cbc.isProvenInfeasible() && std::abs(cbc.getContinuousObjective()) < 1e49;
  const double cbc_bound = watch.interrupted() ? cbc.getContinuousObjective() : cbc.getBestPossibleObjValue();
  const bool cbc_bound_ok = root_ok && std::abs(cbc_bound) < 1e49;
  const double trivial = trivial_bound(instance, params, fixed_open);
  const bool maximise = params.model == Model::Mclp;
  double bound = trivial;
  if (cbc_bound_ok) bound = maximise ? std::min(trivial, -cbc_bound) : std::max(trivial, cbc_bound);
  // No root LP within the limit (large p-medians with a small p, a loaded machine): the Lagrangian bound, 100
  // subgradient steps, costs 0.03 s on pmed15 and 0.4 s on pmed40 and comes within a few % of the optimum.
  if (!cbc_bound_ok && params.model == Model::PMedian && !cbc_proved)
    bound = std::max(bound, pmedian_lagrangian_bound(instance, params.p, instance.fixed, kLagrangianSteps));
  if (params.model == Model::Lscp) bound = std::ceil(bound - kEps);  // integer objective
  // A bound can never be on the wrong side of a feasible objective; equal means proven optimal.
  bound = maximise ? std::max(bound, sol.objective) : std::min(bound, sol.objective);
  const double tol = 1e-9 * std::max(1.0, std::abs(sol.objective));
  sol.optimal = cbc_proved || std::abs(bound - sol.objective) <= tol;
  sol.bound = sol.optimal ? sol.objective : bound;
  sol.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  report(1.0, "terminé");
  return sol;
}

}  // namespace tc::siting
