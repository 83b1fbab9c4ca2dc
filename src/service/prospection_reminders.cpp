// The reminder of overdue next actions in the prospection (service/prospection.h).
#include <algorithm>
#include <map>

#include "service/prospection.h"

namespace tc::service {

namespace {

constexpr std::string_view kLastSent = "prospection.overdue_reminded_on";

std::string french_date(domain::Date d) {
  static constexpr const char* kMonths[] = {"janvier", "février", "mars",      "avril",   "mai",      "juin",
                                            "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
  return (d.day == 1 ? std::string("1er") : std::to_string(d.day)) + " " + kMonths[d.month - 1] + " " +
         std::to_string(d.year);
}

bool prospects(const store::PersonRecord& p) {
  return std::any_of(p.roles.begin(), p.roles.end(),
                     [](const std::string& r) { return r == "animator" || r == "admin"; });
}

}  // namespace

int Prospection::send_overdue_reminders(const std::string& public_url) {
  const domain::Date day = today();
  auto tx = store_.begin(store::Access::Write);
  if (tx->settings().get(kLastSent) == day.iso()) return 0;
  // Whoever moved a company last follows it: the reminder goes to them, while they still prospect.
  std::map<domain::PersonId, std::vector<domain::Company>> by_person;
  for (auto& c : tx->companies().all()) {
    if (!c.overdue(day)) continue;
    domain::PersonId who = 0;
    for (const auto& h : c.history)
      if (h.by > 0) who = h.by;
    if (who > 0) by_person[who].push_back(std::move(c));
  }
  const std::string now = clock_().iso();
  int sent = 0;
  for (const auto& [who, companies] : by_person) {
    const auto person = tx->people().find(who);
    if (!person || person->email.empty() || !prospects(*person)) continue;
    std::string body = "Bonjour,\n\nDans la prospection des entreprises nationales, ";
    body += companies.size() == 1 ? std::string("une action prévue est en retard :\n\n")
                                  : std::to_string(companies.size()) + " actions prévues sont en retard :\n\n";
    for (const auto& c : companies) {
      const long late = day.days_since_epoch() - c.next_action_on->days_since_epoch();
      body += "- " + c.name + " : " + (c.next_action.empty() ? std::string("action à préciser") : c.next_action) +
              ", prévue le " + french_date(*c.next_action_on) + " (en retard de " + std::to_string(late) +
              (late == 1 ? " jour" : " jours") + ")\n  " + public_url + "/admin/prospection/" + std::to_string(c.id) +
              "\n";
    }
    body += "\nLe suivi complet : " + public_url + "/admin/prospection\n\n— Le réseau des télécentres du Cantal\n";
    tx->outbox().enqueue(person->email,
                         companies.size() == 1
                             ? "Prospection : une action en retard"
                             : "Prospection : " + std::to_string(companies.size()) + " actions en retard",
                         body, now);
    ++sent;
  }
  tx->settings().put(kLastSent, day.iso());
  tx->commit();
  return sent;
}

}  // namespace tc::service
