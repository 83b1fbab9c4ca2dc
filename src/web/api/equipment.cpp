// The council's equipment in each centre over JSON, and its inventory as CSV and XLSX files.
#include <map>
#include <optional>

#include "export/equipment_export.h"
#include "service/network.h"
#include "web/api/json_body.h"
#include "web/app.h"
#include "web/auth.h"

namespace tc::web {

namespace {

using nlohmann::json;

json item_json(const service::EquipmentView& v) {
  const auto& i = v.item;
  return {{"id", i.id},
          {"centre_id", i.centre_id},
          {"centre_name", v.centre_name},
          {"category", domain::to_string(i.category)},
          {"description", i.description},
          {"serial_number", i.serial_number},
          {"delivered_on", i.delivered_on ? json(i.delivered_on->iso()) : json(nullptr)},
          {"state", domain::to_string(i.state)},
          {"note", i.note}};
}

json summary_json(const domain::EquipmentSummary& s) {
  json by_category = json::object();
  for (auto c : domain::kAllEquipmentCategories) {
    json states = json::object();
    for (auto st : domain::kAllEquipmentStates) states[std::string(domain::to_string(st))] = s.count(c, st);
    by_category[std::string(domain::to_string(c))] = {{"total", s.of_category(c)}, {"by_state", states}};
  }
  json by_state = json::object();
  for (auto st : domain::kAllEquipmentStates) by_state[std::string(domain::to_string(st))] = s.of_state(st);
  return {{"total", s.total()}, {"by_category", by_category}, {"by_state", by_state}};
}

domain::EquipmentCategory category_or_throw(const std::string& s) {
  auto c = domain::parse_equipment_category(s);
  if (!c)
    throw service::ServiceError(service::ServiceError::Kind::Invalid,
                                "« category » vaut furniture, computer, screen, copier ou other.",
                                "\"category\" is furniture, computer, screen, copier or other.", "category");
  return *c;
}

domain::EquipmentState state_or_throw(const std::string& s) {
  auto st = domain::parse_equipment_state(s);
  if (!st)
    throw service::ServiceError(service::ServiceError::Kind::Invalid, "« state » vaut in_use, broken ou returned.",
                                "\"state\" is in_use, broken or returned.", "state");
  return *st;
}

std::optional<domain::Date> date_or_throw(const std::optional<std::string>& s, const char* field) {
  if (!s) return std::nullopt;
  auto d = domain::parse_date(*s);
  if (!d)
    throw service::ServiceError(service::ServiceError::Kind::Invalid,
                                std::string("« ") + field + " » doit être une date AAAA-MM-JJ.",
                                std::string("\"") + field + "\" must be a YYYY-MM-DD date.", field);
  return d;
}

std::vector<domain::EquipmentItem> items_of(const std::vector<service::EquipmentView>& views) {
  std::vector<domain::EquipmentItem> items;
  items.reserve(views.size());
  for (const auto& v : views) items.push_back(v.item);
  return items;
}

Response of_centre(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, false);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  const auto id = path_id(req);
  const auto views = app.admin.equipment_of(std::get<service::Caller>(who).actor, id);
  json items = json::array();
  for (const auto& v : views) items.push_back(item_json(v));
  Response r = json_response(
      {{"centre_id", id}, {"items", items}, {"summary", summary_json(domain::summarise(items_of(views)))}});
  r.header("Cache-Control", "no-store");
  return r;
}

// The gate before the body: who may not write learns nothing from validation messages.
std::optional<Response> admins_only(const RequestContext& req, const service::Caller& caller) {
  if (caller.actor.is_admin()) return std::nullopt;
  return problem(req, 403, "Réservé aux administrateurs du réseau.", "Admins only.");
}

Response add(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, true);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  if (auto refused = admins_only(req, std::get<service::Caller>(who))) return std::move(*refused);
  const auto id = path_id(req);
  auto parsed = json_body(req);
  if (auto* bad = std::get_if<Response>(&parsed)) return std::move(*bad);
  const json& body = std::get<json>(parsed);
  domain::EquipmentItem item;
  item.category = category_or_throw(required_string(body, "category"));
  item.description = required_string(body, "description");
  item.serial_number = optional_string(body, "serial_number").value_or("");
  item.delivered_on = date_or_throw(optional_string(body, "delivered_on"), "delivered_on");
  item.state = state_or_throw(optional_string(body, "state").value_or("in_use"));
  item.note = optional_string(body, "note").value_or("");
  const auto v = app.admin.add_equipment(std::get<service::Caller>(who).actor, id, item);
  Response r = json_response(item_json(v), 201);
  r.header("Location", "/api/v1/equipment/" + std::to_string(v.item.id));
  return r;
}

Response update(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, true);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  if (auto refused = admins_only(req, std::get<service::Caller>(who))) return std::move(*refused);
  const auto id = path_id(req);
  auto parsed = json_body(req);
  if (auto* bad = std::get_if<Response>(&parsed)) return std::move(*bad);
  const json& body = std::get<json>(parsed);
  service::EquipmentPatch p;
  if (auto c = optional_string(body, "category")) p.category = category_or_throw(*c);
  p.description = optional_string(body, "description");
  p.serial_number = optional_string(body, "serial_number");
  if (body.contains("delivered_on"))
    p.delivered_on = date_or_throw(optional_string(body, "delivered_on"), "delivered_on");
  if (auto s = optional_string(body, "state")) p.state = state_or_throw(*s);
  p.note = optional_string(body, "note");
  return json_response(item_json(app.admin.update_equipment(std::get<service::Caller>(who).actor, id, p)));
}

Response network(App& app, const RequestContext& req) {
  auto who = caller_for(app, req, false);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  const auto views = app.admin.all_equipment(std::get<service::Caller>(who).actor);
  json items = json::array();
  std::map<domain::CentreId, std::vector<domain::EquipmentItem>> per_centre;
  for (const auto& v : views) {
    items.push_back(item_json(v));
    per_centre[v.item.centre_id].push_back(v.item);
  }
  json centres = json::array();
  for (const auto& [centre, list] : per_centre)
    centres.push_back({{"centre_id", centre}, {"summary", summary_json(domain::summarise(list))}});
  Response r = json_response(
      {{"items", items}, {"centres", centres}, {"summary", summary_json(domain::summarise(items_of(views)))}});
  r.header("Cache-Control", "no-store");
  return r;
}

Response download(App& app, const RequestContext& req, bool xlsx) {
  auto who = caller_for(app, req, false);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  const auto views = app.admin.all_equipment(std::get<service::Caller>(who).actor);
  std::vector<exports::EquipmentRow> rows;
  rows.reserve(views.size());
  for (const auto& v : views) rows.push_back({v.item, v.centre_name});
  Response r;
  if (xlsx) {
    r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    r.body = exports::equipment_xlsx(rows);
    r.header("Content-Disposition", "attachment; filename=\"inventaire-materiel.xlsx\"");
  } else {
    r.content_type = "text/csv; charset=utf-8";
    r.body = exports::equipment_csv(rows);
    r.header("Content-Disposition", "attachment; filename=\"inventaire-materiel.csv\"");
  }
  r.header("Cache-Control", "no-store");
  return r;
}

}  // namespace

void add_equipment_api_routes(Router& r, App& app) {
  r.add({Method::Get, "/api/v1/centres/{id}/equipment",
         [&app](const RequestContext& req) { return of_centre(app, req); }, Exec::Pool,
         "A centre's equipment (admins, its hosts)"});
  r.add({Method::Post, "/api/v1/centres/{id}/equipment", [&app](const RequestContext& req) { return add(app, req); },
         Exec::Pool, "Record an item of equipment (admins)"});
  r.add({Method::Patch, "/api/v1/equipment/{id}", [&app](const RequestContext& req) { return update(app, req); },
         Exec::Pool, "Change an item of equipment (admins)"});
  r.add({Method::Get, "/api/v1/equipment", [&app](const RequestContext& req) { return network(app, req); }, Exec::Pool,
         "The network's inventory and its summary (admins)"});
  r.add({Method::Get, "/api/v1/equipment.csv", [&app](const RequestContext& req) { return download(app, req, false); },
         Exec::Pool, "The inventory as CSV (admins)"});
  r.add({Method::Get, "/api/v1/equipment.xlsx", [&app](const RequestContext& req) { return download(app, req, true); },
         Exec::Pool, "The inventory as XLSX (admins)"});
}

}  // namespace tc::web
