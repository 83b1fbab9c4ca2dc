// The forms of the application pages (pages/applications.cpp): applying to a centre, filtering the review list,
// deciding and withdrawing. Each form is read as typed into a small struct, checked for what the page can tell
// without the store (so that every problem is listed at once; the service checks again), and turned into the
// JSON its template draws — with the typed values, and each problem beside its field (FormErrors, as on the
// account pages).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/application.h"
#include "domain/centre.h"
#include "service/applications.h"
#include "web/i18n.h"
#include "web/pages/account_forms.h"
#include "web/request.h"

namespace tc::web {

// What the applicant may say about how they heard of the network; the service keeps 200 bytes of it.
inline constexpr std::size_t kHeardFromMaxCodePoints = 200;

// The decisions a reviewer may take from the pages (and the API): each offered only when the life cycle allows it.
inline constexpr std::array<domain::ApplicationState, 5> kDecisions{
    domain::ApplicationState::Accepted, domain::ApplicationState::Waitlisted, domain::ApplicationState::Declined,
    domain::ApplicationState::UnderReview, domain::ApplicationState::Ended};

// True when a field of the form is longer than any of these forms needs: texts of 2,000 characters (motivation,
// messages) may take four bytes each; every other field kMaxFieldBytes. Refused, never cut.
bool application_form_too_large(std::string_view body);

// The first `max_bytes` bytes of `text` or fewer, never cutting a UTF-8 sequence in two.
std::string utf8_prefix(std::string_view text, std::size_t max_bytes);

// ---- applying ----

struct ApplyForm {
  std::string centre_id;  // as typed (a select's value)
  std::string days_per_week;
  std::string start_date;
  std::string motivation;
  std::string heard_from;
  std::string heard_via_action;  // the select's value: a communication action's id, or empty
};

ApplyForm apply_form_of(const FormData& form);
// Checks the form as typed; records problems in `errors` and returns what parsed (fields left at their defaults
// when they did not).
service::NewApplication check_apply(const ApplyForm& f, FormErrors& errors);
// The form's service error field ("centre_id", "rank"…) as the id of a field of the form.
std::string apply_field(const std::string& service_field);
// {"centre", "days", "start_date", "motivation", "heard_from"} for apply.mustache; `centres` are those one may
// apply to (not closed), by name.
// `actions` (id, title) are those the applicant may say they heard of the network through: a select "heard_via"
// offers them, with "Autre / je ne sais pas" first; false when there is none.
nlohmann::json apply_form_json(Lang lang, const ApplyForm& f, const std::vector<domain::Centre>& centres,
                               const FormErrors& errors,
                               const std::vector<std::pair<std::int64_t, std::string>>& actions = {});

// ---- the review list's filter (a GET form) ----

struct ReviewFilter {
  std::string state;
  std::string category;
  std::string centre_id;
  std::string from;
  std::string to;
  bool any() const { return !(state.empty() && category.empty() && centre_id.empty() && from.empty() && to.empty()); }
};

ReviewFilter review_filter_of(const RequestContext& req);
// The query for Applications::list; problems in `errors`. `centres` are the ids the reviewer may filter on.
service::ApplicationQuery check_filter(const ReviewFilter& f, const std::vector<domain::CentreId>& centres,
                                       FormErrors& errors);
// {"state", "category", "centre_id", "from", "to"} for review_list.mustache; `centres` as (id, name).
nlohmann::json filter_form_json(Lang lang, const ReviewFilter& f,
                                const std::vector<std::pair<domain::CentreId, std::string>>& centres,
                                const FormErrors& errors);

// ---- deciding and withdrawing ----

struct DecisionForm {
  std::string decision;  // a state's snake_case name
  std::string message;
};

// The decisions `kDecisions` offers from `state`, in that order.
std::vector<domain::ApplicationState> decisions_from(domain::ApplicationState state);
// Checks a decision as typed against what `state` allows; returns it when valid.
std::optional<domain::ApplicationState> check_decision(const DecisionForm& f, domain::ApplicationState state,
                                                       FormErrors& errors);
// Checks a message to the other party (decision or withdrawal) of the field `field_id`.
void check_message(std::string_view field_id, const std::string& message, FormErrors& errors);
// {"options", "error", "describedby", "message"} for the decision form; false when no decision is possible.
nlohmann::json decision_form_json(Lang lang, const DecisionForm& f, domain::ApplicationState state,
                                  const FormErrors& errors);
// {"message"} for the withdrawal form.
nlohmann::json withdraw_form_json(Lang lang, const std::string& message, const FormErrors& errors);

// ---- words ----

std::string state_label(domain::ApplicationState s, Lang lang);
std::string category_label(domain::Category c, Lang lang);

}  // namespace tc::web
