#include "domain/conformity.h"

#include <cmath>
#include <sstream>

namespace tc::domain {

namespace {

// "2", "30", "0,5": Mbit/s as the French write them.
std::string mbps_fr(double v) {
  std::ostringstream out;
  out << v;
  std::string s = out.str();
  for (char& ch : s)
    if (ch == '.') ch = ',';
  return s;
}

std::string mbps_en(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

Criterion offices(const Centre& c) {
  const auto n = static_cast<int>(c.offices.size());
  const int posts = c.post_count();
  if (n < 1)
    return {"offices", false, "Aucun bureau disponible (il en faut de 1 à 4).", "No office available (1 to 4 needed)."};
  if (n > 4)
    return {"offices", false, std::to_string(n) + " bureaux : l'appel à projets en prévoit de 1 à 4.",
            std::to_string(n) + " offices: the call provides for 1 to 4."};
  return {"offices", true,
          std::to_string(n) + (n == 1 ? " bureau disponible" : " bureaux disponibles") + " (" + std::to_string(posts) +
              (posts == 1 ? " poste)." : " postes)."),
          std::to_string(n) + (n == 1 ? " office available" : " offices available") + " (" + std::to_string(posts) +
              (posts == 1 ? " post)." : " posts).")};
}

Criterion reception(const Centre& c) {
  switch (c.services.reception) {
    case Reception::Secretariat:
      return {"reception", true, "Accueil assuré par un secrétariat.", "Reception by a secretariat."};
    case Reception::Animator:
      return {"reception", true, "Accueil assuré par un animateur présent.", "Reception by an animator on site."};
    case Reception::None: break;
  }
  return {"reception", false, "Aucun accueil : ni secrétariat ni animateur.",
          "No reception: neither a secretariat nor an animator."};
}

Criterion broadband(const Centre& c, const ConformityRules& r) {
  const double down = c.services.broadband_down_mbps;
  const std::string need_fr = mbps_fr(r.min_broadband_mbps) + " Mbit/s";
  const std::string need_en = mbps_en(r.min_broadband_mbps) + " Mbit/s";
  if (down <= 0)
    return {"broadband", false, "Aucune connexion Internet haut débit (il faut au moins " + need_fr + ").",
            "No high-speed Internet connection (at least " + need_en + " needed)."};
  if (down < r.min_broadband_mbps)
    return {"broadband", false,
            "Débit insuffisant : " + mbps_fr(down) + " Mbit/s pour " + need_fr + " exigés (" + r.ruleset + ").",
            "Bandwidth too low: " + mbps_en(down) + " Mbit/s where " + need_en + " is required (" + r.ruleset + ")."};
  return {"broadband", true, "Haut débit : " + mbps_fr(down) + " Mbit/s (au moins " + need_fr + ").",
          "High-speed Internet: " + mbps_en(down) + " Mbit/s (at least " + need_en + ")."};
}

}  // namespace

bool ConformityResult::conforming() const {
  for (const auto& c : criteria)
    if (!c.passed) return false;
  return true;
}

std::vector<const Criterion*> ConformityResult::failed() const {
  std::vector<const Criterion*> out;
  for (const auto& c : criteria)
    if (!c.passed) out.push_back(&c);
  return out;
}

ConformityResult evaluate_conformity(const Centre& c, const ConformityRules& rules) {
  ConformityResult r;
  r.ruleset = rules.ruleset;
  r.criteria.push_back(offices(c));
  r.criteria.push_back(reception(c));
  r.criteria.push_back(
      c.services.copier
          ? Criterion{"copier", true, "Matériel de reprographie disponible.", "Copying equipment available."}
          : Criterion{"copier", false, "Aucun matériel de reprographie.", "No copying equipment."});
  r.criteria.push_back(c.services.fax ? Criterion{"fax", true, "Télécopieur disponible.", "Fax available."}
                                      : Criterion{"fax", false, "Aucun télécopieur.", "No fax."});
  r.criteria.push_back(broadband(c, rules));
  if (rules.require_step_free)
    r.criteria.push_back(
        c.accessibility.step_free
            ? Criterion{"step_free", true, "Accès de plain-pied ou adapté aux fauteuils roulants.", "Step-free access."}
            : Criterion{"step_free", false, "L'accès n'est pas de plain-pied (marches, pas de rampe ni d'ascenseur).",
                        "Access is not step-free (steps, no ramp or lift)."});
  if (rules.require_accessibility_register)
    r.criteria.push_back(!c.accessibility.register_url.empty()
                             ? Criterion{"erp_register", true, "Registre public d'accessibilité de l'ERP présent.",
                                         "The ERP's public accessibility register is present."}
                             : Criterion{"erp_register", false, "Registre public d'accessibilité de l'ERP absent.",
                                         "The ERP's public accessibility register is missing."});
  return r;
}

}  // namespace tc::domain
