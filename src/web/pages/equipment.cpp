// The equipment the council lends the centres (furniture, computers, screens, the digital copier…):
//
//   /admin/equipement                 the network's inventory for the admins: counts per centre, category and
//                                     state, links to each centre's inventory and to the CSV and XLSX exports
//   /admin/centres/{id}/equipement    a centre's items, item by item; admins add items and change their state
//                                     (POST /admin/equipement/{id}); the centre's hosts read it
//
// Who sees and changes what is service::NetworkAdmin's: admins everything, a centre's hosts read their centre's,
// a centre the caller may not see is "not found".
#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/equipment.h"
#include "service/errors.h"
#include "service/network.h"
#include "web/app.h"
#include "web/auth.h"
#include "web/pages/admin_pages.h"
#include "web/pages/bookings_request.h"
#include "web/pages/page_context.h"

namespace tc::web {

namespace {

using nlohmann::json;
using service::ServiceError;
using Kind = ServiceError::Kind;

constexpr std::string_view kNetworkPath = "/admin/equipement";

std::string centre_path(domain::CentreId id) { return "/admin/centres/" + std::to_string(id) + "/equipement"; }
std::string agreements_path(domain::CentreId id) { return "/admin/centres/" + std::to_string(id) + "/conventions"; }

std::string category_label(domain::EquipmentCategory c, Lang lang) {
  return std::string(tr(lang, "equipment.category." + std::string(domain::to_string(c))));
}
std::string state_label(domain::EquipmentState s, Lang lang) {
  return std::string(tr(lang, "equipment.state." + std::string(domain::to_string(s))));
}

// ================================================================================================================
// The network's inventory
// ================================================================================================================

json counts_row(std::string name, std::string href, const domain::EquipmentSummary& s) {
  json by_category = json::array(), by_state = json::array();
  for (auto c : domain::kAllEquipmentCategories) by_category.push_back(s.of_category(c));
  for (auto st : domain::kAllEquipmentStates) by_state.push_back(s.of_state(st));
  return {{"name", std::move(name)},
          {"href", href.empty() ? json(false) : json(std::move(href))},
          {"by_category", std::move(by_category)},
          {"by_state", std::move(by_state)},
          {"total", s.total()}};
}

Response get_network(App& app, const RequestContext& req) {
  std::optional<service::Caller> caller;
  if (auto early = signed_in(app, req, caller)) return std::move(*early);
  if (!caller->actor.is_admin()) return admins_only_page(app, req);  // before reading anything of the request
  const Lang lang = req.lang;
  std::vector<domain::Centre> centres;
  std::vector<service::EquipmentView> views;
  try {
    centres = app.admin.managed_centres(caller->actor);
    views = app.admin.all_equipment(caller->actor);
  } catch (const ServiceError& e) {
    if (auto page = refusal_page(app, req, e)) return std::move(*page);
    throw;
  }
  std::map<domain::CentreId, std::vector<domain::EquipmentItem>> per_centre;
  std::vector<domain::EquipmentItem> everything;
  for (const auto& v : views) {
    per_centre[v.item.centre_id].push_back(v.item);
    everything.push_back(v.item);
  }
  json rows = json::array();
  for (const domain::Centre& c : centres)
    rows.push_back(counts_row(c.name, with_lang(centre_path(c.id), lang), domain::summarise(per_centre[c.id])));
  const domain::EquipmentSummary network = domain::summarise(everything);

  json categories = json::array(), states = json::array(), matrix = json::array();
  for (auto c : domain::kAllEquipmentCategories) categories.push_back(category_label(c, lang));
  for (auto s : domain::kAllEquipmentStates) states.push_back(state_label(s, lang));
  for (auto c : domain::kAllEquipmentCategories) {
    json counts = json::array();
    for (auto s : domain::kAllEquipmentStates) counts.push_back(network.count(c, s));
    matrix.push_back(
        {{"name", category_label(c, lang)}, {"counts", std::move(counts)}, {"total", network.of_category(c)}});
  }
  const json data = {
      {"current", {{"admin", true}}},
      {"categories", std::move(categories)},
      {"states", std::move(states)},
      {"rows", std::move(rows)},
      {"has_rows", !centres.empty()},
      {"network", counts_row(std::string(tr(lang, "equipment.network_total")), {}, network)},
      {"matrix", std::move(matrix)},
      {"total", format_count(lang, "equipment.items", network.total())},
      {"csv_href", "/api/v1/equipment.csv"},
      {"xlsx_href", "/api/v1/equipment.xlsx"},
  };
  return render_private_page(app, req, &*caller, "equipment_network", data, tr(lang, "equipment.network.title"));
}

// ================================================================================================================
// A centre's inventory
// ================================================================================================================

struct AddForm {
  std::string category;
  std::string description;
  std::string serial_number;
  std::string delivered_on;
  std::string state = "in_use";
  std::string note;
};

// What the page shows besides the items: the add form as typed, a state change that was refused, the problems.
struct CentrePage {
  explicit CentrePage(Lang lang) : errors(lang) {}
  FormErrors errors;
  AddForm add;
  std::optional<domain::EquipmentId> state_for;
  std::string typed_state;
};

std::string state_field_id(domain::EquipmentId id) { return "etat-" + std::to_string(id); }

json category_options(Lang lang, const std::string& selected) {
  json out = json::array();
  out.push_back(option_json("", std::string(tr(lang, "equipment.field.category_choose")), selected.empty()));
  for (auto c : domain::kAllEquipmentCategories) {
    const std::string value(domain::to_string(c));
    out.push_back(option_json(value, category_label(c, lang), value == selected));
  }
  return out;
}

json state_options(Lang lang, const std::string& selected) {
  json out = json::array();
  for (auto s : domain::kAllEquipmentStates) {
    const std::string value(domain::to_string(s));
    out.push_back(option_json(value, state_label(s, lang), value == selected));
  }
  return out;
}

json add_form_json(Lang lang, const AddForm& f, const FormErrors& errors) {
  auto text = [&](std::string_view id, std::string_view label, std::string_view hint, std::string_view type,
                  bool required, const std::string& value) {
    return field_json(
        lang,
        FieldSpec{
            .id = id, .label_key = label, .hint_key = hint, .type = type, .autocomplete = "off", .required = required},
        value, errors);
  };
  return {{"category", select_field_json(lang, "category", "equipment.field.category", "",
                                         category_options(lang, f.category), true, errors)},
          {"description", text("description", "equipment.field.description", "equipment.field.description_hint", "text",
                               true, f.description)},
          {"serial_number", text("serial_number", "equipment.field.serial_number", "equipment.field.optional", "text",
                                 false, f.serial_number)},
          {"delivered_on", text("delivered_on", "equipment.field.delivered_on", "equipment.field.date_hint", "date",
                                false, f.delivered_on)},
          {"state",
           select_field_json(lang, "state", "equipment.field.state", "", state_options(lang, f.state), true, errors)},
          {"note",
           textarea_field_json(lang, "note", "equipment.field.note", "equipment.field.optional", f.note, 3, errors)}};
}

json item_json(const domain::EquipmentItem& e, const CentrePage& page, bool admin, Lang lang) {
  json form = false;
  if (admin) {
    const std::string id = state_field_id(e.id);
    const std::string error = page.errors.message(id);
    const std::string selected = page.state_for == e.id ? page.typed_state : std::string(domain::to_string(e.state));
    form = {{"action",
             with_lang("/admin/equipement/" + std::to_string(e.id) + "?centre=" + std::to_string(e.centre_id), lang)},
            {"id", id},
            {"options", state_options(lang, selected)},
            {"error", error.empty() ? json(false) : json(error)},
            {"describedby", described_by(id, false, page.errors)}};
  }
  return {{"id", "materiel-" + std::to_string(e.id)},
          {"category", category_label(e.category, lang)},
          {"description", e.description},
          {"serial", e.serial_number.empty() ? json(false) : json(e.serial_number)},
          {"delivered", e.delivered_on ? json(format_date(*e.delivered_on, lang)) : json(false)},
          {"delivered_iso", e.delivered_on ? json(e.delivered_on->iso()) : json(false)},
          {"state", state_label(e.state, lang)},
          {"state_kind", std::string(domain::to_string(e.state))},
          {"note", e.note.empty() ? json(false) : json(e.note)},
          {"form", std::move(form)}};
}

Response show_centre(App& app, const RequestContext& req, const service::Caller& caller, const domain::Centre& c,
                     const std::vector<service::EquipmentView>& views, const CentrePage& page, unsigned status) {
  const Lang lang = req.lang;
  const bool admin = caller.actor.is_admin();
  std::vector<domain::EquipmentItem> items;
  json rows = json::array();
  for (const auto& v : views) {
    items.push_back(v.item);
    rows.push_back(item_json(v.item, page, admin, lang));
  }
  const domain::EquipmentSummary summary = domain::summarise(items);
  // "3 articles : 2 en service, 1 en panne".
  std::string total = format_count(lang, "equipment.items", summary.total());
  std::string states;
  for (auto s : domain::kAllEquipmentStates)
    if (summary.of_state(s) > 0)
      states += (states.empty() ? "" : ", ") +
                format_count(lang, "equipment.count." + std::string(domain::to_string(s)), summary.of_state(s));
  if (!states.empty()) total = format_message(lang, "equipment.total_by_state", {{"total", total}, {"states", states}});
  const std::string heading = format_message(lang, "equipment.centre.heading", {{"centre", c.name}});
  const json data = {
      {"current", {{"admin", true}}},
      {"csrf", caller.csrf_token},
      {"notice", done_notice(req, "equipment.done", {"ajout", "etat"})},
      {"error_summary", page.errors.summary()},
      {"expired", false},
      {"heading", heading},
      {"centre", {{"name", c.name}, {"href", centre_href(c.id, lang)}}},
      {"network_href", admin ? json(with_lang(std::string(kNetworkPath), lang)) : json(false)},
      {"agreements_href", with_lang(agreements_path(c.id), lang)},
      {"self_href", with_lang(centre_path(c.id), lang)},
      {"admin", admin},
      {"has_items", !views.empty()},
      {"items", std::move(rows)},
      {"total", std::move(total)},
      {"caption", format_message(lang, "equipment.centre.caption", {{"centre", c.name}})},
      {"action", with_lang(centre_path(c.id), lang)},
      {"form", admin ? add_form_json(lang, page.add, page.errors) : json(false)},
  };
  return render_private_page(app, req, &caller, "equipment_centre", data,
                             form_title(lang, heading, !page.errors.empty()), status);
}

// The centre of the path and the caller, as the centre's pages need them; the response that ends the request
// early otherwise (sign-in, not found, refused).
struct Gate {
  std::optional<service::Caller> caller;
  std::optional<domain::Centre> centre;
  std::vector<service::EquipmentView> items;
};
std::optional<Response> admit(App& app, const RequestContext& req, Gate& g) {
  const auto id = path_id(req, "id");
  if (auto early = signed_in(app, req, g.caller, id ? centre_path(*id) : std::string(kNetworkPath))) return early;
  if (!id) return centre_not_found_page(app, req);
  try {
    g.centre = app.admin.managed_centre(g.caller->actor, *id);
    g.items = app.admin.equipment_of(g.caller->actor, *id);
  } catch (const ServiceError& e) {
    if (auto page = refusal_page(app, req, e)) return page;
    throw;
  }
  return std::nullopt;
}

Response get_centre(App& app, const RequestContext& req) {
  Gate g;
  if (auto early = admit(app, req, g)) return std::move(*early);
  return show_centre(app, req, *g.caller, *g.centre, g.items, CentrePage(req.lang), 200);
}

AddForm add_form_of(const FormData& form) {
  return {form.text("category"),     form.text("description"), form.text("serial_number"),
          form.text("delivered_on"), form.text("state"),       form.text("note")};
}

void add_error(FormErrors& errors, std::string_view field, std::string_view key) {
  errors.add(field, tr(Lang::Fr, key), tr(Lang::En, key));
}

domain::EquipmentItem check_add(const AddForm& f, domain::CentreId centre, FormErrors& errors) {
  domain::EquipmentItem item;
  item.centre_id = centre;
  if (const auto c = domain::parse_equipment_category(f.category)) {
    item.category = *c;
  } else {
    add_error(errors, "category", "equipment.error.category");
  }
  item.description = f.description;
  if (f.description.empty()) add_error(errors, "description", "equipment.error.description");
  item.serial_number = f.serial_number;
  if (!f.delivered_on.empty()) {
    if (const auto d = domain::parse_date(f.delivered_on)) {
      item.delivered_on = *d;
    } else {
      add_error(errors, "delivered_on", "equipment.error.date");
    }
  }
  if (const auto s = domain::parse_equipment_state(f.state)) {
    item.state = *s;
  } else {
    add_error(errors, "state", "equipment.error.state");
  }
  item.note = f.note;
  for (const domain::FieldError& e : domain::validate(item))
    if (!errors.has(e.field)) errors.add(e.field, e.message_fr, e.message_en);
  return item;
}

// The add form's field of a service error's parameter.
std::string add_field(const std::string& field) {
  for (std::string_view known : {"category", "description", "serial_number", "delivered_on", "state", "note"})
    if (field == known) return field;
  return "description";
}

Response post_add(App& app, const RequestContext& req) {
  Gate g;
  if (auto early = admit(app, req, g)) return std::move(*early);
  if (!g.caller->actor.is_admin())
    return error_page(app, req, 403, tr(Lang::Fr, "equipment.read_only"), tr(Lang::En, "equipment.read_only"));
  const FormData form(req.body);
  if (form.oversized()) return form_too_large(app, req);
  if (!csrf_ok(*g.caller, req, form.raw("csrf"))) return expired_form_page(app, req);
  CentrePage page(req.lang);
  page.add = add_form_of(form);
  domain::EquipmentItem item = check_add(page.add, g.centre->id, page.errors);
  if (!page.errors.empty()) return show_centre(app, req, *g.caller, *g.centre, g.items, page, 400);
  try {
    app.admin.add_equipment(g.caller->actor, g.centre->id, std::move(item));
  } catch (const ServiceError& e) {
    if (auto refused = refusal_page(app, req, e)) return std::move(*refused);
    if (e.kind != Kind::Invalid && e.kind != Kind::Conflict && e.kind != Kind::Unprocessable) throw;
    page.errors.add(add_field(e.field), e.message_fr, e.message_en);
    return show_centre(app, req, *g.caller, *g.centre, g.items, page, form_status(e.kind));
  }
  return see_other(with_lang(centre_path(g.centre->id) + "?fait=ajout", req.lang));
}

// POST /admin/equipement/{id}: a new state for an item (admins).
Response post_state(App& app, const RequestContext& req) {
  std::optional<service::Caller> caller;
  if (auto early = signed_in(app, req, caller, kNetworkPath)) return std::move(*early);
  if (!caller->actor.is_admin())
    return error_page(app, req, 403, tr(Lang::Fr, "equipment.read_only"), tr(Lang::En, "equipment.read_only"));
  const FormData form(req.body);
  if (form.oversized()) return form_too_large(app, req);
  if (!csrf_ok(*caller, req, form.raw("csrf"))) return expired_form_page(app, req);
  const auto id = path_id(req, "id");
  std::optional<service::EquipmentView> found;
  try {
    if (id)
      for (auto& v : app.admin.all_equipment(caller->actor))
        if (v.item.id == *id) found = std::move(v);
  } catch (const ServiceError& e) {
    if (auto page = refusal_page(app, req, e)) return std::move(*page);
    throw;
  }
  if (!found)
    return error_page(app, req, 404, tr(Lang::Fr, "equipment.not_found"), tr(Lang::En, "equipment.not_found"));
  const domain::CentreId centre_id = found->item.centre_id;

  CentrePage page(req.lang);
  page.state_for = found->item.id;
  page.typed_state = form.text("state");
  const std::string field = state_field_id(found->item.id);
  const auto state = domain::parse_equipment_state(page.typed_state);
  unsigned status = 400;
  if (!state) {
    add_error(page.errors, field, "equipment.error.state");
  } else {
    try {
      service::EquipmentPatch patch;
      patch.state = *state;
      app.admin.update_equipment(caller->actor, found->item.id, patch);
      return see_other(with_lang(centre_path(centre_id) + "?fait=etat", req.lang));
    } catch (const ServiceError& e) {
      if (auto p = refusal_page(app, req, e)) return std::move(*p);
      if (e.kind != Kind::Invalid && e.kind != Kind::Conflict && e.kind != Kind::Unprocessable) throw;
      page.errors.add(field, e.message_fr, e.message_en);
      status = form_status(e.kind);
    }
  }
  Gate g;
  try {
    g.centre = app.admin.managed_centre(caller->actor, centre_id);
    g.items = app.admin.equipment_of(caller->actor, centre_id);
  } catch (const ServiceError& e) {
    if (auto p = refusal_page(app, req, e)) return std::move(*p);
    throw;
  }
  return show_centre(app, req, *caller, *g.centre, g.items, page, status);
}

// The state form's address reached by GET (reloaded, or the language switch of a page a refused POST answered)
// leads to the inventory the form is on.
Response to_inventory(const RequestContext& req) {
  const auto centre = positive_number(req.param("centre").value_or(""));
  return see_other(with_lang(centre ? centre_path(*centre) : std::string(kNetworkPath), req.lang));
}

}  // namespace

void add_equipment_page_routes(Router& r, App& app) {
  r.add({Method::Get, std::string(kNetworkPath), [&app](const RequestContext& req) { return get_network(app, req); },
         Exec::Pool, "The network's inventory of lent equipment, per centre, category and state (HTML, admins)"});
  r.add({Method::Get, "/admin/centres/{id}/equipement",
         [&app](const RequestContext& req) { return get_centre(app, req); }, Exec::Pool,
         "A centre's equipment, item by item (HTML; admins, and the centre's hosts read-only)"});
  r.add({Method::Post, "/admin/centres/{id}/equipement",
         [&app](const RequestContext& req) { return post_add(app, req); }, Exec::Pool,
         "Add an item to a centre's inventory (form, admins), 303 to the inventory"});
  r.add({Method::Post, "/admin/equipement/{id}", [&app](const RequestContext& req) { return post_state(app, req); },
         Exec::Pool, "Change an item's state (form, admins), 303 to its centre's inventory"});
  r.add({Method::Get, "/admin/equipement/{id}", [](const RequestContext& req) { return to_inventory(req); },
         Exec::Inline, "Redirect to the item's centre's inventory"});
}

}  // namespace tc::web
