#include "web/api/centre_json.h"

#include <cmath>

namespace tc::web {

namespace {
using nlohmann::json;

json services_json(const domain::Services& s) {
  return {{"reception", domain::to_string(s.reception)},
          {"copier", s.copier},
          {"fax", s.fax},
          {"printer", s.printer},
          {"broadband", {{"down_mbps", s.broadband_down_mbps}, {"up_mbps", s.broadband_up_mbps}}},
          {"meeting_room", s.meeting_room},
          {"videoconference", s.videoconference}};
}

json accessibility_json(const domain::Accessibility& a) {
  return {{"step_free", a.step_free},
          {"adapted_toilets", a.adapted_toilets},
          {"reserved_parking", a.reserved_parking},
          {"erp_category", a.erp_category ? json(*a.erp_category) : json(nullptr)},
          {"register_url", a.register_url.empty() ? json(nullptr) : json(a.register_url)},
          {"accessible", a.accessible()}};
}

std::string hhmm(int minutes) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
  return buf;
}
}  // namespace

json centre_summary_json(const service::CentreHit& hit) {
  const domain::Centre& c = *hit.centre;
  int posts = c.post_count();
  json j = {{"id", c.id},
            {"name", c.name},
            {"commune", {{"insee", c.commune_insee}, {"name", hit.commune ? hit.commune->name : ""}}},
            {"status", domain::to_string(c.status)},
            {"zrr", hit.zrr},
            {"offices", c.offices.size()},
            {"posts", posts},
            {"services", services_json(c.services)},
            {"accessibility", accessibility_json(c.accessibility)},
            {"location", {{"lat", c.location.lat}, {"lon", c.location.lon}}},
            {"distance_km", nullptr}};
  if (hit.distance_km) j["distance_km"] = std::round(*hit.distance_km * 10) / 10;
  return j;
}

json centre_detail_json(const service::CentreHit& hit) {
  const domain::Centre& c = *hit.centre;
  json j = centre_summary_json(hit);
  j.erase("distance_km");
  j["host_authority"] = c.host_authority;
  j["address"] = c.address;
  j["description"] = c.description;
  j["specialities"] = c.specialities;
  j["zrr_override"] =
      c.zrr_override ? json{{"zrr", c.zrr_override->zrr}, {"reason", c.zrr_override->reason}} : json(nullptr);
  json offices = json::array();
  for (const auto& o : c.offices) {
    json posts = json::array();
    for (const auto& p : o.posts) posts.push_back({{"id", p.id}, {"label", p.label}});
    offices.push_back({{"id", o.id}, {"name", o.name}, {"posts", posts}});
  }
  j["offices"] = offices;
  json hours = json::array();
  for (const auto& h : c.hours)
    hours.push_back({{"weekday", h.weekday},
                     {"slot", domain::to_string(h.slot)},
                     {"opens", hhmm(h.open_minute)},
                     {"closes", hhmm(h.close_minute)}});
  j["opening_hours"] = hours;
  json closures = json::array();
  for (const auto& cl : c.closures)
    closures.push_back({{"from", cl.from.iso()}, {"to", cl.to.iso()}, {"reason", cl.reason}});
  j["closures"] = closures;
  json history = json::array();
  for (const auto& h : c.history) {
    json entry = {{"status", domain::to_string(h.status)}, {"on", h.on.iso()}};
    if (!h.override_reason.empty()) entry["override_reason"] = h.override_reason;
    history.push_back(std::move(entry));
  }
  j["status_history"] = history;
  j["time_zone"] = c.time_zone;
  j["open_on_public_holidays"] = c.open_on_public_holidays;
  const auto rule = [](const std::optional<int>& v) { return v ? json(*v) : json(nullptr); };
  j["booking_rules"] = {{"horizon_days", rule(c.booking_rules.horizon_days)},
                        {"min_notice_minutes", rule(c.booking_rules.min_notice_minutes)},
                        {"max_half_days_per_week", rule(c.booking_rules.max_half_days_per_week)},
                        {"no_show_morning_minute", rule(c.booking_rules.no_show_morning_minute)},
                        {"no_show_afternoon_minute", rule(c.booking_rules.no_show_afternoon_minute)}};
  return j;
}

}  // namespace tc::web
