// A centre's occupancy agreements (conventions d'occupation), for the admins and the centre's hosts
// (/admin/centres/{id}/conventions): who holds which post, from when to when (or with no term), which are in force
// today, and those ended early with the day and the reason. A form records a new one (the post, the teleworker —
// chosen among the people admitted at the centre, or by their person number — and the dates); each agreement
// still running has a small form to end it (POST /admin/conventions/{id}/fin). An agreement makes its post count
// as occupied for the FNADT grant (see /admin/subvention).
#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/application.h"
#include "domain/occupancy.h"
#include "service/errors.h"
#include "service/network.h"
#include "web/app.h"
#include "web/auth.h"
#include "web/pages/admin_pages.h"
#include "web/pages/applications_forms.h"
#include "web/pages/bookings_request.h"
#include "web/pages/page_context.h"

namespace tc::web {

namespace {

using nlohmann::json;
using service::ServiceError;
using Kind = ServiceError::Kind;

// What people may write as the reason an agreement ended; the store keeps it whole.
constexpr std::size_t kReasonMaxCodePoints = 200;

std::string centre_path(domain::CentreId id) { return "/admin/centres/" + std::to_string(id) + "/conventions"; }
std::string equipment_path(domain::CentreId id) { return "/admin/centres/" + std::to_string(id) + "/equipement"; }

struct RecordForm {
  std::string post_id;
  std::string person_id;      // the select's value
  std::string person_number;  // typed, wins over the select
  std::string from;
  std::string to;
};

// What the page shows besides the agreements: the record form as typed, an ending that was refused, the problems.
struct AgreementsPage {
  explicit AgreementsPage(Lang lang) : errors(lang) {}
  FormErrors errors;
  RecordForm record;
  std::optional<domain::AgreementId> end_for;
  std::string typed_end;
  std::string typed_reason;
};

std::string end_field_id(domain::AgreementId id) { return "fin-" + std::to_string(id); }
std::string reason_field_id(domain::AgreementId id) { return "motif-" + std::to_string(id); }

struct Candidate {
  domain::PersonId id = 0;
  std::string name;
};

// The people admitted at the centre (an accepted or active application), whom an agreement usually names.
std::vector<Candidate> candidates(App& app, const service::Caller& caller, domain::CentreId centre) {
  std::vector<Candidate> out;
  std::set<domain::PersonId> seen;
  for (auto state : {domain::ApplicationState::Active, domain::ApplicationState::Accepted}) {
    service::ApplicationQuery q;
    q.state = state;
    q.centre_id = centre;
    try {
      for (const service::ApplicationView& v : app.applications.list(caller.actor, q)) {
        const domain::PersonId id = v.row.application.person_id;
        if (!v.show_applicant || v.row.applicant_name.empty() || !seen.insert(id).second) continue;
        out.push_back({id, v.row.applicant_name});
      }
    } catch (const ServiceError&) {
      // Without the list, the person number field still works.
    }
  }
  std::sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) { return a.name < b.name; });
  return out;
}

std::string post_text(const std::string& office, const std::string& post) {
  return office.empty() ? post : office + " — " + post;
}

// "En cours", "À venir", "Terminée le 3 mars 2026".
std::string situation(const service::AgreementView& v, domain::Date today, Lang lang) {
  if (v.active_today) return std::string(tr(lang, "agreements.situation.active"));
  if (today < v.agreement.from) return std::string(tr(lang, "agreements.situation.future"));
  return std::string(tr(lang, "agreements.situation.over"));
}

// Whether it can still be ended: not ended yet, and its term (if any) not passed.
bool still_running(const domain::OccupancyAgreement& a, domain::Date today) {
  if (a.ended_on) return false;
  return !a.to || today <= *a.to;
}

json agreement_json(const service::AgreementView& v, const AgreementsPage& page, domain::Date today,
                    const std::string& csrf, Lang lang) {
  const domain::OccupancyAgreement& a = v.agreement;
  const std::string person = v.person_name.empty() ? std::string(tr(lang, "agreements.erased_person")) : v.person_name;
  const std::string which =
      format_message(lang, "agreements.which", {{"id", std::to_string(a.id)}, {"person", person}});
  json end = false;
  if (still_running(a, today)) {
    const std::string date_id = end_field_id(a.id), reason_id = reason_field_id(a.id);
    const std::string date_error = page.errors.message(date_id), reason_error = page.errors.message(reason_id);
    const bool mine = page.end_for == a.id;
    end = {
        {"action",
         with_lang("/admin/conventions/" + std::to_string(a.id) + "/fin?centre=" + std::to_string(a.centre_id), lang)},
        {"csrf", csrf},
        {"which", which},
        {"date",
         {{"id", date_id},
          {"value", mine ? page.typed_end : today.iso()},
          {"error", date_error.empty() ? json(false) : json(date_error)},
          {"describedby", described_by(date_id, false, page.errors)}}},
        {"reason",
         {{"id", reason_id},
          {"value", mine ? page.typed_reason : std::string()},
          {"error", reason_error.empty() ? json(false) : json(reason_error)},
          {"describedby", described_by(reason_id, false, page.errors)}}}};
  }
  json ended = false;
  if (a.ended_on)
    ended = {{"date", format_date(*a.ended_on, lang)},
             {"iso", a.ended_on->iso()},
             {"reason", a.ended_reason.empty() ? json(false) : json(a.ended_reason)}};
  return {{"id", "convention-" + std::to_string(a.id)},
          {"number", a.id},
          {"post", post_text(v.office, v.post_label)},
          {"person", person},
          {"from", format_date(a.from, lang)},
          {"from_iso", a.from.iso()},
          {"to", a.to ? json(format_date(*a.to, lang)) : json(false)},
          {"to_iso", a.to ? json(a.to->iso()) : json(false)},
          {"ended", std::move(ended)},
          {"active", v.active_today},
          {"situation", situation(v, today, lang)},
          {"end", std::move(end)}};
}

json record_form_json(Lang lang, const domain::Centre& c, const std::vector<Candidate>& people, const RecordForm& f,
                      const FormErrors& errors) {
  json posts = json::array();
  posts.push_back(option_json("", std::string(tr(lang, "agreements.field.post_choose")), f.post_id.empty()));
  for (const domain::Office& o : c.offices)
    for (const domain::Post& p : o.posts) {
      const std::string id = std::to_string(p.id);
      posts.push_back(option_json(id, post_text(o.name, p.label), id == f.post_id));
    }
  json person = false;
  if (!people.empty()) {
    json options = json::array();
    options.push_back(option_json("", std::string(tr(lang, "agreements.field.person_choose")), f.person_id.empty()));
    for (const Candidate& p : people) {
      const std::string id = std::to_string(p.id);
      options.push_back(
          option_json(id, format_message(lang, "agreements.field.person_option", {{"name", p.name}, {"id", id}}),
                      id == f.person_id));
    }
    person = select_field_json(lang, "person_id", "agreements.field.person", "agreements.field.person_hint",
                               std::move(options), false, errors);
  }
  auto text = [&](std::string_view id, std::string_view label, std::string_view hint, std::string_view type,
                  bool required, const std::string& value) {
    return field_json(
        lang,
        FieldSpec{
            .id = id, .label_key = label, .hint_key = hint, .type = type, .autocomplete = "off", .required = required},
        value, errors);
  };
  return {
      {"post", select_field_json(lang, "post_id", "agreements.field.post", "", std::move(posts), true, errors)},
      {"person", std::move(person)},
      {"person_number",
       text("person_number", people.empty() ? "agreements.field.person_number_alone" : "agreements.field.person_number",
            "agreements.field.person_number_hint", "text", people.empty(), f.person_number)},
      {"from", text("from", "agreements.field.from", "agreements.field.date_hint", "date", true, f.from)},
      {"to", text("to", "agreements.field.to", "agreements.field.to_hint", "date", false, f.to)}};
}

Response show_page(App& app, const RequestContext& req, const service::Caller& caller, const domain::Centre& c,
                   const std::vector<service::AgreementView>& views, const AgreementsPage& page, unsigned status) {
  const Lang lang = req.lang;
  const domain::Date today = centre_today(c);
  json rows = json::array();
  int active = 0;
  for (const auto& v : views) {
    rows.push_back(agreement_json(v, page, today, caller.csrf_token, lang));
    if (v.active_today) ++active;
  }
  const std::string heading = format_message(lang, "agreements.heading", {{"centre", c.name}});
  const json data = {
      {"current", {{"admin", true}}},
      {"csrf", caller.csrf_token},
      {"notice", done_notice(req, "agreements.done", {"ajout", "fin"})},
      {"error_summary", page.errors.summary()},
      {"expired", false},
      {"heading", heading},
      {"centre", {{"name", c.name}, {"href", centre_href(c.id, lang)}}},
      {"self_href", with_lang(centre_path(c.id), lang)},
      {"equipment_href", with_lang(equipment_path(c.id), lang)},
      {"grant_href", caller.actor.is_admin() ? json(with_lang("/admin/subvention", lang)) : json(false)},
      {"count",
       format_count(lang, "agreements.count", static_cast<long>(views.size()), {{"active", std::to_string(active)}})},
      {"has_agreements", !views.empty()},
      {"agreements", std::move(rows)},
      {"caption", format_message(lang, "agreements.caption", {{"centre", c.name}})},
      {"action", with_lang(centre_path(c.id), lang)},
      {"has_posts", c.post_count() > 0},
      {"form", record_form_json(lang, c, candidates(app, caller, c.id), page.record, page.errors)},
  };
  return render_private_page(app, req, &caller, "agreements", data, form_title(lang, heading, !page.errors.empty()),
                             status);
}

// The centre of the path and the caller; the response that ends the request early otherwise.
struct Gate {
  std::optional<service::Caller> caller;
  std::optional<domain::Centre> centre;
  std::vector<service::AgreementView> agreements;
};

std::optional<Response> load(App& app, const RequestContext& req, Gate& g, domain::CentreId id) {
  try {
    g.centre = app.admin.managed_centre(g.caller->actor, id);
    g.agreements = app.admin.agreements_of(g.caller->actor, id);
  } catch (const ServiceError& e) {
    if (auto page = refusal_page(app, req, e)) return page;
    throw;
  }
  return std::nullopt;
}

std::optional<Response> admit(App& app, const RequestContext& req, Gate& g) {
  const auto id = path_id(req, "id");
  if (auto early = signed_in(app, req, g.caller, id ? centre_path(*id) : std::string("/")); early) return early;
  if (!id) return centre_not_found_page(app, req);
  return load(app, req, g, *id);
}

Response get_agreements(App& app, const RequestContext& req) {
  Gate g;
  if (auto early = admit(app, req, g)) return std::move(*early);
  return show_page(app, req, *g.caller, *g.centre, g.agreements, AgreementsPage(req.lang), 200);
}

void add_error(FormErrors& errors, std::string_view field, std::string_view key) {
  errors.add(field, tr(Lang::Fr, key), tr(Lang::En, key));
}

// The form's field of a service error's parameter.
std::string record_field(const std::string& field, const RecordForm& f, bool has_select) {
  if (field == "person_id" || field == "person")
    return f.person_number.empty() && has_select ? "person_id" : "person_number";
  if (field == "to") return "to";
  if (field == "from") return "from";
  return "post_id";
}

service::AgreementRequest check_record(const RecordForm& f, const domain::Centre& c, bool has_select,
                                       FormErrors& errors) {
  service::AgreementRequest r;
  const auto post = positive_number(f.post_id);
  bool known_post = false;
  if (post)
    for (const domain::Office& o : c.offices)
      for (const domain::Post& p : o.posts) known_post = known_post || p.id == *post;
  if (known_post) {
    r.post_id = *post;
  } else {
    add_error(errors, "post_id", "agreements.error.post");
  }
  if (!f.person_number.empty()) {
    if (const auto n = positive_number(f.person_number)) {
      r.person_id = *n;
    } else {
      add_error(errors, "person_number", "agreements.error.person_number");
    }
  } else if (const auto n = positive_number(f.person_id)) {
    r.person_id = *n;
  } else {
    add_error(errors, has_select ? "person_id" : "person_number", "agreements.error.person");
  }
  const auto from = domain::parse_date(f.from);
  if (from) {
    r.from = from->iso();
  } else {
    add_error(errors, "from", "agreements.error.date");
  }
  if (!f.to.empty()) {
    const auto to = domain::parse_date(f.to);
    if (!to) {
      add_error(errors, "to", "agreements.error.date");
    } else if (from && *to < *from) {
      add_error(errors, "to", "agreements.error.order");
    } else {
      r.to = to->iso();
    }
  }
  return r;
}

Response post_record(App& app, const RequestContext& req) {
  Gate g;
  if (auto early = admit(app, req, g)) return std::move(*early);  // who may: the service, before the form
  const FormData form(req.body);
  if (form.oversized()) return form_too_large(app, req);
  if (!csrf_ok(*g.caller, req, form.raw("csrf"))) return expired_form_page(app, req);
  AgreementsPage page(req.lang);
  page.record = {form.text("post_id"), form.text("person_id"), form.text("person_number"), form.text("from"),
                 form.text("to")};
  const bool has_select = !candidates(app, *g.caller, g.centre->id).empty();
  const service::AgreementRequest r = check_record(page.record, *g.centre, has_select, page.errors);
  if (!page.errors.empty()) return show_page(app, req, *g.caller, *g.centre, g.agreements, page, 400);
  try {
    app.admin.add_agreement(g.caller->actor, g.centre->id, r);
  } catch (const ServiceError& e) {
    if (e.kind == Kind::Forbidden) return std::move(*refusal_page(app, req, e));
    // An unknown person is the form's problem, not a missing page.
    if (e.kind != Kind::Invalid && e.kind != Kind::Conflict && e.kind != Kind::Unprocessable &&
        e.kind != Kind::NotFound)
      throw;
    page.errors.add(record_field(e.field, page.record, has_select), e.message_fr, e.message_en);
    return show_page(app, req, *g.caller, *g.centre, g.agreements, page,
                     e.kind == Kind::NotFound ? 400 : form_status(e.kind));
  }
  return see_other(with_lang(centre_path(g.centre->id) + "?fait=ajout", req.lang));
}

// POST /admin/conventions/{id}/fin: ends an agreement early, on a date, for a reason.
Response post_end(App& app, const RequestContext& req) {
  Gate g;
  if (auto early = signed_in(app, req, g.caller, "/")) return std::move(*early);
  const auto id = path_id(req, "id");
  // The agreement among those of the centres the caller administers: another's is not found.
  std::optional<service::AgreementView> found;
  try {
    if (id)
      for (const domain::Centre& c : app.admin.managed_centres(g.caller->actor)) {
        for (auto& v : app.admin.agreements_of(g.caller->actor, c.id))
          if (v.agreement.id == *id) found = v;
        if (found) break;
      }
  } catch (const ServiceError& e) {
    if (auto page = refusal_page(app, req, e)) return std::move(*page);
    throw;
  }
  if (!found)
    return error_page(app, req, 404, tr(Lang::Fr, "agreements.not_found"), tr(Lang::En, "agreements.not_found"));
  const FormData form(req.body);
  if (form.oversized()) return form_too_large(app, req);
  if (!csrf_ok(*g.caller, req, form.raw("csrf"))) return expired_form_page(app, req);

  AgreementsPage page(req.lang);
  page.end_for = found->agreement.id;
  page.typed_end = form.text("ended_on");
  page.typed_reason = form.text("reason");
  const std::string date_id = end_field_id(found->agreement.id), reason_id = reason_field_id(found->agreement.id);
  const auto on = domain::parse_date(page.typed_end);
  if (!on) {
    add_error(page.errors, date_id, "agreements.error.end_date");
  } else if (*on < found->agreement.from) {
    add_error(page.errors, date_id, "agreements.error.end_before");
  }
  if (page.typed_reason.empty()) {
    add_error(page.errors, reason_id, "agreements.error.reason");
  } else if (domain::count_code_points(page.typed_reason) > kReasonMaxCodePoints) {
    const std::string max = std::to_string(kReasonMaxCodePoints);
    page.errors.add(reason_id, format_message(Lang::Fr, "agreements.error.reason_long", {{"max", max}}),
                    format_message(Lang::En, "agreements.error.reason_long", {{"max", max}}));
  }
  unsigned status = 400;
  if (page.errors.empty()) {
    try {
      app.admin.end_agreement(g.caller->actor, found->agreement.id, on->iso(), page.typed_reason);
      return see_other(with_lang(centre_path(found->agreement.centre_id) + "?fait=fin", req.lang));
    } catch (const ServiceError& e) {
      if (auto refused = refusal_page(app, req, e)) return std::move(*refused);
      if (e.kind != Kind::Invalid && e.kind != Kind::Conflict && e.kind != Kind::Unprocessable) throw;
      page.errors.add(e.field == "reason" ? reason_id : date_id, e.message_fr, e.message_en);
      status = form_status(e.kind);
    }
  }
  if (auto early = load(app, req, g, found->agreement.centre_id)) return std::move(*early);
  return show_page(app, req, *g.caller, *g.centre, g.agreements, page, status);
}

// The end form's address reached by GET (reloaded, or the language switch of a page a refused POST answered)
// leads to the agreements the form is on.
Response to_agreements(const RequestContext& req) {
  const auto centre = positive_number(req.param("centre").value_or(""));
  return see_other(with_lang(centre ? centre_path(*centre) : std::string("/"), req.lang));
}

}  // namespace

void add_agreement_page_routes(Router& r, App& app) {
  r.add({Method::Get, "/admin/centres/{id}/conventions",
         [&app](const RequestContext& req) { return get_agreements(app, req); }, Exec::Pool,
         "A centre's occupancy agreements, and the forms to record and end them (HTML; admins and its hosts)"});
  r.add({Method::Post, "/admin/centres/{id}/conventions",
         [&app](const RequestContext& req) { return post_record(app, req); }, Exec::Pool,
         "Record an occupancy agreement (form; admins and the centre's hosts), 303 to the agreements"});
  r.add({Method::Post, "/admin/conventions/{id}/fin", [&app](const RequestContext& req) { return post_end(app, req); },
         Exec::Pool, "End an occupancy agreement early (form; admins and the centre's hosts), 303 to the agreements"});
  r.add({Method::Get, "/admin/conventions/{id}/fin", [](const RequestContext& req) { return to_agreements(req); },
         Exec::Inline, "Redirect to the agreement's centre's agreements"});
}

}  // namespace tc::web
