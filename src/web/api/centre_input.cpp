#include "web/api/centre_input.h"

#include <array>
#include <cmath>
#include <set>

#include "service/errors.h"
#include "web/api/json_body.h"

namespace tc::web {

namespace {

using nlohmann::json;

[[noreturn]] void invalid(const std::string& field, const std::string& fr, const std::string& en) {
  throw service::ServiceError(service::ServiceError::Kind::Invalid, fr, en, field);
}

const json& object_at(const json& body, const char* name) {
  const json& v = body.at(name);
  if (!v.is_object())
    invalid(name, std::string("« ") + name + " » doit être un objet.", std::string(name) + " must be an object.");
  return v;
}

const json& array_at(const json& body, const char* name) {
  const json& v = body.at(name);
  if (!v.is_array())
    invalid(name, std::string("« ") + name + " » doit être une liste.", std::string(name) + " must be an array.");
  return v;
}

// "HH:MM" → minutes since midnight; "24:00" allowed as a closing time.
int minutes_of(const json& v, const std::string& field) {
  if (v.is_string()) {
    const std::string s = v.get<std::string>();
    if (s.size() == 5 && s[2] == ':' && std::isdigit(static_cast<unsigned char>(s[0])) &&
        std::isdigit(static_cast<unsigned char>(s[1])) && std::isdigit(static_cast<unsigned char>(s[3])) &&
        std::isdigit(static_cast<unsigned char>(s[4]))) {
      const int h = (s[0] - '0') * 10 + (s[1] - '0');
      const int m = (s[3] - '0') * 10 + (s[4] - '0');
      if (m < 60 && (h < 24 || (h == 24 && m == 0))) return h * 60 + m;
    }
  }
  invalid(field, "« " + field + " » doit être une heure HH:MM.", field + " must be a time HH:MM.");
}

domain::Date date_of(const json& v, const std::string& field) {
  if (v.is_string())
    if (auto d = domain::parse_date(v.get<std::string>())) return *d;
  invalid(field, "« " + field + " » doit être une date AAAA-MM-JJ.", field + " must be a YYYY-MM-DD date.");
}

domain::Services services_from(const json& j, domain::Services s) {
  static const std::set<std::string> known = {"reception",    "copier",         "fax", "printer", "broadband",
                                              "meeting_room", "videoconference"};
  for (const auto& [k, v] : j.items())
    if (!known.contains(k))
      invalid("services." + k, "Champ inconnu : services." + k + ".", "Unknown field: services." + k + ".");
  if (auto r = optional_string(j, "reception")) {
    auto parsed = domain::parse_reception(*r);
    if (!parsed)
      invalid("services.reception", "« reception » vaut none, secretariat ou animator.",
              "\"reception\" is none, secretariat or animator.");
    s.reception = *parsed;
  }
  if (auto v = optional_bool(j, "copier")) s.copier = *v;
  if (auto v = optional_bool(j, "fax")) s.fax = *v;
  if (auto v = optional_bool(j, "printer")) s.printer = *v;
  if (auto v = optional_bool(j, "meeting_room")) s.meeting_room = *v;
  if (auto v = optional_bool(j, "videoconference")) s.videoconference = *v;
  if (j.contains("broadband") && !j["broadband"].is_null()) {
    const json& b = object_at(j, "broadband");
    auto mbps = [](const json& obj, const char* name) -> std::optional<double> {
      auto v = optional_number(obj, name);
      if (v && (!std::isfinite(*v) || *v < 0 || *v > 100000))
        invalid(std::string("services.broadband.") + name, "Un débit est un nombre de Mbit/s positif.",
                "A bandwidth is a positive number of Mbit/s.");
      return v;
    };
    if (auto v = mbps(b, "down_mbps")) s.broadband_down_mbps = *v;
    if (auto v = mbps(b, "up_mbps")) s.broadband_up_mbps = *v;
  }
  return s;
}

domain::Accessibility accessibility_from(const json& j, domain::Accessibility a) {
  static const std::set<std::string> known = {"step_free",    "adapted_toilets", "reserved_parking",
                                              "erp_category", "register_url",    "accessible"};
  for (const auto& [k, v] : j.items())
    if (!known.contains(k))
      invalid("accessibility." + k, "Champ inconnu : accessibility." + k + ".",
              "Unknown field: accessibility." + k + ".");
  if (auto v = optional_bool(j, "step_free")) a.step_free = *v;
  if (auto v = optional_bool(j, "adapted_toilets")) a.adapted_toilets = *v;
  if (auto v = optional_bool(j, "reserved_parking")) a.reserved_parking = *v;
  if (j.contains("erp_category")) {
    auto v = optional_integer(j, "erp_category");
    a.erp_category = v ? std::optional<int>(static_cast<int>(std::clamp<std::int64_t>(*v, -1, 99))) : std::nullopt;
  }
  if (j.contains("register_url")) a.register_url = optional_string(j, "register_url").value_or("");
  return a;
}

std::vector<domain::OpeningSlot> hours_from(const json& list) {
  std::vector<domain::OpeningSlot> out;
  out.reserve(list.size());
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string field = "opening_hours[" + std::to_string(i) + "]";
    const json& h = list[i];
    if (!h.is_object()) invalid(field, "Chaque horaire est un objet.", "Each opening slot is an object.");
    domain::OpeningSlot s;
    auto weekday = optional_integer(h, "weekday");
    if (!weekday || *weekday < 1 || *weekday > 7)
      invalid(field + ".weekday", "« weekday » va de 1 (lundi) à 7 (dimanche).",
              "\"weekday\" is 1 (Monday) to 7 (Sunday).");
    s.weekday = static_cast<int>(*weekday);
    const auto slot = optional_string(h, "slot").value_or("");
    if (slot != "morning" && slot != "afternoon")
      invalid(field + ".slot", "« slot » vaut morning ou afternoon.", "\"slot\" is morning or afternoon.");
    s.slot = slot == "morning" ? domain::Slot::Morning : domain::Slot::Afternoon;
    s.open_minute = minutes_of(h.value("opens", json()), field + ".opens");
    s.close_minute = minutes_of(h.value("closes", json()), field + ".closes");
    for (const auto& other : out)
      if (other.weekday == s.weekday && other.slot == s.slot)
        invalid(field, "Deux horaires pour le même jour et la même demi-journée.",
                "Two slots for the same day and half-day.");
    out.push_back(s);
  }
  return out;
}

std::vector<domain::Closure> closures_from(const json& list) {
  std::vector<domain::Closure> out;
  out.reserve(list.size());
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string field = "closures[" + std::to_string(i) + "]";
    const json& c = list[i];
    if (!c.is_object()) invalid(field, "Chaque fermeture est un objet.", "Each closure is an object.");
    domain::Closure cl;
    cl.from = date_of(c.value("from", json()), field + ".from");
    cl.to = date_of(c.value("to", json()), field + ".to");
    cl.reason = optional_string(c, "reason").value_or("");
    out.push_back(std::move(cl));
  }
  return out;
}

std::vector<domain::Office> offices_from(const json& list) {
  std::vector<domain::Office> out;
  out.reserve(list.size());
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string field = "offices[" + std::to_string(i) + "]";
    const json& o = list[i];
    if (!o.is_object()) invalid(field, "Chaque bureau est un objet.", "Each office is an object.");
    domain::Office office;
    office.id = optional_integer(o, "id").value_or(0);
    office.name = optional_string(o, "name").value_or("Bureau " + std::to_string(i + 1));
    if (!o.contains("posts") || !o["posts"].is_array())
      invalid(field + ".posts", "Chaque bureau a une liste de postes.", "Each office has a list of posts.");
    const json& posts = o["posts"];
    office.posts.reserve(posts.size());
    for (std::size_t k = 0; k < posts.size(); ++k) {
      const json& p = posts[k];
      const std::string pf = field + ".posts[" + std::to_string(k) + "]";
      if (!p.is_object()) invalid(pf, "Chaque poste est un objet.", "Each post is an object.");
      domain::Post post;
      post.id = optional_integer(p, "id").value_or(0);
      post.label = optional_string(p, "label").value_or("Poste " + std::to_string(k + 1));
      office.posts.push_back(std::move(post));
    }
    out.push_back(std::move(office));
  }
  return out;
}

domain::BookingRulesOverride rules_from(const json& j, domain::BookingRulesOverride r) {
  const std::array<std::pair<const char*, std::optional<int>*>, 5> fields = {{
      {"horizon_days", &r.horizon_days},
      {"min_notice_minutes", &r.min_notice_minutes},
      {"max_half_days_per_week", &r.max_half_days_per_week},
      {"no_show_morning_minute", &r.no_show_morning_minute},
      {"no_show_afternoon_minute", &r.no_show_afternoon_minute},
  }};
  for (const auto& [k, v] : j.items()) {
    bool known = false;
    for (const auto& f : fields) known = known || k == f.first;
    if (!known)
      invalid("booking_rules." + k, "Champ inconnu : booking_rules." + k + ".",
              "Unknown field: booking_rules." + k + ".");
  }
  for (const auto& [name, slot] : fields)
    if (j.contains(name)) {
      auto v = optional_integer(j, name);
      *slot = v ? std::optional<int>(static_cast<int>(std::clamp<std::int64_t>(*v, -1, 1'000'000))) : std::nullopt;
    }
  return r;
}

}  // namespace

service::CentrePatch centre_patch_from_json(const json& body, const domain::Centre& base) {
  static const std::set<std::string> read_only = {"id",    "status",  "status_history", "zrr",
                                                  "posts", "commune", "distance_km"};
  static const std::set<std::string> known = {"name",     "host_authority", "commune_insee", "address",
                                              "location", "description",    "time_zone",     "open_on_public_holidays",
                                              "services", "accessibility",  "opening_hours", "closures",
                                              "offices",  "specialities",   "zrr_override",  "booking_rules"};
  service::CentrePatch p;
  for (const auto& [k, v] : body.items())
    if (!known.contains(k) && !read_only.contains(k))
      invalid(k, "Champ inconnu : « " + k + " ».", "Unknown field: \"" + k + "\".");
  p.name = optional_string(body, "name");
  p.host_authority = optional_string(body, "host_authority");
  p.commune_insee = optional_string(body, "commune_insee");
  p.address = optional_string(body, "address");
  p.description = optional_string(body, "description");
  p.time_zone = optional_string(body, "time_zone");
  p.open_on_public_holidays = optional_bool(body, "open_on_public_holidays");
  if (body.contains("location") && !body["location"].is_null()) {
    const json& l = object_at(body, "location");
    auto lat = optional_number(l, "lat");
    auto lon = optional_number(l, "lon");
    if (!lat || !lon || std::abs(*lat) > 90 || std::abs(*lon) > 180)
      invalid("location", "« location » demande lat (−90 à 90) et lon (−180 à 180).",
              "\"location\" needs lat (−90 to 90) and lon (−180 to 180).");
    p.location = domain::LatLon{*lat, *lon};
  }
  if (body.contains("services") && !body["services"].is_null())
    p.services = services_from(object_at(body, "services"), base.services);
  if (body.contains("accessibility") && !body["accessibility"].is_null())
    p.accessibility = accessibility_from(object_at(body, "accessibility"), base.accessibility);
  if (body.contains("opening_hours") && !body["opening_hours"].is_null())
    p.hours = hours_from(array_at(body, "opening_hours"));
  if (body.contains("closures") && !body["closures"].is_null()) p.closures = closures_from(array_at(body, "closures"));
  if (body.contains("offices") && !body["offices"].is_null()) p.offices = offices_from(array_at(body, "offices"));
  if (body.contains("specialities") && !body["specialities"].is_null()) {
    std::vector<std::string> list;
    for (const auto& s : array_at(body, "specialities")) {
      if (!s.is_string())
        invalid("specialities", "« specialities » est une liste de textes.", "\"specialities\" is a list of strings.");
      list.push_back(s.get<std::string>());
    }
    p.specialities = std::move(list);
  }
  if (body.contains("zrr_override")) {
    if (body["zrr_override"].is_null()) {
      p.zrr_override = std::optional<domain::ZrrOverride>{};
    } else {
      const json& z = object_at(body, "zrr_override");
      auto zrr = optional_bool(z, "zrr");
      if (!zrr)
        invalid("zrr_override.zrr", "« zrr_override.zrr » vaut true ou false.",
                "\"zrr_override.zrr\" is true or false.");
      p.zrr_override =
          std::optional<domain::ZrrOverride>{domain::ZrrOverride{*zrr, optional_string(z, "reason").value_or("")}};
    }
  }
  if (body.contains("booking_rules") && !body["booking_rules"].is_null())
    p.booking_rules = rules_from(object_at(body, "booking_rules"), base.booking_rules);
  return p;
}

domain::Centre centre_from_json(const json& body) {
  domain::Centre c;
  const service::CentrePatch p = centre_patch_from_json(body, c);
  if (!p.name) invalid("name", "Le champ « name » est obligatoire.", "\"name\" is required.");
  if (!p.commune_insee)
    invalid("commune_insee", "Le champ « commune_insee » est obligatoire.", "\"commune_insee\" is required.");
  if (!p.offices)
    invalid("offices", "Le champ « offices » (1 à 4 bureaux) est obligatoire.",
            "\"offices\" (1 to 4 offices) is required.");
  c.name = *p.name;
  c.commune_insee = *p.commune_insee;
  c.offices = *p.offices;
  c.host_authority = p.host_authority.value_or("");
  c.address = p.address.value_or("");
  c.description = p.description.value_or("");
  if (p.location) c.location = *p.location;
  if (p.time_zone) c.time_zone = *p.time_zone;
  c.open_on_public_holidays = p.open_on_public_holidays.value_or(false);
  if (p.services) c.services = *p.services;
  if (p.accessibility) c.accessibility = *p.accessibility;
  if (p.hours) c.hours = *p.hours;
  if (p.closures) c.closures = *p.closures;
  if (p.specialities) c.specialities = *p.specialities;
  if (p.zrr_override) c.zrr_override = *p.zrr_override;
  if (p.booking_rules) c.booking_rules = *p.booking_rules;
  return c;
}

}  // namespace tc::web
