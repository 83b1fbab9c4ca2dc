// Premises conformity (conformité des locaux): whether a town's premises meet the call for projects' minimum to
// host a telecentre, criterion by criterion, so that the council can tell the town what is missing.
#pragma once

#include <string>
#include <vector>

#include "domain/centre.h"

namespace tc::domain {

// The part of a ruleset that judges premises; the broadband threshold moved with the times (2 Mbit/s in 2006).
struct ConformityRules {
  std::string ruleset;  // the ruleset's name, e.g. "DIACT-2006"
  double min_broadband_mbps = 2;
  bool require_step_free = true;
  bool require_accessibility_register = true;
};

struct Criterion {
  std::string code;  // stable: "offices", "reception", "copier", "fax", "broadband", "step_free", "erp_register"
  bool passed = false;
  std::string message_fr;  // what was found, e.g. "Aucun accueil : ni secrétariat ni animateur"
  std::string message_en;
};

struct ConformityResult {
  std::string ruleset;
  std::vector<Criterion> criteria;  // always every criterion, in the call's order
  bool conforming() const;
  std::vector<const Criterion*> failed() const;
};

ConformityResult evaluate_conformity(const Centre& c, const ConformityRules& rules);

}  // namespace tc::domain
