#include "web/pages/applications_forms.h"

#include <algorithm>
#include <charconv>

#include "web/pages/page_context.h"

namespace tc::web {

namespace {

using domain::ApplicationState;
using nlohmann::json;

// Four bytes per character at most in UTF-8, and a little room for what a browser sends around it.
constexpr std::size_t kLongTextMaxBytes = 4 * domain::kMotivationMaxCodePoints + 64;

std::optional<std::int64_t> parse_positive(std::string_view text) {
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n <= 0) return std::nullopt;
  return n;
}

std::string max_text(std::size_t n, Lang lang) { return format_number(static_cast<double>(n), 0, lang); }

// A group of radio buttons: the first option's id is the group's, so the error summary can link to it.
json option_json(std::string_view group, std::size_t index, std::string_view value, std::string label, bool checked) {
  return {{"id", index == 0 ? std::string(group) : std::string(group) + "-" + std::string(value)},
          {"value", std::string(value)},
          {"label", std::move(label)},
          {"checked", checked}};
}

json group_json(std::string_view group, json options, const FormErrors& errors) {
  const std::string error = errors.message(group);
  return {{"options", std::move(options)},
          {"error", error.empty() ? json(false) : json(error)},
          {"describedby", described_by(group, false, errors)}};
}

// A <select> as the _app_select partial draws it: every key set, as field_json does.
json select_json(Lang lang, std::string_view id, std::string_view label_key, json options, bool required,
                 const FormErrors& errors) {
  const std::string error = errors.message(id);
  return {{"id", std::string(id)},
          {"label", std::string(tr(lang, label_key))},
          {"hint", false},
          {"options", std::move(options)},
          {"error", error.empty() ? json(false) : json(error)},
          {"describedby", described_by(id, false, errors)},
          {"required", required}};
}

json select_option(std::string value, std::string label, bool selected) {
  return {{"value", std::move(value)}, {"label", std::move(label)}, {"selected", selected}};
}

// A <textarea> as the _app_textarea partial draws it; `name` may differ from the id when two forms of a page send
// a field of the same name.
json textarea_json(Lang lang, std::string_view id, std::string_view name, std::string_view label_key, std::string hint,
                   std::string value, bool required, int rows, const FormErrors& errors) {
  const std::string error = errors.message(id);
  const bool has_hint = !hint.empty();
  return {{"id", std::string(id)},
          {"name", std::string(name)},
          {"label", std::string(tr(lang, label_key))},
          {"hint", has_hint ? json(std::move(hint)) : json(false)},
          {"value", std::move(value)},
          {"error", error.empty() ? json(false) : json(error)},
          {"describedby", described_by(id, has_hint, errors)},
          {"required", required},
          {"rows", rows}};
}

constexpr FieldSpec kStartDate{.id = "start_date",
                               .label_key = "apps.field.start_date",
                               .hint_key = "apps.field.start_date_hint",
                               .type = "date",
                               .autocomplete = "",
                               .required = true};
constexpr FieldSpec kHeardFrom{.id = "heard_from",
                               .label_key = "apps.field.heard_from",
                               .hint_key = "apps.field.heard_from_hint",
                               .type = "text",
                               .autocomplete = "off",
                               .required = false};
constexpr FieldSpec kFilterFrom{.id = "from",
                                .label_key = "apps.filter.from",
                                .hint_key = "apps.filter.date_hint",
                                .type = "date",
                                .autocomplete = "",
                                .required = false};
constexpr FieldSpec kFilterTo{.id = "to",
                              .label_key = "apps.filter.to",
                              .hint_key = "apps.filter.date_hint",
                              .type = "date",
                              .autocomplete = "",
                              .required = false};

}  // namespace

bool application_form_too_large(std::string_view body) {
  const auto fields = parse_query(body);
  return std::any_of(fields.begin(), fields.end(), [](const auto& f) {
    const bool long_text = f.first == "motivation" || f.first == "message";
    return f.first.size() > kMaxFieldBytes || f.second.size() > (long_text ? kLongTextMaxBytes : kMaxFieldBytes);
  });
}

std::string utf8_prefix(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t end = max_bytes;
  // Back off continuation bytes (10xxxxxx) so that the cut falls before a sequence's first byte.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end));
}

// ---- applying ----

ApplyForm apply_form_of(const FormData& form) {
  return {form.text("centre_id"),  form.text("days_per_week"), form.text("start_date"),
          form.text("motivation"), form.text("heard_from"),    form.text("heard_via_action")};
}

service::NewApplication check_apply(const ApplyForm& f, FormErrors& errors) {
  service::NewApplication in;
  if (const auto centre = parse_positive(f.centre_id)) {
    in.centre_id = *centre;
  } else {
    errors.add("centre_id", "Choisissez le télécentre où vous souhaitez travailler.",
               "Choose the telecentre where you would like to work.");
  }
  const auto days = parse_positive(f.days_per_week);
  if (days && *days <= 5) {
    in.days_per_week = static_cast<int>(*days);
  } else {
    errors.add("days_per_week", "Choisissez un nombre de jours par semaine, de 1 à 5.",
               "Choose a number of days a week, from 1 to 5.");
  }
  if (f.start_date.empty()) {
    errors.add("start_date", "Saisissez la date à laquelle vous souhaitez commencer, au format AAAA-MM-JJ.",
               "Enter the date you would like to start on, as YYYY-MM-DD.");
  } else if (!domain::parse_date(f.start_date)) {
    errors.add("start_date", "La date de début doit être une date réelle au format AAAA-MM-JJ, par exemple 2027-01-04.",
               "The start date must be a real date written YYYY-MM-DD, for example 2027-01-04.");
  }
  in.start_date = f.start_date;
  if (f.motivation.empty()) {
    errors.add("motivation", "Dites en quelques mots pourquoi vous souhaitez rejoindre ce télécentre.",
               "Say in a few words why you would like to join this telecentre.");
  } else if (const std::size_t n = domain::count_code_points(f.motivation); n > domain::kMotivationMaxCodePoints) {
    errors.add("motivation",
               "Votre motivation est trop longue : " + max_text(domain::kMotivationMaxCodePoints, Lang::Fr) +
                   " caractères au plus, vous en avez saisi " + max_text(n, Lang::Fr) + ".",
               "Your text is too long: " + max_text(domain::kMotivationMaxCodePoints, Lang::En) +
                   " characters at most, you typed " + max_text(n, Lang::En) + ".");
  }
  in.motivation = f.motivation;
  if (domain::count_code_points(f.heard_from) > kHeardFromMaxCodePoints) {
    errors.add(
        "heard_from",
        "Cette réponse est trop longue : " + max_text(kHeardFromMaxCodePoints, Lang::Fr) + " caractères au plus.",
        "This answer is too long: " + max_text(kHeardFromMaxCodePoints, Lang::En) + " characters at most.");
  }
  // The service keeps 200 bytes of it: cut here on a character's boundary rather than in the middle of one.
  in.heard_from = utf8_prefix(f.heard_from, 200);
  if (!f.heard_via_action.empty()) {
    in.heard_via_action = parse_positive(f.heard_via_action);
    if (!in.heard_via_action)
      errors.add("heard_via_action", "Choisissez une action dans la liste, ou « Autre / je ne sais pas ».",
                 "Choose an action from the list, or \"Other / I don't know\".");
  }
  return in;
}

std::string apply_field(const std::string& service_field) {
  for (std::string_view known :
       {"centre_id", "days_per_week", "start_date", "motivation", "heard_from", "heard_via_action"})
    if (service_field == known) return service_field;
  return "motivation";  // "rank" and anything else: the form has no such field; the summary still says it
}

json apply_form_json(Lang lang, const ApplyForm& f, const std::vector<domain::Centre>& centres,
                     const FormErrors& errors, const std::vector<std::pair<std::int64_t, std::string>>& actions) {
  json heard_via = false;
  if (!actions.empty()) {
    json options = json::array();
    options.push_back(select_option("", std::string(tr(lang, "apps.field.heard_via_other")), false));
    for (const auto& [id, title] : actions) {
      const std::string value = std::to_string(id);
      options.push_back(select_option(value, title, value == f.heard_via_action));
    }
    heard_via = select_json(lang, "heard_via_action", "apps.field.heard_via", std::move(options), false, errors);
  }
  json centre_options = json::array();
  centre_options.push_back(select_option("", std::string(tr(lang, "apps.field.centre_choose")), false));
  for (const domain::Centre& c : centres) {
    const std::string id = std::to_string(c.id);
    std::string label = c.name;
    if (c.status != domain::CentreStatus::InService) {
      std::string status = status_label(c.status, lang);  // "En projet": lower-cased within the parentheses
      if (!status.empty() && status[0] >= 'A' && status[0] <= 'Z') status[0] = static_cast<char>(status[0] - 'A' + 'a');
      label = format_message(lang, "apps.field.centre_option", {{"name", c.name}, {"status", std::move(status)}});
    }
    centre_options.push_back(select_option(id, std::move(label), id == f.centre_id));
  }
  json days = json::array();
  for (int n = 1; n <= 5; ++n) {
    const std::string value = std::to_string(n);
    days.push_back(option_json("days_per_week", static_cast<std::size_t>(n - 1), value,
                               format_count(lang, "apps.days", n), value == f.days_per_week));
  }
  return {{"centre", select_json(lang, "centre_id", "apps.field.centre", std::move(centre_options), true, errors)},
          {"days", group_json("days_per_week", std::move(days), errors)},
          {"start_date", field_json(lang, kStartDate, f.start_date, errors)},
          {"motivation", textarea_json(lang, "motivation", "motivation", "apps.field.motivation",
                                       format_message(lang, "apps.field.motivation_hint",
                                                      {{"max", max_text(domain::kMotivationMaxCodePoints, lang)}}),
                                       f.motivation, true, 10, errors)},
          {"heard_from",
           [&] {
             json field = field_json(lang, kHeardFrom, f.heard_from, errors);
             field["hint"] =
                 format_message(lang, "apps.field.heard_from_hint", {{"max", max_text(kHeardFromMaxCodePoints, lang)}});
             return field;
           }()},
          {"heard_via", std::move(heard_via)}};
}

// ---- the review list's filter ----

ReviewFilter review_filter_of(const RequestContext& req) {
  auto get = [&](std::string_view name) {
    std::string v = req.param(name).value_or("");
    const auto first = v.find_first_not_of(" \t");
    return first == std::string::npos ? std::string() : v.substr(first, v.find_last_not_of(" \t") - first + 1);
  };
  return {get("state"), get("category"), get("centre_id"), get("from"), get("to")};
}

service::ApplicationQuery check_filter(const ReviewFilter& f, const std::vector<domain::CentreId>& centres,
                                       FormErrors& errors) {
  service::ApplicationQuery q;
  if (!f.state.empty()) {
    q.state = domain::parse_application_state(f.state);
    if (!q.state) errors.add("state", "Choisissez un état dans la liste.", "Choose a status from the list.");
  }
  if (!f.category.empty()) {
    q.category = domain::parse_category(f.category);
    if (!q.category)
      errors.add("category", "Choisissez une situation dans la liste.", "Choose a situation from the list.");
  }
  if (!f.centre_id.empty()) {
    const auto id = parse_positive(f.centre_id);
    if (id && std::find(centres.begin(), centres.end(), *id) != centres.end()) {
      q.centre_id = *id;
    } else {
      errors.add("centre_id", "Choisissez un télécentre dans la liste.", "Choose a telecentre from the list.");
    }
  }
  std::optional<domain::Date> from, to;
  if (!f.from.empty()) {
    from = domain::parse_date(f.from);
    if (from) {
      q.from = f.from;
    } else {
      errors.add("from", "Saisissez une date réelle au format AAAA-MM-JJ, par exemple 2026-01-31.",
                 "Enter a real date written YYYY-MM-DD, for example 2026-01-31.");
    }
  }
  if (!f.to.empty()) {
    to = domain::parse_date(f.to);
    if (to) {
      q.to = f.to;
    } else {
      errors.add("to", "Saisissez une date réelle au format AAAA-MM-JJ, par exemple 2026-12-31.",
                 "Enter a real date written YYYY-MM-DD, for example 2026-12-31.");
    }
  }
  if (from && to && *to < *from)
    errors.add("to", "Cette date précède celle de début : échangez-les, ou corrigez l'une d'elles.",
               "This date is before the first one: swap them, or correct one of them.");
  return q;
}

json filter_form_json(Lang lang, const ReviewFilter& f,
                      const std::vector<std::pair<domain::CentreId, std::string>>& centres, const FormErrors& errors) {
  json states = json::array();
  states.push_back(select_option("", std::string(tr(lang, "apps.filter.any_state")), f.state.empty()));
  for (ApplicationState s : domain::kAllApplicationStates) {
    const std::string value(domain::to_string(s));
    states.push_back(select_option(value, state_label(s, lang), value == f.state));
  }
  json categories = json::array();
  categories.push_back(select_option("", std::string(tr(lang, "apps.filter.any_category")), f.category.empty()));
  for (domain::Category c : domain::kAllCategories) {
    const std::string value(domain::to_string(c));
    categories.push_back(select_option(value, category_label(c, lang), value == f.category));
  }
  json centre_options = json::array();
  centre_options.push_back(select_option("", std::string(tr(lang, "apps.filter.any_centre")), f.centre_id.empty()));
  for (const auto& [id, name] : centres) {
    const std::string value = std::to_string(id);
    centre_options.push_back(select_option(value, name, value == f.centre_id));
  }
  return {{"state", select_json(lang, "state", "apps.filter.state", std::move(states), false, errors)},
          {"category", select_json(lang, "category", "apps.filter.category", std::move(categories), false, errors)},
          {"centre_id", select_json(lang, "centre_id", "apps.filter.centre", std::move(centre_options), false, errors)},
          {"from", field_json(lang, kFilterFrom, f.from, errors)},
          {"to", field_json(lang, kFilterTo, f.to, errors)}};
}

// ---- deciding and withdrawing ----

std::vector<ApplicationState> decisions_from(ApplicationState state) {
  std::vector<ApplicationState> out;
  for (ApplicationState d : kDecisions)
    if (domain::can_transition(state, d, domain::Party::Reviewer)) out.push_back(d);
  return out;
}

std::optional<ApplicationState> check_decision(const DecisionForm& f, ApplicationState state, FormErrors& errors) {
  const auto allowed = decisions_from(state);
  const auto chosen = domain::parse_application_state(f.decision);
  if (!chosen || std::find(allowed.begin(), allowed.end(), *chosen) == allowed.end()) {
    errors.add("decision", "Choisissez une des décisions proposées.", "Choose one of the decisions offered.");
    return std::nullopt;
  }
  return chosen;
}

void check_message(std::string_view field_id, const std::string& message, FormErrors& errors) {
  if (const std::size_t n = domain::count_code_points(message); n > domain::kTransitionMessageMaxCodePoints)
    errors.add(field_id,
               "Le message est trop long : " + max_text(domain::kTransitionMessageMaxCodePoints, Lang::Fr) +
                   " caractères au plus, vous en avez saisi " + max_text(n, Lang::Fr) + ".",
               "The message is too long: " + max_text(domain::kTransitionMessageMaxCodePoints, Lang::En) +
                   " characters at most, you typed " + max_text(n, Lang::En) + ".");
}

json decision_form_json(Lang lang, const DecisionForm& f, ApplicationState state, const FormErrors& errors) {
  const auto allowed = decisions_from(state);
  if (allowed.empty()) return false;
  json options = json::array();
  for (std::size_t i = 0; i < allowed.size(); ++i) {
    const std::string_view value = domain::to_string(allowed[i]);
    options.push_back(option_json("decision", i, value, std::string(tr(lang, "apps.decision." + std::string(value))),
                                  f.decision == value));
  }
  json out = group_json("decision", std::move(options), errors);
  out["message"] = textarea_json(lang, "decision_message", "message", "apps.decision.message",
                                 format_message(lang, "apps.decision.message_hint",
                                                {{"max", max_text(domain::kTransitionMessageMaxCodePoints, lang)}}),
                                 f.message, false, 4, errors);
  return out;
}

json withdraw_form_json(Lang lang, const std::string& message, const FormErrors& errors) {
  return {{"message", textarea_json(lang, "withdraw_message", "message", "apps.withdraw.message",
                                    format_message(lang, "apps.withdraw.message_hint",
                                                   {{"max", max_text(domain::kTransitionMessageMaxCodePoints, lang)}}),
                                    message, false, 4, errors)}};
}

// ---- words ----

std::string state_label(ApplicationState s, Lang lang) {
  return std::string(lang == Lang::En ? domain::label_en(s) : domain::label_fr(s));
}

std::string category_label(domain::Category c, Lang lang) {
  return std::string(lang == Lang::En ? domain::label_en(c) : domain::label_fr(c));
}

}  // namespace tc::web
