#include "service/demo_communication.h"

namespace tc::service {

using namespace tc::domain;

std::vector<CommAction> add_demo_communication(store::Transaction& tx, const std::vector<Centre>& centres) {
  struct Row {
    const char* title;
    Axis axis;
    Channel channel;
    Date date;
    Cents cost;
    int reach, contacts;
    const char* description;
    const char* centre;  // INSEE code of the centre's commune, or empty
  };
  static const Row kRows[] = {
      {"Réunion de lancement du réseau",
       Axis::Inform,
       Channel::Meeting,
       {2025, 9, 10},
       20000,
       80,
       30,
       "Présentation des télécentres aux élus, aux entreprises et aux demandeurs d'emploi.",
       ""},
      {"Réunion d'information au télécentre de Murat",
       Axis::Inform,
       Channel::Meeting,
       {2026, 2, 12},
       15000,
       45,
       18,
       "Visite des bureaux et questions sur le télétravail.",
       "15138"},
      {"Article « Travailler au pays » dans la presse locale",
       Axis::Inform,
       Channel::Press,
       {2026, 3, 5},
       0,
       12000,
       25,
       "Un article sur les premiers télétravailleurs du réseau.",
       ""},
      {"Affiches dans les mairies et les gares",
       Axis::Inform,
       Channel::Poster,
       {2026, 3, 20},
       85000,
       3000,
       6,
       "Deux cents affiches A3.",
       ""},
      {"Stand au salon « Vivre et travailler à la campagne »",
       Axis::Attract,
       Channel::Fair,
       {2026, 4, 10},
       240000,
       900,
       60,
       "Un stand partagé avec le département.",
       ""},
      {"Film « Télétravailler dans le Cantal »",
       Axis::Attract,
       Channel::Film,
       {2026, 6, 1},
       450000,
       8000,
       30,
       "Un film de quatre minutes diffusé en ligne et sur les salons.",
       ""},
      {"Campagne sur les réseaux sociaux",
       Axis::Attract,
       Channel::SocialMedia,
       {2026, 9, 15},
       60000,
       25000,
       80,
       "Trois semaines de publications sponsorisées.",
       ""},
      {"Colloque « Le télétravail en zone rurale »",
       Axis::Attract,
       Channel::Colloquium,
       {2026, 10, 8},
       180000,
       220,
       40,
       "Une journée avec des entreprises nationales et des élus.",
       "15014"},
  };
  std::vector<CommAction> out;
  for (const Row& r : kRows) {
    CommAction a;
    a.title = r.title;
    a.axis = r.axis;
    a.channel = r.channel;
    a.date = r.date;
    a.cost = r.cost;
    a.reach = r.reach;
    a.contacts = r.contacts;
    a.description = r.description;
    for (const auto& c : centres)
      if (*r.centre != '\0' && c.commune_insee == r.centre) a.centre = c.id;
    a.created_at = "2025-09-01T08:00:00Z";
    a.id = tx.communication().insert(a);
    out.push_back(std::move(a));
  }
  return out;
}

std::optional<CommActionId> demo_action_cited(const std::vector<CommAction>& actions, Channel channel, Date submitted) {
  std::optional<CommActionId> out;
  for (const auto& a : actions)
    if (a.channel == channel && a.date <= submitted) out = a.id;  // actions come by date
  return out;
}

}  // namespace tc::service
