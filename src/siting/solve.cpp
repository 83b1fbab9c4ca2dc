#include "siting/solve.h"

#include <algorithm>
#include <string>

#include "siting/covering.h"
#include "siting/errors.h"
#include "siting/mip.h"
#include "siting/pmedian.h"

namespace tc::siting {

namespace {

void check(const Instance& in, const Params& p) {
  if (in.clients <= 0 || in.sites <= 0)
    throw SitingError("L'instance n'a aucun point de demande ou aucun site candidat.");
  if (p.model != Model::Lscp) {
    const int fixed = static_cast<int>(in.fixed.size());
    if (p.p < std::max(1, fixed) || p.p > in.sites)
      throw SitingError("Le nombre de sites p doit aller de " + std::to_string(std::max(1, fixed)) +
                        " (sites déjà ouverts) à " + std::to_string(in.sites) + " (sites candidats) ; reçu " +
                        std::to_string(p.p) + ".");
  }
  if (p.model != Model::PMedian && !(p.within > 0))
    throw SitingError("Les modèles de couverture demandent un temps de trajet maximal (--within-min) positif.");
}

Solution heuristic(const Instance& in, const Params& p, const Progress& progress) {
  switch (p.model) {
    case Model::Lscp: return solve_lscp_heuristic(in, p, progress);
    case Model::Mclp: return solve_mclp_heuristic(in, p, progress);
    case Model::PMedian: return solve_pmedian_heuristic(in, p, progress);
  }
  return solve_pmedian_heuristic(in, p, progress);
}

bool better(Model m, const Solution& a, const Solution& b) {
  return m == Model::Mclp ? a.objective > b.objective + 1e-9 : a.objective < b.objective - 1e-9;
}

}  // namespace

Solution solve(const Instance& in, const Params& p, Method method, const Progress& progress) {
  check(in, p);
  const bool small = static_cast<long>(in.clients) * in.sites <= kExactPairs;
  if (method == Method::Heuristic || (method == Method::Auto && !small)) return heuristic(in, p, progress);
  // The heuristic first: a good incumbent in seconds, and a fallback if CBC's time runs out.
  Solution h = heuristic(in, p, progress);
  Solution e = solve_exact(in, p, progress);
  if (better(p.model, h, e)) {
    h.bound = p.model == Model::Mclp ? std::min(h.bound, e.bound) : std::max(h.bound, e.bound);
    h.seconds += e.seconds;
    h.solver += "+cbc (borne)";
    return h;
  }
  e.seconds += h.seconds;
  // The best proven bound of both.
  e.bound = p.model == Model::Mclp ? std::min(h.bound, e.bound) : std::max(h.bound, e.bound);
  return e;
}

std::vector<CurvePoint> curve(const Instance& in, const Params& p, int p_max) {
  const int top = std::min(p_max, in.sites);
  const int first = std::max(1, static_cast<int>(in.fixed.size()));
  std::vector<CurvePoint> out;
  out.reserve(static_cast<std::size_t>(std::max(0, top - first + 1)));
  if (p.within > 0) {
    const auto covered = coverage_curve(in, p.within, top, in.fixed);  // covered[k - 1] for k sites
    for (int k = first; k <= top && k <= static_cast<int>(covered.size()); ++k)
      out.push_back({k, covered[static_cast<std::size_t>(k - 1)]});
    return out;
  }
  Params q = p;
  q.model = Model::PMedian;
  for (int k = first; k <= top; ++k) {
    q.p = k;
    out.push_back({k, solve_pmedian_heuristic(in, q).objective});
  }
  return out;
}

}  // namespace tc::siting
