// The audit log for the council's admins (/admin/journal): who did what to whom, newest first, 50 entries a page
// (?page=N). The JSON equivalent is /api/v1/audit in api/privacy.cpp. Only admins may read it: the page checks the
// role before reading anything of the request, and service::Privacy checks again.
//
// The log is written by the service in French (its details are data, not interface text): on the English page,
// those cells say so (lang="fr") for screen readers. Times are shown in UTC, as stored, and the heading says so.
#include <optional>
#include <string>
#include <vector>

#include "service/errors.h"
#include "web/app.h"
#include "web/auth.h"
#include "web/pages/account_forms.h"
#include "web/pages/page_context.h"

namespace tc::web {

namespace {

using nlohmann::json;
using service::ServiceError;
using Kind = ServiceError::Kind;

constexpr std::string_view kPagePath = "/admin/journal";
constexpr int kPerPage = 50;

Response forbidden(App& app, const RequestContext& req) {
  return error_page(app, req, 403, "Le journal d'audit est réservé à l'équipe qui administre le réseau.",
                    "The audit log is for the team that runs the network only.");
}

std::string page_href(int page, Lang lang) {
  return with_lang(page == 1 ? std::string(kPagePath) : std::string(kPagePath) + "?page=" + std::to_string(page), lang);
}

// "12 mars 2026, 14 h 05" / "12 March 2026, 14:05"; the stored text when it is not a timestamp of ours.
std::string when_text(const std::string& iso, Lang lang) {
  const auto t = domain::parse_timestamp(iso);
  if (!t) return iso;
  const auto minute_of_day = static_cast<int>(((t->unix_seconds % 86400) + 86400) % 86400 / 60);
  return format_message(lang, "audit.when",
                        {{"date", format_date(t->utc_date(), lang)}, {"time", format_time(minute_of_day, lang)}});
}

// The action in words when the page knows it ("person.erase" → "Effacement d'un compte"), else empty.
std::string action_label(const std::string& action, Lang lang) {
  const std::string key = "audit.action." + action;
  const auto& all = messages(lang);
  const auto found = all.find(key);
  return found == all.end() ? std::string() : found->second;
}

json entry_json(const store::AuditEntry& e, Lang lang) {
  const std::string label = action_label(e.action, lang);
  return {{"at", e.at},
          {"when", when_text(e.at, lang)},
          {"who", e.actor_id ? format_message(lang, "audit.person", {{"id", std::to_string(*e.actor_id)}})
                             : std::string(tr(lang, "audit.system"))},
          {"action", e.action},
          {"action_label", label.empty() ? json(false) : json(label)},
          {"subject", e.subject},
          {"detail", e.detail}};
}

Response get_journal(App& app, const RequestContext& req) {
  const auto caller = identify(app, req);
  if (!caller) return see_other(with_lang(with_query_value("/connexion", "next", kPagePath), req.lang));
  if (!caller->actor.is_admin()) return forbidden(app, req);  // before reading anything of the request
  const auto page = page_param(req);
  if (!page) return bad_page_number(app, req);

  std::vector<store::AuditEntry> entries;
  try {
    // One more than a page: whether it comes tells whether there is a next page.
    entries = app.privacy.audit_log(caller->actor, kPerPage + 1, (*page - 1) * kPerPage);
  } catch (const ServiceError& e) {
    if (e.kind != Kind::Forbidden) throw;
    return forbidden(app, req);
  }
  const bool has_next = entries.size() > static_cast<std::size_t>(kPerPage);
  if (has_next) entries.pop_back();

  const Lang lang = req.lang;
  json items = json::array();
  for (const store::AuditEntry& e : entries) items.push_back(entry_json(e, lang));
  const int first = (*page - 1) * kPerPage + 1;
  const int last = first + static_cast<int>(entries.size()) - 1;
  const std::string title = *page == 1 ? std::string(tr(lang, "audit.title"))
                                       : format_message(lang, "audit.title_page", {{"page", std::to_string(*page)}});
  const json data = {
      {"current", {{"audit", true}}},
      {"has_entries", !entries.empty()},
      {"entries", std::move(items)},
      {"caption",
       format_message(lang, "audit.caption", {{"first", std::to_string(first)}, {"last", std::to_string(last)}})},
      {"detail_lang", lang == Lang::En ? json("fr") : json(false)},
      {"pages",
       {{"show", *page > 1 || has_next},
        {"newer", *page > 1 ? json(page_href(*page - 1, lang)) : json(false)},
        {"older", has_next ? json(page_href(*page + 1, lang)) : json(false)},
        {"current", format_message(lang, "audit.page", {{"page", std::to_string(*page)}})}}},
      {"first_page", *page > 1 ? json(page_href(1, lang)) : json(false)},
  };
  // A page past the end of the log does not exist; the first page of an empty log does.
  const unsigned status = entries.empty() && *page > 1 ? 404 : 200;
  return render_private_page(app, req, &*caller, "audit", data, title, status);
}

}  // namespace

void add_audit_page_routes(Router& r, App& app) {
  r.add({Method::Get, std::string(kPagePath), [&app](const RequestContext& req) { return get_journal(app, req); },
         Exec::Pool, "The audit log, 50 entries a page (?page=N) (HTML, admins)"});
}

}  // namespace tc::web
