// Prospection of large national companies that may relocate jobs to the telecentres: who they are, whom we talk
// to, the partner involved (e.g. the national telecentre network), and where they stand in the pipeline, with a
// dated history. Pure values and rules.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/centre.h"
#include "domain/date.h"
#include "domain/person.h"

namespace tc::domain {

using CompanyId = std::int64_t;

// identified → contacted → meeting → proposal → agreement_signed → jobs_relocated; or lost (with a reason).
enum class Stage { Identified, Contacted, Meeting, Proposal, AgreementSigned, JobsRelocated, Lost };
inline constexpr std::array<Stage, 7> kAllStages{Stage::Identified, Stage::Contacted,       Stage::Meeting,
                                                 Stage::Proposal,   Stage::AgreementSigned, Stage::JobsRelocated,
                                                 Stage::Lost};
std::string_view to_string(Stage s);  // "identified", …, "agreement_signed", "jobs_relocated", "lost"
std::optional<Stage> parse_stage(std::string_view s);
std::string_view label_fr(Stage s);
std::string_view label_en(Stage s);

struct CompanyContact {
  std::string name;
  std::string role;
  std::string email;
  std::string phone;
};

struct StageChange {
  Stage from = Stage::Identified;
  Stage to = Stage::Identified;
  Date on;
  std::string note;
  PersonId by = 0;
};

// A relocated employee's teleworker account linked to the company that relocated their job.
struct LinkedEmployee {
  PersonId person_id = 0;
  std::string name;  // the account's display name
  Date linked_on;
};

struct Company {
  CompanyId id = 0;
  std::string name;
  std::string siren;  // optional: 9 digits with a valid Luhn key
  std::string sector;
  std::string head_office_insee;  // optional
  int employees = 0;              // size
  std::string partner;            // e.g. "Réseau national des télécentres"
  std::vector<CompanyContact> contacts;
  Stage stage = Stage::Identified;
  std::string lost_reason;
  int potential_jobs = 0;
  int jobs_relocated = 0;
  std::vector<CentreId> target_centres;
  std::string next_action;
  std::optional<Date> next_action_on;
  std::vector<StageChange> history;    // oldest first
  std::vector<LinkedEmployee> linked;  // by name; read with the company, written through link_employee
  std::string created_at;

  // A next action whose date has passed, on a company still in the pipeline.
  bool overdue(Date today) const;
};

// 9 digits whose Luhn sum is a multiple of 10 (INSEE's SIREN key).
bool valid_siren(std::string_view siren);

// Name 1–200 characters, SIREN empty or valid, counts ≥ 0 and relocated ≤ potential (when potential is given),
// contacts with a name and, when given, a plausible e-mail.
std::vector<FieldError> validate(const Company& c);

// Moves along the pipeline: forward by any number of stages, or to lost (a reason required) from any stage before
// jobs_relocated; jobs_relocated needs jobs_relocated > 0. Nothing moves out of lost or jobs_relocated. Empty when
// allowed, else why not.
std::vector<FieldError> check_move(const Company& c, Stage to, std::string_view lost_reason, int jobs_relocated);

}  // namespace tc::domain
