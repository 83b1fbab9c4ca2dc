// Branch-and-Benders-cut (benders.h): the master LP in Clp, the cuts separated in closed form per client, a
// depth-first branch and bound of our own around them (CBC's lazy constraints would have to be trusted not to
// accept a solution whose θ a missing cut overstates; here every integral node is checked against its cuts).
#include "siting/benders.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <limits>
#include <memory>
#include <utility>
#include <vector>

#include "siting/coin_ticks.h"

namespace tc::siting::detail {
namespace {

using Clock = std::chrono::steady_clock;
constexpr double kInf = std::numeric_limits<double>::infinity();

// One cut θ_c + Σ a_j y_j >= b, in the master's scaled units.
struct Cut {
  int cluster = 0;
  double rhs = 0;
  std::vector<int> index;
  std::vector<double> value;
};

class Master {
 public:
  Master(const BendersProblem& pb, const BendersOptions& options, Ticker* ticker)
      : pb_(pb), lists_(*pb.lists), n_(pb.weight.size()), m_(static_cast<std::size_t>(pb.sites)) {
    cluster_size_ = static_cast<std::size_t>(std::max(1, options.cluster_size));
    clusters_ = (n_ + cluster_size_ - 1) / cluster_size_;
    // Scale so a client's weight is about 1: Clp's tolerances are absolute.
    double total = 0;
    for (const double w : pb.weight) total += w;
    scale_ = n_ > 0 && total > 0 ? total / static_cast<double>(n_) : 1.0;
    lo_.assign(m_, 0.0);
    hi_.assign(m_, 1.0);
    for (std::size_t j = 0; j < m_; ++j) {
      if (pb.state[j] == 1) lo_[j] = 1;
      if (pb.state[j] == 2) hi_[j] = 0;
    }
    coef_.assign(m_, 0.0);
    // Columns: y of the free sites only (fixed ones are folded into the cuts' constants), then θ_c; row 0: Σ y = p
    // less the sites open for good.
    col_of_.assign(m_, -1);
    int open_for_good = 0;
    for (std::size_t j = 0; j < m_; ++j) {
      if (pb.state[j] == 0) {
        col_of_[j] = static_cast<int>(site_of_.size());
        site_of_.push_back(static_cast<int>(j));
      }
      if (pb.state[j] == 1) ++open_for_good;
    }
    k_ = site_of_.size();
    const std::size_t cols = k_ + clusters_;
    std::vector<double> col_lo(cols, 0.0);
    std::vector<double> col_hi(cols, COIN_DBL_MAX);
    std::vector<double> obj(cols, 0.0);
    for (std::size_t c = 0; c < k_; ++c) col_hi[c] = 1.0;
    for (std::size_t c = 0; c < clusters_; ++c) obj[k_ + c] = 1.0;
    std::vector<int> rows(k_, 0);
    std::vector<int> idx(k_);
    std::vector<double> ones(k_, 1.0);
    for (std::size_t c = 0; c < k_; ++c) idx[c] = static_cast<int>(c);
    CoinPackedMatrix matrix(true, rows.data(), idx.data(), ones.data(), static_cast<CoinBigIndex>(k_));
    matrix.setDimensions(1, static_cast<int>(cols));
    const double p = pb.p - open_for_good;
    lp_.loadProblem(matrix, col_lo.data(), col_hi.data(), obj.data(), &p, &p);
    lp_.setLogLevel(0);
    lp_.messageHandler()->setLogLevel(0);
    ticks_ = std::make_unique<ClpTicks>(ticker);
    lp_.passInEventHandler(ticks_.get());
  }

  std::size_t clusters() const { return clusters_; }
  std::size_t columns() const { return k_; }  // site columns
  int site_of(std::size_t column) const { return site_of_[column]; }
  // The sites' values from the LP's column values.
  void expand(const double* x, std::vector<double>& y) const {
    y.assign(m_, 0.0);
    for (std::size_t j = 0; j < m_; ++j) {
      if (lo_[j] == 1) y[j] = 1;
    }
    for (std::size_t c = 0; c < k_; ++c) y[static_cast<std::size_t>(site_of_[c])] = x[c];
  }
  double scale() const { return scale_; }
  ClpSimplex& lp() { return lp_; }

  // Fixes a site column for good (root decisions). Its column stays (with fixed bounds): the cuts already
  // written use it.
  void fix(std::size_t column, bool open) {
    col_lo_fixed_.resize(k_, 0.0);
    col_hi_fixed_.resize(k_, 1.0);
    (open ? col_lo_fixed_[column] : col_hi_fixed_[column]) = open ? 1.0 : 0.0;
    lp_.setColumnLower(static_cast<int>(column), col_lo_fixed_[column]);
    lp_.setColumnUpper(static_cast<int>(column), col_hi_fixed_[column]);
  }
  double column_lo(std::size_t c) const { return c < col_lo_fixed_.size() ? col_lo_fixed_[c] : 0.0; }
  double column_hi(std::size_t c) const { return c < col_hi_fixed_.size() ? col_hi_fixed_[c] : 1.0; }

  // Client i's subproblem at y: the level D where the cumulative y along its list first reaches 1 (its radius if
  // never), and w·(D − Σ_{c<D} (D − c)·y) — the LP value of serving it. Appends its cut terms to coef_ when asked.
  double client_cut(std::size_t i, const double* y, bool build, double* rhs) {
    const double w = pb_.weight[i] / scale_;
    if (w == 0) return 0;
    double level = lists_.radius[i];
    double sum = 0;
    for (std::size_t t = lists_.begin[i]; t < lists_.begin[i + 1]; ++t) {
      sum += y[lists_.site[t]];
      if (sum >= 1 - 1e-9) {
        level = lists_.minutes[t];
        break;
      }
    }
    double value = w * level;
    double constant = w * level;
    for (std::size_t t = lists_.begin[i]; t < lists_.begin[i + 1] && lists_.minutes[t] < level; ++t) {
      const auto j = static_cast<std::size_t>(lists_.site[t]);
      const double a = w * (level - lists_.minutes[t]);
      value -= a * y[j];
      if (!build || hi_[j] == 0) continue;  // closed for good: the term is 0
      if (lo_[j] == 1) {
        constant -= a;  // open for good: folded into the constant
        continue;
      }
      if (coef_[j] == 0) touched_.push_back(static_cast<int>(j));
      coef_[j] += a;
    }
    *rhs += constant;
    return value;
  }

  // The cut of cluster c from the terms gathered in coef_ (cleared on the way).
  Cut take_cut(std::size_t c, double rhs) {
    Cut cut;
    cut.cluster = static_cast<int>(c);
    cut.rhs = rhs;
    std::sort(touched_.begin(), touched_.end());
    for (const int j : touched_) {
      const double a = coef_[static_cast<std::size_t>(j)];
      coef_[static_cast<std::size_t>(j)] = 0;
      if (a > 1e-12) {
        cut.index.push_back(col_of_[static_cast<std::size_t>(j)]);
        cut.value.push_back(a);
      }
    }
    touched_.clear();
    return cut;
  }

  // Separates at y: per cluster, its subproblem value; a cut where it exceeds theta[c] (all when theta is null).
  // Returns Σ values (the LP objective of y, scaled) through *total.
  std::vector<Cut> separate(const double* y, const double* theta, double* total) {
    std::vector<Cut> cuts;
    *total = 0;
    for (std::size_t c = 0; c < clusters_; ++c) {
      const std::size_t first = c * cluster_size_;
      const std::size_t last = std::min(n_, first + cluster_size_);
      double value = 0;
      double rhs = 0;
      for (std::size_t i = first; i < last; ++i) value += client_cut(i, y, false, &rhs);
      *total += value;
      if (theta != nullptr && value <= theta[c] + 1e-9 * (1 + std::abs(value)) + 1e-9) continue;
      rhs = 0;
      for (std::size_t i = first; i < last; ++i) client_cut(i, y, true, &rhs);
      Cut cut = take_cut(c, rhs);
      if (cut.rhs > 1e-12) cuts.push_back(std::move(cut));
    }
    return cuts;
  }

  // Cluster cuts from Lagrangian multipliers: θ_i >= λ_i − Σ_j max(0, λ_i − w_i c_ij)·y_j for λ_i in [0, w_i r_i].
  std::vector<Cut> lagrangian_cuts(const std::vector<double>& lambda) {
    std::vector<Cut> cuts;
    for (std::size_t c = 0; c < clusters_; ++c) {
      const std::size_t first = c * cluster_size_;
      const std::size_t last = std::min(n_, first + cluster_size_);
      double rhs = 0;
      for (std::size_t i = first; i < last; ++i) {
        const double w = pb_.weight[i] / scale_;
        const double l = std::clamp(lambda[i] / scale_, 0.0, w * lists_.radius[i]);
        if (!(l > 0)) continue;
        double constant = l;
        for (std::size_t t = lists_.begin[i]; t < lists_.begin[i + 1]; ++t) {
          const double a = l - w * lists_.minutes[t];
          if (a <= 0) break;
          const auto j = static_cast<std::size_t>(lists_.site[t]);
          if (hi_[j] == 0) continue;
          if (lo_[j] == 1) {
            constant -= a;
            continue;
          }
          if (coef_[j] == 0) touched_.push_back(static_cast<int>(j));
          coef_[j] += a;
        }
        rhs += constant;
      }
      Cut cut = take_cut(c, rhs);
      if (cut.rhs > 1e-12) cuts.push_back(std::move(cut));
    }
    return cuts;
  }

  void add(const std::vector<Cut>& cuts) {
    if (cuts.empty()) return;
    std::vector<double> lower;
    std::vector<double> upper;
    std::vector<CoinBigIndex> starts{0};
    std::vector<int> columns;
    std::vector<double> elements;
    for (const Cut& cut : cuts) {
      lower.push_back(cut.rhs);
      upper.push_back(COIN_DBL_MAX);
      columns.push_back(static_cast<int>(k_) + cut.cluster);
      elements.push_back(1.0);
      columns.insert(columns.end(), cut.index.begin(), cut.index.end());
      elements.insert(elements.end(), cut.value.begin(), cut.value.end());
      starts.push_back(static_cast<CoinBigIndex>(columns.size()));
    }
    lp_.addRows(static_cast<int>(cuts.size()), lower.data(), upper.data(), starts.data(), columns.data(),
                elements.data());
    added_ += static_cast<int>(cuts.size());
  }
  int added() const { return added_; }

  // Drops the cuts that have been slack: the master stays small enough to re-solve quickly at every node.
  void purge(std::size_t keep_at_least) {
    const int rows = lp_.numberRows();
    if (static_cast<std::size_t>(rows) <= keep_at_least) return;
    const double* activity = lp_.primalRowSolution();
    const double* lower = lp_.rowLower();
    std::vector<int> drop;
    for (int r = 1; r < rows; ++r) {
      if (lp_.getRowStatus(r) == ClpSimplex::basic && activity[r] > lower[r] + 1e-6 * (1 + std::abs(lower[r]))) {
        drop.push_back(r);
      }
    }
    if (!drop.empty()) lp_.deleteRows(static_cast<int>(drop.size()), drop.data());
  }

  // Solves the master from its current basis; true when optimal.
  bool solve(Clock::time_point deadline) {
    const double left = std::chrono::duration<double>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    lp_.setMaximumSeconds(left);
    lp_.setMaximumWallSeconds(left);
    if (first_) {
      // The first master from scratch: Clp's own choice (presolve, then the simplex it picks) is far quicker than the
      // dual simplex from the slack basis here; later solves restart from the basis.
      first_ = false;
      lp_.initialSolve();
    } else {
      lp_.dual(0);
    }
    return lp_.status() == 0;
  }

 private:
  const BendersProblem& pb_;
  const NeighbourLists& lists_;
  std::size_t n_, m_;
  std::size_t cluster_size_ = 1;
  std::size_t clusters_ = 0;
  double scale_ = 1;
  std::vector<double> lo_, hi_;  // per site: bounds fixed for good by state
  std::vector<int> col_of_;      // per site: its column, -1 when fixed by state
  std::vector<int> site_of_;     // per column: its site
  std::size_t k_ = 0;
  std::vector<double> col_lo_fixed_, col_hi_fixed_;  // per column, after reduced-cost fixing
  std::vector<double> coef_;
  std::vector<int> touched_;
  ClpSimplex lp_;
  std::unique_ptr<ClpTicks> ticks_;
  int added_ = 0;
  bool first_ = true;
};

struct Node {
  std::vector<std::pair<int, char>> branch;  // (site, 0 or 1) from the root
  double parent_bound = 0;                   // in the objective's units
};

bool integral_point(const double* y, std::size_t m) {
  for (std::size_t j = 0; j < m; ++j) {
    if (y[j] > 1e-6 && y[j] < 1 - 1e-6) return false;
  }
  return true;
}

}  // namespace

BendersResult branch_and_benders(const BendersProblem& pb, const std::vector<int>& incumbent, double incumbent_value,
                                 const BendersOptions& options) {
  const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                           std::chrono::duration<double>(std::max(0.0, options.time_limit_s)));
  BendersResult out;
  const std::function<void()> tick =
      options.tick ? std::function<void()>([&out, &options] { options.tick(out); }) : std::function<void()>();
  Ticker ticker(tick);
  out.open = incumbent;
  std::sort(out.open.begin(), out.open.end());
  out.value = incumbent_value;
  out.bound = -kInf;
  const auto m = static_cast<std::size_t>(pb.sites);
  Master master(pb, options, &ticker);
  const double scale = master.scale();
  const std::size_t clusters = master.clusters();
  const std::size_t k = master.columns();
  out.free_sites = static_cast<int>(k);
  // A node whose bound exceeds `prune` holds nothing better than the incumbent (integral objectives: nothing at
  // least one unit better); the margin covers Clp's tolerances.
  const auto prune_level = [&] {
    const double margin = 1e-7 * (1 + std::abs(out.value));
    return pb.integral ? out.value - 1 + margin : out.value - margin;
  };
  double unresolved = kInf;  // least list objective of integral nodes the truncated lists leave open

  // The first cuts: the Lagrangian multipliers' (the master then starts at their bound) and the incumbent's.
  if (!options.lambda.empty()) master.add(master.lagrangian_cuts(options.lambda));
  std::vector<double> y_in(m, 0.0);
  for (const int j : incumbent) y_in[static_cast<std::size_t>(j)] = 1;
  double total = 0;
  master.add(master.separate(y_in.data(), nullptr, &total));

  // Root: cutting planes with in-out stabilisation. y_*: per site; x: the LP's columns (free sites, then θ).
  std::vector<double> y_out;
  std::vector<double> y_sep(m);
  double lp_upper = total * scale;  // LP objective of a feasible point: the LP optimum is at most this
  bool root_done = false;
  bool stopped = false;
  double root_lb = -kInf;
  constexpr double kAlpha = 0.5;
  while (true) {
    ticker.poll();
    ticker.rethrow();
    if (!master.solve(deadline)) {
      stopped = true;
      break;
    }
    ++out.rounds;
    if (out.rounds % 10 == 0) master.purge(4 * clusters);
    const double lb = master.lp().objectiveValue() * scale;
    root_lb = std::max(root_lb, lb);
    out.root_bound = root_lb;
    if (lb > prune_level()) {
      root_done = true;
      break;
    }
    const double* x = master.lp().primalColumnSolution();
    const double* theta = x + k;
    master.expand(x, y_out);
    for (std::size_t j = 0; j < m; ++j) y_sep[j] = kAlpha * y_in[j] + (1 - kAlpha) * y_out[j];
    std::vector<Cut> cuts = master.separate(y_sep.data(), nullptr, &total);
    lp_upper = std::min(lp_upper, total * scale);
    // Keep the cuts that cut off the master's point; none: the core point moves and the master's point itself is
    // separated.
    std::vector<Cut> useful;
    for (Cut& cut : cuts) {
      double lhs = theta[cut.cluster];
      for (std::size_t t = 0; t < cut.index.size(); ++t) lhs += cut.value[t] * x[cut.index[t]];
      if (lhs < cut.rhs - 1e-9 * (1 + std::abs(cut.rhs))) useful.push_back(std::move(cut));
    }
    if (useful.empty()) {
      y_in = y_sep;
      useful = master.separate(y_out.data(), theta, &total);
      lp_upper = std::min(lp_upper, total * scale);
      if (useful.empty()) {
        root_done = true;
        out.root_solved = true;
        break;
      }
    } else {
      for (std::size_t j = 0; j < m; ++j) y_in[j] = 0.5 * (y_in[j] + y_sep[j]);
    }
    if (lp_upper - lb <= 1e-9 * (1 + std::abs(lb))) {
      root_done = true;
      out.root_solved = true;
      break;
    }
    master.add(useful);
  }
  out.root_bound = root_lb;
  out.bound = std::min(out.value, root_lb);
  out.cuts = master.added();
  if (stopped || !root_done) return out;
  if (root_lb > prune_level()) {
    out.complete = true;
    out.bound = out.value;
    return out;
  }

  // Reduced-cost fixing at the root (valid for the master, a relaxation): moving a column off its bound costs at
  // least |d| per unit.
  {
    const double* x = master.lp().primalColumnSolution();
    const double* d = master.lp().dualColumnSolution();
    const double lb = master.lp().objectiveValue() * scale;
    for (std::size_t c = 0; c < k; ++c) {
      const double dc = d[c] * scale;
      if (x[c] <= 1e-9 && lb + dc > prune_level()) {
        master.fix(c, false);
        ++out.fixed_by_reduced_cost;
      } else if (x[c] >= 1 - 1e-9 && lb - dc > prune_level()) {
        master.fix(c, true);
        ++out.fixed_by_reduced_cost;
      }
    }
  }

  // Depth first; the up branch first (it reaches integral points soonest). Branches are on columns.
  std::vector<Node> stack;
  stack.push_back(Node{{}, root_lb});
  std::vector<int> applied;  // columns whose bounds the current node changed
  double open_bound = kInf;  // least bound of the nodes left when the time runs out
  ClpSimplex& lp = master.lp();
  while (!stack.empty()) {
    ticker.poll();
    ticker.rethrow();
    Node node = std::move(stack.back());
    stack.pop_back();
    if (node.parent_bound > prune_level()) continue;
    if (Clock::now() >= deadline) {
      open_bound = std::min(open_bound, node.parent_bound);
      stopped = true;
      break;
    }
    for (const int c : applied) {
      lp.setColumnLower(c, master.column_lo(static_cast<std::size_t>(c)));
      lp.setColumnUpper(c, master.column_hi(static_cast<std::size_t>(c)));
    }
    applied.clear();
    bool infeasible = false;
    for (const auto& [c, v] : node.branch) {
      const auto sc = static_cast<std::size_t>(c);
      if ((v == 1 && master.column_hi(sc) == 0) || (v == 0 && master.column_lo(sc) == 1)) infeasible = true;
      lp.setColumnLower(c, v);
      lp.setColumnUpper(c, v);
      applied.push_back(c);
    }
    if (infeasible) continue;
    ++out.nodes;
    double lb = node.parent_bound;
    bool clean = false;  // no cut violated at the node's LP point
    bool solved = false;
    for (int round = 0; round < 50; ++round) {
      if (!master.solve(deadline)) break;
      solved = true;
      if (out.nodes % 64 == 0 && round == 0) master.purge(4 * clusters);
      lb = std::max(lb, lp.objectiveValue() * scale);
      if (lb > prune_level()) break;
      const double* x = lp.primalColumnSolution();
      master.expand(x, y_out);
      std::vector<Cut> cuts = master.separate(y_out.data(), x + k, &total);
      if (cuts.empty()) {
        clean = true;
        break;
      }
      master.add(cuts);
    }
    if (!solved) {
      if (lp.status() == 1 && Clock::now() < deadline) continue;  // infeasible: no p-set within these bounds
      open_bound = std::min(open_bound, node.parent_bound);
      stopped = true;
      break;
    }
    if (lb > prune_level()) continue;
    const double* x = lp.primalColumnSolution();
    if (clean && integral_point(x, k)) {
      // θ equals the list objective here: a solution of value lb (in list terms).
      std::vector<int> open;
      for (std::size_t j = 0; j < m; ++j) {
        if (y_out[j] > 0.5) open.push_back(static_cast<int>(j));
      }
      const double exact = options.evaluate ? options.evaluate(open) : total * scale;
      if (exact < out.value) {
        out.value = exact;
        out.open = open;
        out.improved = true;
      }
      // Truncated lists: the list objective underrates this node's other solutions' costs too, so the node is not
      // settled unless the true value shows nothing better can be in it.
      if (exact > total * scale + 1e-9 * (1 + std::abs(exact)) && total * scale <= prune_level()) {
        unresolved = std::min(unresolved, total * scale);
      }
      continue;
    }
    // Branch on the fractional column nearest to open.
    std::size_t pick = k;
    for (std::size_t c = 0; c < k; ++c) {
      if (x[c] > 1e-6 && x[c] < 1 - 1e-6 && (pick == k || x[c] > x[pick])) pick = c;
    }
    if (pick == k) {
      // Integral but cuts still violated after the rounds: no branch left to take, keep its bound open.
      unresolved = std::min(unresolved, lb);
      continue;
    }
    Node down{node.branch, lb};
    down.branch.emplace_back(static_cast<int>(pick), 0);
    Node up{std::move(node.branch), lb};
    up.branch.emplace_back(static_cast<int>(pick), 1);
    stack.push_back(std::move(down));
    stack.push_back(std::move(up));
  }
  for (const Node& node : stack) open_bound = std::min(open_bound, node.parent_bound);
  out.cuts = master.added();
  out.complete = !stopped && unresolved == kInf;
  out.bound = std::min({out.value, open_bound, unresolved});
  if (out.complete) out.bound = out.value;
  // Nothing left open below the incumbent's level counts as proven too (integral objectives).
  if (!out.complete && out.bound > prune_level()) {
    out.complete = true;
    out.bound = out.value;
  }
  out.bound = std::max(out.bound, std::min(root_lb, out.value));
  return out;
}

}  // namespace tc::siting::detail
