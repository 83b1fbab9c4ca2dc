#include "service/demo_people.h"

#include <set>

namespace tc::service {

namespace {

using domain::Category;
using domain::Date;

// The demo applicants of one category, by id: invented people of add_demo_applications.
std::vector<domain::PersonId> applicants_of(store::Transaction& tx, Category category) {
  store::ApplicationFilter f;
  f.category = category;
  f.limit = 100'000;
  std::set<domain::PersonId> ids;
  for (const auto& row : tx.applications().list(f)) ids.insert(row.application.person_id);
  return {ids.begin(), ids.end()};
}

}  // namespace

int add_demo_category_changes(store::Transaction& tx) {
  int changed = 0;
  const std::vector<domain::PersonId> job_seekers = applicants_of(tx, Category::JobSeeker);
  const Date dates[] = {Date{2026, 3, 16}, Date{2026, 9, 7}};
  for (std::size_t i = 0; i < job_seekers.size() && i < std::size(dates); ++i)
    if (tx.people().set_category(job_seekers[i], Category::Independent, dates[i], dates[i].iso() + "T08:00:00Z"))
      ++changed;

  for (const auto& company : tx.companies().all()) {
    if (company.stage != domain::Stage::JobsRelocated) continue;
    for (const auto person : applicants_of(tx, Category::RelocatedEmployee)) {
      if (tx.companies().employer_of(person)) continue;
      Date on = company.history.empty() ? Date{2026, 6, 1} : company.history.back().on;
      tx.companies().link_employee(company.id, person, on);
      ++changed;
      break;
    }
    break;
  }
  return changed;
}

}  // namespace tc::service
