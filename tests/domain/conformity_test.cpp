#include "domain/conformity.h"

#include <gtest/gtest.h>

#include <functional>
#include <stdexcept>

#include "domain/grant.h"

namespace tc::domain {
namespace {

ConformityRules diact() {
  ConformityRules r;
  r.ruleset = "DIACT-2006";
  r.min_broadband_mbps = 2;
  return r;
}

ConformityRules current() {
  ConformityRules r;
  r.ruleset = "FRR-2025";
  r.min_broadband_mbps = 30;
  return r;
}

// Premises meeting every criterion of the 2006 call, and no more.
Centre conforming_premises() {
  Centre c;
  c.name = "Télécentre de Murat";
  c.offices = {{1, "Bureau 1", {{11, "Poste 1"}, {12, "Poste 2"}}}, {2, "Bureau 2", {{21, "Poste 3"}}}};
  c.services.reception = Reception::Secretariat;
  c.services.copier = true;
  c.services.fax = true;
  c.services.broadband_down_mbps = 2;
  c.accessibility.step_free = true;
  c.accessibility.register_url = "https://murat.example/registre-accessibilite.pdf";
  return c;
}

std::vector<std::string> codes(const ConformityResult& r) {
  std::vector<std::string> out;
  for (const auto& c : r.criteria) out.push_back(c.code);
  return out;
}

const Criterion& criterion(const ConformityResult& r, const std::string& code) {
  for (const auto& c : r.criteria)
    if (c.code == code) return c;
  throw std::runtime_error("no criterion " + code);
}

TEST(ConformityTest, ConformingPremisesPassEveryCriterionInTheCallsOrder) {
  const auto r = evaluate_conformity(conforming_premises(), diact());
  EXPECT_EQ(r.ruleset, "DIACT-2006");
  EXPECT_EQ(codes(r), (std::vector<std::string>{"offices", "reception", "copier", "fax", "broadband", "step_free",
                                                "erp_register"}));
  EXPECT_TRUE(r.conforming());
  EXPECT_TRUE(r.failed().empty());
  for (const auto& c : r.criteria) {
    EXPECT_TRUE(c.passed) << c.code;
    EXPECT_FALSE(c.message_fr.empty()) << c.code;
    EXPECT_FALSE(c.message_en.empty()) << c.code;
  }
  EXPECT_EQ(criterion(r, "offices").message_fr, "2 bureaux disponibles (3 postes).");
  EXPECT_EQ(criterion(r, "reception").message_fr, "Accueil assuré par un secrétariat.");
  EXPECT_EQ(criterion(r, "broadband").message_fr, "Haut débit : 2 Mbit/s (au moins 2 Mbit/s).");
}

struct Breakage {
  std::string code;
  std::function<void(Centre&)> breaks;
};

TEST(ConformityTest, EachCriterionFailingAloneIsTheOnlyFailure) {
  const std::vector<Breakage> cases{
      {"offices", [](Centre& c) { c.offices.clear(); }},
      {"reception", [](Centre& c) { c.services.reception = Reception::None; }},
      {"copier", [](Centre& c) { c.services.copier = false; }},
      {"fax", [](Centre& c) { c.services.fax = false; }},
      {"broadband", [](Centre& c) { c.services.broadband_down_mbps = 1.5; }},
      {"step_free", [](Centre& c) { c.accessibility.step_free = false; }},
      {"erp_register", [](Centre& c) { c.accessibility.register_url.clear(); }},
  };
  for (const auto& b : cases) {
    SCOPED_TRACE(b.code);
    Centre c = conforming_premises();
    b.breaks(c);
    const auto r = evaluate_conformity(c, diact());
    EXPECT_FALSE(r.conforming());
    EXPECT_EQ(r.criteria.size(), 7u);  // every criterion is still listed
    const auto failed = r.failed();
    ASSERT_EQ(failed.size(), 1u);
    EXPECT_EQ(failed[0]->code, b.code);
    EXPECT_FALSE(failed[0]->passed);
    EXPECT_EQ(failed[0], &criterion(r, b.code));  // points into the result
  }
}

TEST(ConformityTest, NoReceptionIsExplainedInFrench) {
  Centre c = conforming_premises();
  c.services.reception = Reception::None;
  const Criterion k = criterion(evaluate_conformity(c, diact()), "reception");
  EXPECT_FALSE(k.passed);
  EXPECT_EQ(k.message_fr, "Aucun accueil : ni secrétariat ni animateur.");
  EXPECT_EQ(k.message_en, "No reception: neither a secretariat nor an animator.");
}

TEST(ConformityTest, AnAnimatorIsReceptionToo) {
  Centre c = conforming_premises();
  c.services.reception = Reception::Animator;
  const auto r = evaluate_conformity(c, diact());
  EXPECT_TRUE(r.conforming());
  EXPECT_EQ(criterion(r, "reception").message_fr, "Accueil assuré par un animateur présent.");
}

TEST(ConformityTest, OneToFourOffices) {
  Centre c = conforming_premises();
  c.offices = {{1, "Bureau 1", {{11, "Poste 1"}}}};
  auto k = criterion(evaluate_conformity(c, diact()), "offices");
  EXPECT_TRUE(k.passed);
  EXPECT_EQ(k.message_fr, "1 bureau disponible (1 poste).");
  EXPECT_EQ(k.message_en, "1 office available (1 post).");

  c.offices.assign(4, {0, "Bureau", {{0, "Poste"}}});
  k = criterion(evaluate_conformity(c, diact()), "offices");
  EXPECT_TRUE(k.passed);
  EXPECT_EQ(k.message_fr, "4 bureaux disponibles (4 postes).");

  c.offices.assign(5, {0, "Bureau", {{0, "Poste"}}});
  k = criterion(evaluate_conformity(c, diact()), "offices");
  EXPECT_FALSE(k.passed);
  EXPECT_EQ(k.message_fr, "5 bureaux : l'appel à projets en prévoit de 1 à 4.");

  c.offices.clear();
  k = criterion(evaluate_conformity(c, diact()), "offices");
  EXPECT_FALSE(k.passed);
  EXPECT_EQ(k.message_fr, "Aucun bureau disponible (il en faut de 1 à 4).");
}

TEST(ConformityTest, BroadbandThresholdIsTheRulesets) {
  Centre c = conforming_premises();
  c.services.broadband_down_mbps = 2;
  EXPECT_TRUE(criterion(evaluate_conformity(c, diact()), "broadband").passed);  // 2 Mbit/s was enough in 2006

  const auto now = evaluate_conformity(c, current());
  EXPECT_FALSE(now.conforming());
  const auto& k = criterion(now, "broadband");
  EXPECT_FALSE(k.passed);
  EXPECT_EQ(k.message_fr, "Débit insuffisant : 2 Mbit/s pour 30 Mbit/s exigés (FRR-2025).");
  EXPECT_EQ(k.message_en, "Bandwidth too low: 2 Mbit/s where 30 Mbit/s is required (FRR-2025).");

  c.services.broadband_down_mbps = 29.9;
  EXPECT_FALSE(criterion(evaluate_conformity(c, current()), "broadband").passed);
  c.services.broadband_down_mbps = 30;  // at least the threshold: exactly it passes
  EXPECT_TRUE(criterion(evaluate_conformity(c, current()), "broadband").passed);
  EXPECT_TRUE(evaluate_conformity(c, current()).conforming());
}

TEST(ConformityTest, BroadbandMessagesWriteDecimalsTheFrenchWay) {
  Centre c = conforming_premises();
  c.services.broadband_down_mbps = 1.5;
  const Criterion slow = criterion(evaluate_conformity(c, diact()), "broadband");
  EXPECT_FALSE(slow.passed);
  EXPECT_EQ(slow.message_fr, "Débit insuffisant : 1,5 Mbit/s pour 2 Mbit/s exigés (DIACT-2006).");
  EXPECT_EQ(slow.message_en, "Bandwidth too low: 1.5 Mbit/s where 2 Mbit/s is required (DIACT-2006).");

  c.services.broadband_down_mbps = 0;
  const Criterion none = criterion(evaluate_conformity(c, diact()), "broadband");
  EXPECT_FALSE(none.passed);
  EXPECT_EQ(none.message_fr, "Aucune connexion Internet haut débit (il faut au moins 2 Mbit/s).");
}

TEST(ConformityTest, EverythingMissingListsEveryFailure) {
  const auto r = evaluate_conformity(Centre{}, current());
  EXPECT_FALSE(r.conforming());
  EXPECT_EQ(r.failed().size(), 7u);
  EXPECT_EQ(r.criteria.size(), 7u);
}

TEST(ConformityTest, AccessibilityCriteriaCanBeWaivedByTheRuleset) {
  Centre c = conforming_premises();
  c.accessibility.step_free = false;
  c.accessibility.register_url.clear();
  ConformityRules lenient = diact();
  lenient.require_step_free = false;
  lenient.require_accessibility_register = false;
  const auto r = evaluate_conformity(c, lenient);
  EXPECT_TRUE(r.conforming());
  EXPECT_TRUE(r.failed().empty());
  EXPECT_EQ(evaluate_conformity(c, diact()).failed().size(), 2u);
}

TEST(ConformityTest, GrantRulesetCarriesItsThreshold) {
  const auto rules = diact_2006().conformity();
  EXPECT_EQ(rules.ruleset, "DIACT-2006");
  EXPECT_DOUBLE_EQ(rules.min_broadband_mbps, 2);
  EXPECT_TRUE(rules.require_step_free);
  EXPECT_TRUE(rules.require_accessibility_register);
  EXPECT_TRUE(evaluate_conformity(conforming_premises(), rules).conforming());

  GrantRuleset later = diact_2006();
  later.name = "FRR-2025";
  later.min_broadband_mbps = 30;
  EXPECT_FALSE(evaluate_conformity(conforming_premises(), later.conformity()).conforming());
}

}  // namespace
}  // namespace tc::domain
