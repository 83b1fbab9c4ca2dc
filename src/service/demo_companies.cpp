#include "service/demo_companies.h"

#include <stdexcept>
#include <string>

namespace tc::service {

namespace {

using domain::Date;
using domain::Stage;

struct DemoCompany {
  const char* name;
  const char* siren;  // invented, with a valid key
  const char* sector;
  int employees;
  int potential_jobs;
  int jobs_relocated;
  const char* contact;
  const char* role;
  const char* email;
  std::vector<const char*> targets;          // INSEE codes of the centres' communes
  std::vector<std::pair<Stage, Date>> path;  // the moves after identification, in order
  const char* next_action;
  std::optional<Date> next_action_on;
  const char* lost_reason;
};

// A SIREN of 8 digits completed with its Luhn key.
std::string with_key(const std::string& eight) {
  for (char k = '0'; k <= '9'; ++k) {
    std::string s = eight + k;
    if (domain::valid_siren(s)) return s;
  }
  throw std::logic_error("SIREN de démonstration sans clé");
}

}  // namespace

void add_demo_companies(store::Transaction& tx, const std::vector<domain::Centre>& centres, domain::PersonId animator,
                        Date today, bool one_overdue) {
  const std::vector<DemoCompany> companies = {
      {"Assurances Mutuelles du Plateau",
       "10000001",
       "Assurance",
       4200,
       25,
       0,
       "Hélène Vidal",
       "Directrice des ressources humaines",
       "h.vidal@amp.example",
       {"15187", "15138"},
       {{Stage::Contacted, Date{2026, 3, 2}}, {Stage::Meeting, Date{2026, 4, 14}}, {Stage::Proposal, Date{2026, 6, 9}}},
       "Présenter la proposition au comité de direction",
       today.plus_days(47),
       ""},
      {"Banque Régionale des Volcans",
       "10000002",
       "Banque",
       2600,
       12,
       0,
       "Marc Delmas",
       "Responsable immobilier",
       "m.delmas@brv.example",
       {"15014"},
       {{Stage::Contacted, Date{2026, 9, 21}}},
       "Relancer pour fixer un rendez-vous",
       today.plus_days(one_overdue ? -6 : 12),
       ""},
      {"Énergies Réseaux de France",
       "10000003",
       "Énergie",
       15000,
       40,
       0,
       "Sophie Bonnet",
       "Chargée du télétravail",
       "s.bonnet@erf.example",
       {"15014", "15187", "15120"},
       {{Stage::Contacted, Date{2026, 5, 5}}, {Stage::Meeting, Date{2026, 10, 8}}},
       "Visite du télécentre d'Aurillac avec l'équipe",
       today.plus_days(69),
       ""},
      {"Informatique Services Associés",
       "10000004",
       "Services informatiques",
       900,
       8,
       3,
       "Julien Roux",
       "Directeur des opérations",
       "j.roux@isa.example",
       {"15187"},
       {{Stage::Contacted, Date{2026, 1, 20}},
        {Stage::Meeting, Date{2026, 2, 17}},
        {Stage::Proposal, Date{2026, 3, 24}},
        {Stage::AgreementSigned, Date{2026, 5, 12}},
        {Stage::JobsRelocated, Date{2026, 9, 1}}},
       "",
       std::nullopt,
       ""},
      {"Télécom Horizon",
       "10000005",
       "Télécommunications",
       7800,
       20,
       0,
       "Nadia Ferrand",
       "Directrice régionale",
       "n.ferrand@horizon.example",
       {"15138"},
       {{Stage::Contacted, Date{2026, 2, 2}}, {Stage::Lost, Date{2026, 6, 30}}},
       "",
       std::nullopt,
       "Réorganisation interne : aucun poste délocalisé avant 2028"},
      {"Transports et Logistique du Centre",
       "10000006",
       "Logistique",
       3100,
       10,
       0,
       "",
       "",
       "",
       {},
       {},
       "Trouver le bon interlocuteur",
       today.plus_days(40),
       ""},
  };
  for (const auto& d : companies) {
    domain::Company c;
    c.name = d.name;
    c.siren = with_key(d.siren);
    c.sector = d.sector;
    c.employees = d.employees;
    c.partner = "Réseau national des télécentres";
    c.potential_jobs = d.potential_jobs;
    c.jobs_relocated = d.jobs_relocated;
    if (*d.contact) c.contacts.push_back({d.contact, d.role, d.email, ""});
    for (const char* insee : d.targets)
      for (const auto& centre : centres)
        if (centre.commune_insee == insee) c.target_centres.push_back(centre.id);
    c.stage = d.path.empty() ? Stage::Identified : d.path.back().first;
    c.lost_reason = d.lost_reason;
    c.next_action = d.next_action;
    c.next_action_on = d.next_action_on;
    c.created_at = "2026-01-05T08:00:00Z";
    if (auto problems = domain::validate(c); !problems.empty())
      throw std::logic_error("entreprise de démonstration invalide « " + c.name +
                             " » : " + problems.front().message_fr);
    c.id = tx.companies().insert(c);
    tx.companies().add_stage_change(c.id, {Stage::Identified, Stage::Identified, Date{2026, 1, 12},
                                           "Repérée avec le réseau national des télécentres", animator});
    Stage from = Stage::Identified;
    for (const auto& [to, on] : d.path) {
      tx.companies().add_stage_change(c.id, {from, to, on, "", animator});
      from = to;
    }
  }
}

}  // namespace tc::service
