// The pages that administer the network's centres, for the council's admins and the centres' hosts:
//
//   GET  /admin/centres               the centres the caller manages: a table with their status, posts and
//                                     conformity, and links to edit them, their conformity, equipment and
//                                     agreements; admins get "Créer un télécentre"
//   GET  /admin/centres/nouveau       the form creating a centre (admins); POST creates it, planned, and answers
//                                     303 to its edit page
//   GET  /admin/centres/{id}          a centre's edit page: one form per section (identity, services,
//                                     accessibility, offices and posts, opening hours, closures, ZRR), each
//                                     posted to the same address with its `section`; hosts get only services,
//                                     hours and closures (the service refuses anything else from them anyway)
//   POST /admin/centres/{id}/statut   the one next step of the centre's status (admins); putting a
//                                     non-conforming centre in service needs an override reason
//
// Plain forms that work without JavaScript, as on the other pages: every POST carries the session's anti-CSRF
// token; a success answers 303 to the edit page, which confirms it (role="status"); a refused submission shows
// the page again with what was typed, the error summary (role="alert") linking to each field, and each message
// beside its field. What may be done is the service's (service/network.h): a centre one does not manage is not
// found, here as in the API. The conformity pages are in conformity.cpp.
#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "geo/commune_index.h"
#include "service/errors.h"
#include "web/app.h"
#include "web/auth.h"
#include "web/pages/account_forms.h"
#include "web/pages/bookings_request.h"
#include "web/pages/centre_admin_pages.h"
#include "web/pages/page_context.h"

namespace tc::web {

namespace {

using domain::CentreStatus;
using nlohmann::json;
using service::ServiceError;
using Kind = ServiceError::Kind;

constexpr std::size_t kMaxOffices = 4;      // the call for projects: 1 to 4 offices
constexpr std::size_t kOfficeRowsRead = 8;  // rows read from a form: more than shown, so that 5 is refused
constexpr std::size_t kPostRowsRead = 64;   // posts of one office read from a form
constexpr int kMaxPostsAdded = 12;          // posts added to one office at once
constexpr std::size_t kNameMax = 120;       // code points
constexpr std::size_t kTextMax = 300;       // host authority, address, reasons
constexpr std::size_t kDescriptionMax = 1000;
constexpr double kMaxMbps = 100000;

// ---- small helpers ----

void add_error(FormErrors& errors, std::string_view field, std::string_view key,
               std::initializer_list<std::pair<std::string_view, std::string>> values = {}) {
  errors.add(field, format_message(Lang::Fr, key, values), format_message(Lang::En, key, values));
}

bool too_long(const std::string& text, std::size_t max) { return domain::count_code_points(text) > max; }

std::string number_text(double v, Lang lang) {
  std::ostringstream out;
  out << v;
  std::string s = out.str();
  if (lang == Lang::Fr) std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

// "8", "0,5", "0.5": a number of Mbit/s as people type it.
std::optional<double> parse_decimal(std::string text) {
  std::replace(text.begin(), text.end(), ',', '.');
  if (text.empty()) return std::nullopt;
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || !(v >= 0) || v > kMaxMbps) return std::nullopt;
  return v;
}

std::optional<int> parse_int(std::string_view text, int min, int max) {
  int v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || v < min || v > max) return std::nullopt;
  return v;
}

// "8:30", "08:30", "8h30", "14 h": minutes since midnight, 0 to 24:00.
std::optional<int> parse_time(std::string text) {
  text.erase(std::remove(text.begin(), text.end(), ' '), text.end());
  std::replace(text.begin(), text.end(), 'h', ':');
  std::replace(text.begin(), text.end(), 'H', ':');
  const auto colon = text.find(':');
  const std::string hours = text.substr(0, colon);
  std::string minutes = colon == std::string::npos ? "" : text.substr(colon + 1);
  if (minutes.empty()) minutes = "0";
  if (hours.empty() || hours.size() > 2 || minutes.size() > 2) return std::nullopt;
  const auto h = parse_int(hours, 0, 24), m = parse_int(minutes, 0, 59);
  if (!h || !m || *h * 60 + *m > 24 * 60) return std::nullopt;
  return *h * 60 + *m;
}

std::string time_value(int minute) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minute / 60, minute % 60);
  return buf;
}

std::string lower_first(std::string s) {
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
  return s;
}

// ---- the form as typed (or as stored) ----

enum class Section { General, Services, Accessibility, Offices, Hours, Closures, Zrr };
constexpr std::array<std::pair<Section, std::string_view>, 7> kSections{{{Section::General, "general"},
                                                                         {Section::Services, "services"},
                                                                         {Section::Accessibility, "accessibility"},
                                                                         {Section::Offices, "offices"},
                                                                         {Section::Hours, "hours"},
                                                                         {Section::Closures, "closures"},
                                                                         {Section::Zrr, "zrr"}}};

std::optional<Section> parse_section(std::string_view s) {
  for (const auto& [section, name] : kSections)
    if (name == s) return section;
  return std::nullopt;
}

std::string_view section_name(Section s) {
  for (const auto& [section, name] : kSections)
    if (section == s) return name;
  return "general";
}

// What a centre's hosts may change (CentrePatch::only_host_fields).
bool host_section(Section s) { return s == Section::Services || s == Section::Hours || s == Section::Closures; }

struct PostRow {
  std::string id;
  std::string label;
  bool remove = false;
};

struct OfficeRow {
  std::size_t index = 0;  // 1-based, as in the fields' names
  std::string id;         // empty: a new office
  std::string name;
  std::string add;  // posts to add (a new office: its posts)
  bool remove = false;
  std::vector<PostRow> posts;
};

struct HoursCell {
  std::string open;
  std::string close;
};

constexpr std::array<domain::Slot, 2> kSlots{domain::Slot::Morning, domain::Slot::Afternoon};

struct CentreForm {
  std::string name, host_authority, commune, address, description;
  bool holidays = false;
  std::string reception = "none";
  bool copier = false, fax = false, printer = false, meeting_room = false, videoconference = false;
  std::string down, up;
  bool step_free = false, toilets = false, parking = false;
  std::string erp, register_url;
  std::vector<OfficeRow> offices;
  std::array<std::array<HoursCell, 2>, 7> hours{};
  std::vector<std::string> closures_removed;  // indices of stored closures, as sent
  std::string closure_from, closure_to, closure_reason;
  std::string zrr = "commune", zrr_reason;
};

std::string office_prefix(std::size_t i) { return "office_" + std::to_string(i) + "_"; }
std::string post_prefix(std::size_t i, std::size_t j) { return office_prefix(i) + "post_" + std::to_string(j) + "_"; }
std::string hours_id(int day, domain::Slot slot, std::string_view end) {
  return "hours_" + std::to_string(day) + "_" + std::string(domain::to_string(slot)) + "_" + std::string(end);
}

// Blank rows after the stored offices, up to four rows in all.
void add_blank_office_rows(CentreForm& f) {
  while (f.offices.size() < kMaxOffices) {
    OfficeRow row;
    row.index = f.offices.size() + 1;
    f.offices.push_back(std::move(row));
  }
}

CentreForm form_of(const domain::Centre& c, Lang lang) {
  CentreForm f;
  f.name = c.name;
  f.host_authority = c.host_authority;
  f.commune = c.commune_insee;
  f.address = c.address;
  f.description = c.description;
  f.holidays = c.open_on_public_holidays;
  f.reception = std::string(domain::to_string(c.services.reception));
  f.copier = c.services.copier;
  f.fax = c.services.fax;
  f.printer = c.services.printer;
  f.meeting_room = c.services.meeting_room;
  f.videoconference = c.services.videoconference;
  f.down = number_text(c.services.broadband_down_mbps, lang);
  f.up = number_text(c.services.broadband_up_mbps, lang);
  f.step_free = c.accessibility.step_free;
  f.toilets = c.accessibility.adapted_toilets;
  f.parking = c.accessibility.reserved_parking;
  f.erp = c.accessibility.erp_category ? std::to_string(*c.accessibility.erp_category) : "";
  f.register_url = c.accessibility.register_url;
  for (const domain::Office& o : c.offices) {
    OfficeRow row;
    row.index = f.offices.size() + 1;
    row.id = std::to_string(o.id);
    row.name = o.name;
    for (const domain::Post& p : o.posts) row.posts.push_back({std::to_string(p.id), p.label, false});
    f.offices.push_back(std::move(row));
  }
  add_blank_office_rows(f);
  for (const domain::OpeningSlot& h : c.hours) {
    if (h.weekday < 1 || h.weekday > 7) continue;
    HoursCell& cell = f.hours[static_cast<std::size_t>(h.weekday - 1)][h.slot == domain::Slot::Morning ? 0 : 1];
    cell.open = time_value(h.open_minute);
    cell.close = time_value(h.close_minute);
  }
  if (c.zrr_override) {
    f.zrr = c.zrr_override->zrr ? "zrr" : "not_zrr";
    f.zrr_reason = c.zrr_override->reason;
  }
  return f;
}

CentreForm blank_form() {
  CentreForm f;
  add_blank_office_rows(f);
  return f;
}

bool checked(const FormData& form, std::string_view name) { return form.has(name); }

// Replaces the fields of `section` with what was sent.
void read_section(const FormData& form, Section section, CentreForm& f) {
  switch (section) {
    case Section::General:
      f.name = form.text("name");
      f.host_authority = form.text("host_authority");
      f.commune = form.text("commune");
      f.address = form.text("address");
      f.description = form.text("description");
      f.holidays = checked(form, "holidays");
      break;
    case Section::Services:
      f.reception = form.text("reception");
      f.copier = checked(form, "copier");
      f.fax = checked(form, "fax");
      f.printer = checked(form, "printer");
      f.meeting_room = checked(form, "meeting_room");
      f.videoconference = checked(form, "videoconference");
      f.down = form.text("broadband_down");
      f.up = form.text("broadband_up");
      break;
    case Section::Accessibility:
      f.step_free = checked(form, "step_free");
      f.toilets = checked(form, "adapted_toilets");
      f.parking = checked(form, "reserved_parking");
      f.erp = form.text("erp_category");
      f.register_url = form.text("register_url");
      break;
    case Section::Offices:
      f.offices.clear();
      for (std::size_t i = 1; i <= kOfficeRowsRead; ++i) {
        const std::string p = office_prefix(i);
        if (!form.has(p + "id") && !form.has(p + "name") && !form.has(p + "add")) continue;
        OfficeRow row;
        row.index = i;
        row.id = form.text(p + "id");
        row.name = form.text(p + "name");
        row.add = form.text(p + "add");
        row.remove = checked(form, p + "remove");
        for (std::size_t j = 1; j <= kPostRowsRead; ++j) {
          const std::string q = post_prefix(i, j);
          if (!form.has(q + "id")) continue;
          row.posts.push_back({form.text(q + "id"), form.text(q + "label"), checked(form, q + "remove")});
        }
        f.offices.push_back(std::move(row));
      }
      break;
    case Section::Hours:
      for (int d = 1; d <= 7; ++d)
        for (std::size_t s = 0; s < kSlots.size(); ++s) {
          HoursCell& cell = f.hours[static_cast<std::size_t>(d - 1)][s];
          cell.open = form.text(hours_id(d, kSlots[s], "open"));
          cell.close = form.text(hours_id(d, kSlots[s], "close"));
        }
      break;
    case Section::Closures:
      f.closures_removed = form.all("closure_remove");
      f.closure_from = form.text("closure_from");
      f.closure_to = form.text("closure_to");
      f.closure_reason = form.text("closure_reason");
      break;
    case Section::Zrr:
      f.zrr = form.text("zrr");
      f.zrr_reason = form.text("zrr_reason");
      break;
  }
}

// ---- checking the form: what the page can tell without the store (the service checks again) ----

struct General {
  std::string name, host_authority, insee, address, description;
  domain::LatLon location;
  bool holidays = false;
};

General check_general(const CentreForm& f, const geo::CommuneIndex& communes, FormErrors& errors) {
  General g;
  g.name = f.name;
  if (f.name.empty()) {
    add_error(errors, "name", "centre_admin.error.name_missing");
  } else if (too_long(f.name, kNameMax)) {
    add_error(errors, "name", "centre_admin.error.too_long", {{"max", std::to_string(kNameMax)}});
  }
  g.host_authority = f.host_authority;
  if (too_long(f.host_authority, kTextMax))
    add_error(errors, "host_authority", "centre_admin.error.too_long", {{"max", std::to_string(kTextMax)}});
  if (f.commune.empty()) {
    add_error(errors, "commune", "centre_admin.error.commune_missing");
  } else if (const domain::Commune* c = communes.by_insee(f.commune)) {
    g.insee = c->insee;
    g.location = c->centre;
  } else {
    add_error(errors, "commune", "centre_admin.error.commune_unknown");
  }
  g.address = f.address;
  if (too_long(f.address, kTextMax))
    add_error(errors, "address", "centre_admin.error.too_long", {{"max", std::to_string(kTextMax)}});
  g.description = f.description;
  if (too_long(f.description, kDescriptionMax))
    add_error(errors, "description", "centre_admin.error.too_long", {{"max", std::to_string(kDescriptionMax)}});
  g.holidays = f.holidays;
  return g;
}

domain::Services check_services(const CentreForm& f, FormErrors& errors) {
  domain::Services s;
  if (const auto r = domain::parse_reception(f.reception)) {
    s.reception = *r;
  } else {
    add_error(errors, "reception", "centre_admin.error.reception");
  }
  s.copier = f.copier;
  s.fax = f.fax;
  s.printer = f.printer;
  s.meeting_room = f.meeting_room;
  s.videoconference = f.videoconference;
  auto mbps = [&](std::string_view id, const std::string& typed, double& out) {
    if (typed.empty()) {
      out = 0;
    } else if (const auto v = parse_decimal(typed)) {
      out = *v;
    } else {
      add_error(errors, id, "centre_admin.error.mbps");
    }
  };
  mbps("broadband_down", f.down, s.broadband_down_mbps);
  mbps("broadband_up", f.up, s.broadband_up_mbps);
  return s;
}

domain::Accessibility check_accessibility(const CentreForm& f, FormErrors& errors) {
  domain::Accessibility a;
  a.step_free = f.step_free;
  a.adapted_toilets = f.toilets;
  a.reserved_parking = f.parking;
  if (!f.erp.empty()) {
    if (const auto n = parse_int(f.erp, 1, 5)) {
      a.erp_category = *n;
    } else {
      add_error(errors, "erp_category", "centre_admin.error.erp");
    }
  }
  a.register_url = f.register_url;
  if (!f.register_url.empty()) {
    const bool web = f.register_url.starts_with("https://") || f.register_url.starts_with("http://");
    if (!web || f.register_url.size() > 500 || f.register_url.find_first_of(" \t\"<>") != std::string::npos)
      add_error(errors, "register_url", "centre_admin.error.url");
  }
  return a;
}

// "Poste 7" → 7; 0 otherwise.
int post_number(const std::string& label) {
  constexpr std::string_view kPrefix = "Poste ";
  if (!label.starts_with(kPrefix)) return 0;
  return parse_int(std::string_view(label).substr(kPrefix.size()), 1, 100000).value_or(0);
}

std::vector<domain::Office> check_offices(const CentreForm& f, const domain::Centre* stored, FormErrors& errors) {
  std::vector<domain::Office> out;
  int next_post = 1;
  if (stored)
    for (const domain::Office& o : stored->offices)
      for (const domain::Post& p : o.posts) next_post = std::max({next_post, post_number(p.label) + 1});
  if (stored) next_post = std::max(next_post, stored->post_count() + 1);
  auto stored_office = [&](domain::CentreId id) -> const domain::Office* {
    if (!stored) return nullptr;
    for (const domain::Office& o : stored->offices)
      if (o.id == id) return &o;
    return nullptr;
  };
  auto stored_post = [&](domain::PostId id) {
    if (stored)
      for (const domain::Office& o : stored->offices)
        for (const domain::Post& post : o.posts)
          if (post.id == id) return true;
    return false;
  };
  // Each office and post once: a form sent twice over, or altered, must not reach the store.
  std::set<std::int64_t> seen_offices, seen_posts;
  std::size_t described = 0;
  for (const OfficeRow& row : f.offices) {
    const std::string p = office_prefix(row.index);
    domain::Office o;
    if (!row.id.empty()) {
      const auto id = positive_number(row.id);
      const domain::Office* known = id ? stored_office(*id) : nullptr;
      if (!known || !seen_offices.insert(known->id).second) {
        add_error(errors, p + "name", "centre_admin.error.office_unknown");
        continue;
      }
      if (row.remove) continue;  // the store refuses (409) when one of its posts has bookings or agreements
      o.id = known->id;
      o.name = row.name;
      if (row.name.empty()) add_error(errors, p + "name", "centre_admin.error.office_name");
      for (std::size_t j = 0; j < row.posts.size(); ++j) {
        const PostRow& post = row.posts[j];
        const auto pid = positive_number(post.id);
        if (!pid || !stored_post(*pid) || !seen_posts.insert(*pid).second) {
          add_error(errors, post_prefix(row.index, j + 1) + "label", "centre_admin.error.office_unknown");
          continue;
        }
        if (post.remove) continue;
        if (post.label.empty())
          add_error(errors, post_prefix(row.index, j + 1) + "label", "centre_admin.error.post_label");
        o.posts.push_back({*pid, post.label});
      }
      if (!row.add.empty()) {
        if (const auto n = parse_int(row.add, 0, kMaxPostsAdded)) {
          for (int k = 0; k < *n; ++k) o.posts.push_back({0, "Poste " + std::to_string(next_post++)});
        } else {
          add_error(errors, p + "add", "centre_admin.error.posts_added", {{"max", std::to_string(kMaxPostsAdded)}});
        }
      }
      if (o.posts.empty() && !errors.has(p + "add"))
        add_error(errors, p + "name", "centre_admin.error.office_empty", {{"name", row.name}});
    } else {
      if (row.name.empty() && row.add.empty()) continue;  // an empty row: ignored
      o.name = row.name.empty() ? "Bureau " + std::to_string(described + 1) : row.name;
      if (const auto n = parse_int(row.add, 1, kMaxPostsAdded)) {
        for (int k = 0; k < *n; ++k) o.posts.push_back({0, "Poste " + std::to_string(next_post++)});
      } else {
        add_error(errors, p + "add", "centre_admin.error.posts_new", {{"max", std::to_string(kMaxPostsAdded)}});
      }
    }
    if (too_long(o.name, kNameMax))
      add_error(errors, p + "name", "centre_admin.error.too_long", {{"max", std::to_string(kNameMax)}});
    ++described;
    out.push_back(std::move(o));
  }
  const std::string first = f.offices.empty() ? "office_1_name" : office_prefix(f.offices.front().index) + "name";
  if (described == 0) {
    errors.add_general(first, tr(Lang::Fr, "centre_admin.error.offices_none"),
                       tr(Lang::En, "centre_admin.error.offices_none"));
  } else if (described > kMaxOffices) {
    const std::string n = std::to_string(described);
    errors.add_general(first, format_message(Lang::Fr, "centre_admin.error.offices_too_many", {{"n", n}}),
                       format_message(Lang::En, "centre_admin.error.offices_too_many", {{"n", n}}));
  }
  return out;
}

std::vector<domain::OpeningSlot> check_hours(const CentreForm& f, FormErrors& errors) {
  std::vector<domain::OpeningSlot> out;
  for (int d = 1; d <= 7; ++d)
    for (std::size_t s = 0; s < kSlots.size(); ++s) {
      const HoursCell& cell = f.hours[static_cast<std::size_t>(d - 1)][s];
      if (cell.open.empty() && cell.close.empty()) continue;  // closed
      const std::string open_id = hours_id(d, kSlots[s], "open"), close_id = hours_id(d, kSlots[s], "close");
      const int open = cell.open.empty() ? -1 : parse_time(cell.open).value_or(-1);
      const int close = cell.close.empty() ? -1 : parse_time(cell.close).value_or(-1);
      if (cell.open.empty()) {
        add_error(errors, open_id, "centre_admin.error.hours_open_missing");
      } else if (open < 0) {
        add_error(errors, open_id, "centre_admin.error.time");
      }
      if (cell.close.empty()) {
        add_error(errors, close_id, "centre_admin.error.hours_close_missing");
      } else if (close < 0) {
        add_error(errors, close_id, "centre_admin.error.time");
      }
      if (open < 0 || close < 0) continue;
      if (open >= close) {
        add_error(errors, close_id, "centre_admin.error.hours_order");
      } else {
        out.push_back({d, kSlots[s], open, close});
      }
    }
  return out;
}

std::vector<domain::Closure> check_closures(const CentreForm& f, const std::vector<domain::Closure>& stored,
                                            FormErrors& errors) {
  std::vector<domain::Closure> out;
  for (std::size_t i = 0; i < stored.size(); ++i) {
    const std::string index = std::to_string(i);
    if (std::find(f.closures_removed.begin(), f.closures_removed.end(), index) == f.closures_removed.end())
      out.push_back(stored[i]);
  }
  if (f.closure_from.empty() && f.closure_to.empty() && f.closure_reason.empty()) return out;
  const auto from = domain::parse_date(f.closure_from);
  const auto to = f.closure_to.empty() ? from : domain::parse_date(f.closure_to);
  if (f.closure_from.empty())
    add_error(errors, "closure_from", "centre_admin.error.closure_from_missing");
  else if (!from)
    add_error(errors, "closure_from", "centre_admin.error.date");
  if (!f.closure_to.empty() && !to) add_error(errors, "closure_to", "centre_admin.error.date");
  if (from && to && *to < *from) add_error(errors, "closure_to", "centre_admin.error.closure_order");
  if (too_long(f.closure_reason, kTextMax))
    add_error(errors, "closure_reason", "centre_admin.error.too_long", {{"max", std::to_string(kTextMax)}});
  // People give the last day closed; the domain's closure ends the day after it (half-open).
  if (from && to && !(*to < *from)) out.push_back({*from, to->plus_days(1), f.closure_reason});
  return out;
}

std::optional<domain::ZrrOverride> check_zrr(const CentreForm& f, FormErrors& errors) {
  if (f.zrr == "commune") return std::nullopt;
  if (f.zrr != "zrr" && f.zrr != "not_zrr") {
    add_error(errors, "zrr", "centre_admin.error.zrr_choice");
    return std::nullopt;
  }
  if (f.zrr_reason.empty()) add_error(errors, "zrr_reason", "centre_admin.error.zrr_reason");
  if (too_long(f.zrr_reason, kTextMax))
    add_error(errors, "zrr_reason", "centre_admin.error.too_long", {{"max", std::to_string(kTextMax)}});
  return domain::ZrrOverride{f.zrr == "zrr", f.zrr_reason};
}

// ---- the form as the templates draw it ----

json error_of(const FormErrors& errors, std::string_view id) {
  const std::string e = errors.message(id);
  return e.empty() ? json(false) : json(e);
}

// An <input> as the _field partial draws it, every key set.
json input_json(std::string id, std::string label, std::string hint, std::string_view type, std::string value,
                bool required, const FormErrors& errors) {
  const bool has_hint = !hint.empty();
  json describedby = described_by(id, has_hint, errors);
  json error = error_of(errors, id);
  return {{"id", std::move(id)},
          {"type", std::string(type)},
          {"label", std::move(label)},
          {"hint", has_hint ? json(std::move(hint)) : json(false)},
          {"value", std::move(value)},
          {"error", std::move(error)},
          {"describedby", std::move(describedby)},
          {"autocomplete", "off"},
          {"required", required}};
}

json input_json(Lang lang, std::string id, std::string_view label_key, std::string_view hint_key, std::string_view type,
                std::string value, bool required, const FormErrors& errors) {
  return input_json(std::move(id), std::string(tr(lang, label_key)),
                    hint_key.empty() ? std::string() : std::string(tr(lang, hint_key)), type, std::move(value),
                    required, errors);
}

// A <select> as the _app_select partial draws it.
json select_json(Lang lang, std::string id, std::string_view label_key, json options, bool required,
                 const FormErrors& errors) {
  json describedby = described_by(id, false, errors);
  json error = error_of(errors, id);
  return {{"id", std::move(id)},
          {"label", std::string(tr(lang, label_key))},
          {"hint", false},
          {"options", std::move(options)},
          {"error", std::move(error)},
          {"describedby", std::move(describedby)},
          {"required", required}};
}

json option_json(std::string value, std::string label, bool selected) {
  return {{"value", std::move(value)}, {"label", std::move(label)}, {"selected", selected}};
}

// A <textarea> as the _app_textarea partial draws it.
json textarea_json(Lang lang, std::string id, std::string_view label_key, std::string_view hint_key, std::string value,
                   bool required, const FormErrors& errors) {
  const bool has_hint = !hint_key.empty();
  json describedby = described_by(id, has_hint, errors);
  json error = error_of(errors, id);
  std::string name = id;
  return {{"id", std::move(id)},
          {"name", std::move(name)},
          {"label", std::string(tr(lang, label_key))},
          {"hint", has_hint ? json(std::string(tr(lang, hint_key))) : json(false)},
          {"value", std::move(value)},
          {"error", std::move(error)},
          {"describedby", std::move(describedby)},
          {"required", required},
          {"rows", 4}};
}

// A checkbox as the _centre_admin_checkbox partial draws it; its name is its id unless given.
json checkbox_json(std::string id, std::string label, bool is_checked, std::string name = {},
                   std::string value = "yes") {
  if (name.empty()) name = id;
  return {{"id", std::move(id)},
          {"name", std::move(name)},
          {"value", std::move(value)},
          {"label", std::move(label)},
          {"checked", is_checked}};
}

json checkbox_json(Lang lang, std::string id, std::string_view label_key, bool is_checked) {
  return checkbox_json(std::move(id), std::string(tr(lang, label_key)), is_checked);
}

// The Cantal's communes by name, for the commune select.
std::vector<const domain::Commune*> communes_by_name(const geo::CommuneIndex& index) {
  std::vector<std::pair<std::string, const domain::Commune*>> keyed;
  for (const domain::Commune& c : index.all())
    keyed.emplace_back(geo::normalise_place_name(c.name) + " " + c.insee, &c);
  std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<const domain::Commune*> out;
  out.reserve(keyed.size());
  for (const auto& [key, c] : keyed) out.push_back(c);
  return out;
}

json general_json(Lang lang, const CentreForm& f, const geo::CommuneIndex& communes, const FormErrors& errors) {
  json options = json::array();
  options.push_back(option_json("", std::string(tr(lang, "centre_admin.field.commune_choose")), f.commune.empty()));
  for (const domain::Commune* c : communes_by_name(communes))
    options.push_back(option_json(c->insee, c->name + " (" + c->insee + ")", c->insee == f.commune));
  return {
      {"name", input_json(lang, "name", "centre_admin.field.name", "", "text", f.name, true, errors)},
      {"host_authority", input_json(lang, "host_authority", "centre_admin.field.host_authority",
                                    "centre_admin.field.host_authority_hint", "text", f.host_authority, false, errors)},
      {"commune", select_json(lang, "commune", "centre_admin.field.commune", std::move(options), true, errors)},
      {"address", input_json(lang, "address", "centre_admin.field.address", "", "text", f.address, false, errors)},
      {"description", textarea_json(lang, "description", "centre_admin.field.description",
                                    "centre_admin.field.description_hint", f.description, false, errors)},
      {"holidays", checkbox_json(lang, "holidays", "centre_admin.field.holidays", f.holidays)}};
}

json services_json(Lang lang, const CentreForm& f, const FormErrors& errors) {
  json receptions = json::array();
  for (domain::Reception r : {domain::Reception::None, domain::Reception::Secretariat, domain::Reception::Animator}) {
    const std::string value(domain::to_string(r));
    receptions.push_back(option_json(value, reception_label(r, lang), value == f.reception));
  }
  json boxes = json::array();
  boxes.push_back(checkbox_json("copier", service_label(domain::Service::Copier, lang), f.copier));
  boxes.push_back(checkbox_json("fax", service_label(domain::Service::Fax, lang), f.fax));
  boxes.push_back(checkbox_json("printer", service_label(domain::Service::Printer, lang), f.printer));
  boxes.push_back(checkbox_json("meeting_room", service_label(domain::Service::MeetingRoom, lang), f.meeting_room));
  boxes.push_back(
      checkbox_json("videoconference", service_label(domain::Service::Videoconference, lang), f.videoconference));
  return {{"reception",
           select_json(lang, "reception", "centre_admin.field.reception", std::move(receptions), true, errors)},
          {"equipment", std::move(boxes)},
          {"down", input_json(lang, "broadband_down", "centre_admin.field.broadband_down",
                              "centre_admin.field.mbps_hint", "text", f.down, false, errors)},
          {"up", input_json(lang, "broadband_up", "centre_admin.field.broadband_up", "centre_admin.field.mbps_hint",
                            "text", f.up, false, errors)}};
}

json accessibility_json(Lang lang, const CentreForm& f, const FormErrors& errors) {
  json erp = json::array();
  erp.push_back(option_json("", std::string(tr(lang, "access.erp.unknown")), f.erp.empty()));
  for (int n = 1; n <= 5; ++n) {
    const std::string value = std::to_string(n);
    erp.push_back(option_json(
        value,
        n == 1 ? std::string(tr(lang, "access.erp.first")) : format_message(lang, "access.erp.other", {{"n", value}}),
        value == f.erp));
  }
  json boxes = json::array();
  boxes.push_back(checkbox_json(lang, "step_free", "access.step_free", f.step_free));
  boxes.push_back(checkbox_json(lang, "adapted_toilets", "access.adapted_toilets", f.toilets));
  boxes.push_back(checkbox_json(lang, "reserved_parking", "access.reserved_parking", f.parking));
  return {{"boxes", std::move(boxes)},
          {"erp", select_json(lang, "erp_category", "access.erp_category", std::move(erp), false, errors)},
          {"register_url", input_json(lang, "register_url", "centre_admin.field.register_url",
                                      "centre_admin.field.register_url_hint", "url", f.register_url, false, errors)}};
}

json offices_json(Lang lang, const CentreForm& f, const FormErrors& errors) {
  json rows = json::array();
  std::size_t new_rows = 0;
  for (const OfficeRow& row : f.offices) {
    const std::string p = office_prefix(row.index);
    const bool existing = !row.id.empty();
    const std::string n = std::to_string(row.index);
    json posts = json::array();
    for (std::size_t j = 0; j < row.posts.size(); ++j) {
      const PostRow& post = row.posts[j];
      const std::string q = post_prefix(row.index, j + 1);
      const std::string shown = post.label.empty() ? std::to_string(j + 1) : post.label;
      posts.push_back(
          {{"id_name", q + "id"},
           {"id_value", post.id},
           {"label", input_json(q + "label",
                                format_message(lang, "centre_admin.field.post_label", {{"n", std::to_string(j + 1)}}),
                                "", "text", post.label, true, errors)},
           {"remove",
            checkbox_json(q + "remove", format_message(lang, "centre_admin.field.post_remove", {{"post", shown}}),
                          post.remove)}});
    }
    if (!existing) ++new_rows;
    rows.push_back(
        {{"id_name", p + "id"},
         {"id_value", row.id},
         {"existing", existing},
         {"legend", existing
                        ? format_message(lang, "centre_admin.offices.legend_existing", {{"n", n}, {"name", row.name}})
                        : format_message(lang, "centre_admin.offices.legend_new", {{"n", n}})},
         {"name", input_json(p + "name", std::string(tr(lang, "centre_admin.field.office_name")), "", "text", row.name,
                             false, errors)},
         {"has_posts", !posts.empty()},
         {"posts", std::move(posts)},
         {"add",
          input_json(
              p + "add",
              std::string(tr(lang, existing ? "centre_admin.field.posts_added" : "centre_admin.field.posts_new")),
              format_message(lang, "centre_admin.field.posts_hint", {{"max", std::to_string(kMaxPostsAdded)}}), "text",
              row.add, false, errors)},
         {"remove", existing ? checkbox_json(p + "remove",
                                             format_message(lang, "centre_admin.field.office_remove",
                                                            {{"name", row.name.empty() ? n : row.name}}),
                                             row.remove)
                             : json(false)}});
  }
  return {{"rows", std::move(rows)}, {"has_new", new_rows > 0}};
}

// A time input of the hours table: its visible label says "Ouverture" or "Fermeture", the hidden part of it the
// day and half-day (the table's headers say them to the eye).
json time_input_json(Lang lang, int day, domain::Slot slot, std::string_view end, const std::string& value,
                     const FormErrors& errors) {
  const std::string id = hours_id(day, slot, end);
  const std::string prefix = format_message(
      lang, "centre_admin.hours.cell_prefix",
      {{"day", std::string(tr(lang, "day." + std::to_string(day)))},
       {"slot",
        lower_first(std::string(tr(lang, slot == domain::Slot::Morning ? "hours.morning" : "hours.afternoon")))}});
  return {{"id", id},
          {"prefix", prefix},
          {"visible", std::string(tr(lang, end == "open" ? "centre_admin.hours.open" : "centre_admin.hours.close"))},
          {"value", value},
          {"error", error_of(errors, id)},
          {"describedby", described_by(id, false, errors)}};
}

json hours_json(Lang lang, const CentreForm& f, const FormErrors& errors) {
  json rows = json::array();
  for (int d = 1; d <= 7; ++d) {
    json cells = json::array();
    for (std::size_t s = 0; s < kSlots.size(); ++s) {
      const HoursCell& cell = f.hours[static_cast<std::size_t>(d - 1)][s];
      cells.push_back({{"open", time_input_json(lang, d, kSlots[s], "open", cell.open, errors)},
                       {"close", time_input_json(lang, d, kSlots[s], "close", cell.close, errors)}});
    }
    rows.push_back({{"day", std::string(tr(lang, "day." + std::to_string(d)))}, {"cells", std::move(cells)}});
  }
  return {{"rows", std::move(rows)}};
}

json closures_json(Lang lang, const CentreForm& f, const std::vector<domain::Closure>& stored,
                   const FormErrors& errors) {
  json items = json::array();
  for (std::size_t i = 0; i < stored.size(); ++i) {
    const std::string index = std::to_string(i);
    const std::string text = format_closure(stored[i], lang);
    const bool removed =
        std::find(f.closures_removed.begin(), f.closures_removed.end(), index) != f.closures_removed.end();
    items.push_back({{"text", text},
                     {"reason", stored[i].reason.empty() ? json(false) : json(stored[i].reason)},
                     {"value", index},
                     {"remove", checkbox_json("closure_remove_" + index,
                                              format_message(lang, "centre_admin.closures.remove", {{"what", text}}),
                                              removed, "closure_remove", index)}});
  }
  return {{"has_items", !items.empty()},
          {"items", std::move(items)},
          {"from", input_json(lang, "closure_from", "centre_admin.field.closure_from",
                              "centre_admin.field.closure_from_hint", "date", f.closure_from, false, errors)},
          {"to", input_json(lang, "closure_to", "centre_admin.field.closure_to", "centre_admin.field.closure_to_hint",
                            "date", f.closure_to, false, errors)},
          {"reason", input_json(lang, "closure_reason", "centre_admin.field.closure_reason",
                                "centre_admin.field.closure_reason_hint", "text", f.closure_reason, false, errors)}};
}

json zrr_json(Lang lang, const CentreForm& f, const domain::Commune* commune, const FormErrors& errors) {
  const std::string commune_says =
      commune ? format_message(lang, commune->zrr ? "centre_admin.zrr.commune_in" : "centre_admin.zrr.commune_out",
                               {{"commune", commune->name}})
              : std::string();
  json options = json::array();
  std::size_t i = 0;
  for (std::string_view value : {"commune", "zrr", "not_zrr"}) {
    options.push_back({{"id", i++ == 0 ? std::string("zrr") : "zrr-" + std::string(value)},
                       {"value", std::string(value)},
                       {"label", std::string(tr(lang, "centre_admin.zrr.choice." + std::string(value)))},
                       {"checked", f.zrr == value}});
  }
  return {{"commune_says", commune_says},
          {"options", std::move(options)},
          {"error", error_of(errors, "zrr")},
          {"describedby", described_by("zrr", false, errors)},
          {"reason", textarea_json(lang, "zrr_reason", "centre_admin.field.zrr_reason",
                                   "centre_admin.field.zrr_reason_hint", f.zrr_reason, false, errors)}};
}

}  // namespace

// ---- shared by the administration pages ----

bool manages_centres(const domain::Actor& a) {
  return a.is_admin() || (a.has(domain::Role::Host) && !a.host_centres.empty());
}

std::optional<Response> admit_manager(App& app, const RequestContext& req, std::optional<service::Caller>& caller,
                                      bool admins_only, std::string_view come_back) {
  caller = identify(app, req);
  if (!caller) return see_other(sign_in_then(come_back, req.lang));
  if (admins_only ? !caller->actor.is_admin() : !manages_centres(caller->actor)) return admin_forbidden_page(app, req);
  return std::nullopt;
}

std::string centre_edit_path(domain::CentreId id) { return std::string(kCentresAdminPath) + "/" + std::to_string(id); }
std::string centre_conformity_path(domain::CentreId id) { return centre_edit_path(id) + "/conformite"; }

Response admin_forbidden_page(App& app, const RequestContext& req) {
  return error_page(app, req, 403, tr(Lang::Fr, "centre_admin.forbidden"), tr(Lang::En, "centre_admin.forbidden"));
}

Response managed_centre_not_found_page(App& app, const RequestContext& req) {
  return error_page(app, req, 404, tr(Lang::Fr, "centre_admin.not_found"), tr(Lang::En, "centre_admin.not_found"));
}

Response centre_refusal_page(App& app, const RequestContext& req, const ServiceError& e) {
  switch (e.kind) {
    case Kind::NotFound: return managed_centre_not_found_page(app, req);
    case Kind::Forbidden: return error_page(app, req, 403, e.message_fr, e.message_en);
    default: throw e;
  }
}

json admin_nav_json(const domain::Actor& actor, Lang lang, std::string_view current) {
  if (!actor.is_admin()) return false;
  json items = json::array();
  for (const auto& [path, key] : std::initializer_list<std::pair<std::string_view, std::string_view>>{
           {kCentresAdminPath, "centre_admin.nav.centres"},
           {kNetworkConformityPath, "centre_admin.nav.conformity"},
           {"/admin/equipement", "centre_admin.nav.equipment"},
           {"/admin/subvention", "centre_admin.nav.grant"},
           {"/admin/journal", "centre_admin.nav.audit"}})
    items.push_back(
        {{"href", with_lang(path, lang)}, {"label", std::string(tr(lang, key))}, {"current", path == current}});
  return {{"items", std::move(items)}};
}

namespace {

// ---- the list ----

Response get_list(App& app, const RequestContext& req) {
  std::optional<service::Caller> caller;
  if (auto early = admit_manager(app, req, caller, false, req.target)) return std::move(*early);
  const Lang lang = req.lang;
  const domain::Actor& actor = caller->actor;
  const auto snapshot = app.directory.snapshot();

  std::vector<domain::Centre> centres;
  std::vector<service::ConformityView> judged;
  try {
    centres = app.admin.managed_centres(actor);
    if (actor.is_admin()) {
      judged = app.admin.network_conformity(actor);
    } else {
      for (const domain::Centre& c : centres) judged.push_back(app.admin.conformity(actor, c.id));
    }
  } catch (const ServiceError& e) {
    return centre_refusal_page(app, req, e);
  }
  json rows = json::array();
  for (const domain::Centre& c : centres) {
    const domain::Commune* commune = snapshot->communes.by_insee(c.commune_insee);
    const auto view = std::find_if(judged.begin(), judged.end(),
                                   [&](const service::ConformityView& v) { return v.centre.id == c.id; });
    const std::string edit = centre_edit_path(c.id);
    rows.push_back({{"name", c.name},
                    {"commune", commune ? commune->name : c.commune_insee},
                    {"status", status_json(c.status, lang)},
                    {"posts", c.post_count()},
                    {"conformity", view == judged.end() ? json(false) : json(conformity_summary(view->result, lang))},
                    {"conforming", view != judged.end() && view->result.conforming()},
                    {"edit_href", with_lang(edit, lang)},
                    {"conformity_href", with_lang(centre_conformity_path(c.id), lang)},
                    {"equipment_href", with_lang(edit + "/equipement", lang)},
                    {"agreements_href", with_lang(edit + "/conventions", lang)}});
  }
  const std::string title(tr(lang, "centre_admin.list.title"));
  const json data = {
      {"current", {{"admin", true}}},
      {"admin_nav", admin_nav_json(actor, lang, kCentresAdminPath)},
      {"intro",
       std::string(tr(lang, actor.is_admin() ? "centre_admin.list.intro_admin" : "centre_admin.list.intro_host"))},
      {"new_href", actor.is_admin() ? json(with_lang(std::string(kCentresAdminPath) + "/nouveau", lang)) : json(false)},
      {"caption", format_count(lang, "centre_admin.list.caption", static_cast<long>(rows.size()))},
      {"has_rows", !rows.empty()},
      {"rows", std::move(rows)},
  };
  return render_private_page(app, req, &*caller, "centre_admin_list", data, title);
}

// ---- creating a centre ----

Response show_new(App& app, const RequestContext& req, const service::Caller& caller, const CentreForm& f,
                  const FormErrors& errors, unsigned status) {
  const Lang lang = req.lang;
  const auto snapshot = app.directory.snapshot();
  const json data = {
      {"current", json::object()},
      {"admin_nav", admin_nav_json(caller.actor, lang, "")},
      {"csrf", caller.csrf_token},
      {"error_summary", errors.summary()},
      {"expired", false},
      {"list_href", with_lang(kCentresAdminPath, lang)},
      {"self_href", with_lang(std::string(kCentresAdminPath) + "/nouveau", lang)},
      {"general", general_json(lang, f, snapshot->communes, errors)},
      {"services", services_json(lang, f, errors)},
      {"accessibility", accessibility_json(lang, f, errors)},
      {"offices", offices_json(lang, f, errors)},
      {"hours", hours_json(lang, f, errors)},
  };
  return render_private_page(app, req, &caller, "centre_admin_new", data,
                             form_title_for_key(lang, "centre_admin.new.title", !errors.empty()), status);
}

Response get_new(App& app, const RequestContext& req) {
  std::optional<service::Caller> caller;
  if (auto early = admit_manager(app, req, caller, true, req.target)) return std::move(*early);
  return show_new(app, req, *caller, blank_form(), FormErrors(req.lang), 200);
}

Response post_new(App& app, const RequestContext& req) {
  const std::string self = std::string(kCentresAdminPath) + "/nouveau";
  const auto caller = identify(app, req);
  if (!caller) return see_other(sign_in_then(self, req.lang));
  const FormData form(req.body);
  if (form.oversized()) return form_too_large(app, req);
  if (!csrf_ok(*caller, req, form.raw("csrf"))) return expired_form_page(app, req);
  if (!caller->actor.is_admin()) return admin_forbidden_page(app, req);

  CentreForm f = blank_form();
  for (Section s : {Section::General, Section::Services, Section::Accessibility, Section::Offices, Section::Hours})
    read_section(form, s, f);
  FormErrors errors(req.lang);
  const auto snapshot = app.directory.snapshot();
  const General g = check_general(f, snapshot->communes, errors);
  domain::Centre c;
  c.name = g.name;
  c.host_authority = g.host_authority;
  c.commune_insee = g.insee;
  c.address = g.address;
  c.location = g.location;
  c.description = g.description;
  c.open_on_public_holidays = g.holidays;
  c.services = check_services(f, errors);
  c.accessibility = check_accessibility(f, errors);
  c.offices = check_offices(f, nullptr, errors);
  c.hours = check_hours(f, errors);
  add_blank_office_rows(f);
  if (!errors.empty()) return show_new(app, req, *caller, f, errors, 400);

  domain::CentreId id = 0;
  try {
    id = app.admin.create_centre(caller->actor, c).id;
  } catch (const ServiceError& e) {
    if (e.kind == Kind::Forbidden) return error_page(app, req, 403, e.message_fr, e.message_en);
    if (e.kind != Kind::Invalid && e.kind != Kind::Conflict && e.kind != Kind::Unprocessable &&
        e.kind != Kind::NotFound)
      throw;
    errors.add_general("name", e.message_fr, e.message_en);
    return show_new(app, req, *caller, f, errors, http_status(e.kind));
  }
  return see_other(with_lang(centre_edit_path(id) + "?fait=creation", req.lang));
}

// ---- a centre's edit page ----

// What the edit page shows besides the stored centre: the section that was sent, as typed, and its problems; a
// refused status change.
struct EditPage {
  explicit EditPage(Lang lang) : errors(lang) {}
  std::optional<CentreForm> form;  // none: as stored
  FormErrors errors;
  std::string status_on;
  std::string status_reason;
  json refused_criteria = false;  // the criteria not met, after a refusal to put the centre in service
};

std::optional<CentreStatus> next_status(CentreStatus s) {
  for (CentreStatus to : {CentreStatus::Opening, CentreStatus::InService, CentreStatus::Closed})
    if (domain::can_transition(s, to)) return to;
  return std::nullopt;
}

json failed_criteria_json(const domain::ConformityResult& r, Lang lang) {
  json out = json::array();
  for (const domain::Criterion* k : r.failed())
    out.push_back({{"label", criterion_label(k->code, lang)}, {"message", criterion_message(*k, lang)}});
  return out;
}

json status_form_json(App& app, const service::Caller& caller, const domain::Centre& c, const EditPage& page,
                      Lang lang) {
  const auto to = next_status(c.status);
  json since = false;
  if (!c.history.empty())
    since = format_message(lang, "status.since." + std::string(domain::to_string(c.status)),
                           {{"date", format_date(c.history.back().on, lang)}});
  json out = {{"current", status_json(c.status, lang)}, {"since", since}, {"next", false}};
  if (!to) return out;
  json failed = page.refused_criteria;
  bool needs_reason = false;
  if (*to == CentreStatus::InService) {
    const auto view = app.admin.conformity(caller.actor, c.id);
    needs_reason = !view.result.conforming();
    if (needs_reason && failed.is_boolean()) failed = failed_criteria_json(view.result, lang);
  }
  const std::string to_name(domain::to_string(*to));
  const std::string label = status_label(*to, lang);
  json reason = textarea_json(lang, "override_reason", "centre_admin.status.reason_label",
                              "centre_admin.status.reason_hint", page.status_reason, needs_reason, page.errors);
  out["next"] = {
      {"value", to_name},
      {"button", format_message(lang, "centre_admin.status.button", {{"status", label}})},
      {"explain", std::string(tr(lang, "centre_admin.status.explain." + to_name))},
      {"on", input_json(lang, "status_on", "centre_admin.status.on_label", "centre_admin.status.on_hint", "date",
                        page.status_on.empty() ? centre_today(c).iso() : page.status_on, true, page.errors)},
      {"needs_reason", needs_reason},
      {"has_failed", failed.is_array() && !failed.empty()},
      {"failed", failed.is_array() ? failed : json::array()},
      {"reason", std::move(reason)},
  };
  return out;
}

std::string notice_of(const RequestContext& req) {
  const std::string done = req.param("fait").value_or("");
  if (done == "creation" || done == "statut") return std::string(tr(req.lang, "centre_admin.done." + done));
  if (parse_section(done)) return std::string(tr(req.lang, "centre_admin.done." + done));
  return {};
}

Response show_edit(App& app, const RequestContext& req, const service::Caller& caller, const domain::Centre& c,
                   const EditPage& page, unsigned status) {
  const Lang lang = req.lang;
  const bool admin = caller.actor.is_admin();
  const auto snapshot = app.directory.snapshot();
  const CentreForm f = page.form ? *page.form : form_of(c, lang);
  const FormErrors& errors = page.errors;
  const std::string edit = centre_edit_path(c.id);
  const std::string notice = notice_of(req);
  const domain::Commune* commune = snapshot->communes.by_insee(c.commune_insee);

  json data = {
      {"current", json::object()},
      {"admin_nav", admin_nav_json(caller.actor, lang, "")},
      {"csrf", caller.csrf_token},
      {"error_summary", errors.summary()},
      {"expired", false},
      {"notice", notice.empty() ? json(false) : json(notice)},
      {"heading", format_message(lang, "centre_admin.edit.heading", {{"name", c.name}})},
      {"intro", std::string(tr(lang, admin ? "centre_admin.edit.intro_admin" : "centre_admin.edit.intro_host"))},
      {"list_href", with_lang(kCentresAdminPath, lang)},
      {"self_href", with_lang(edit, lang)},
      {"action", with_lang(edit, lang)},
      {"status_action", with_lang(edit + "/statut", lang)},
      {"public_href", centre_href(c.id, lang)},
      {"conformity_href", with_lang(centre_conformity_path(c.id), lang)},
      {"equipment_href", with_lang(edit + "/equipement", lang)},
      {"agreements_href", with_lang(edit + "/conventions", lang)},
      {"summary",
       {{"status", status_json(c.status, lang)},
        {"commune", commune ? commune->name : c.commune_insee},
        {"capacity", capacity_text(c, lang)}}},
      {"general", admin ? general_json(lang, f, snapshot->communes, errors) : json(false)},
      {"services", services_json(lang, f, errors)},
      {"accessibility", admin ? accessibility_json(lang, f, errors) : json(false)},
      {"offices", admin ? offices_json(lang, f, errors) : json(false)},
      {"hours", hours_json(lang, f, errors)},
      {"closures", closures_json(lang, f, c.closures, errors)},
      {"zrr", admin ? zrr_json(lang, f, commune, errors) : json(false)},
      {"status", admin ? status_form_json(app, caller, c, page, lang) : json(false)},
      {"history", history_json(c, lang)},
  };
  return render_private_page(
      app, req, &caller, "centre_admin_edit", data,
      form_title(lang, format_message(lang, "centre_admin.edit.title", {{"name", c.name}}), !errors.empty()), status);
}

// The centre of the path, managed by the caller; the response that ends the request otherwise.
std::optional<Response> managed(App& app, const RequestContext& req, const service::Caller& caller,
                                std::optional<domain::Centre>& centre) {
  const auto id = path_id(req, "id");
  if (!id) return managed_centre_not_found_page(app, req);
  try {
    centre = app.admin.managed_centre(caller.actor, *id);
  } catch (const ServiceError& e) {
    return centre_refusal_page(app, req, e);
  }
  return std::nullopt;
}

Response get_edit(App& app, const RequestContext& req) {
  std::optional<service::Caller> caller;
  if (auto early = admit_manager(app, req, caller, false, req.target)) return std::move(*early);
  std::optional<domain::Centre> c;
  if (auto early = managed(app, req, *caller, c)) return std::move(*early);
  return show_edit(app, req, *caller, *c, EditPage(req.lang), 200);
}

// The patch of one section, as typed; problems in `errors`.
service::CentrePatch patch_of(App& app, Section section, const CentreForm& f, const domain::Centre& stored,
                              FormErrors& errors) {
  service::CentrePatch patch;
  switch (section) {
    case Section::General: {
      const auto snapshot = app.directory.snapshot();
      const General g = check_general(f, snapshot->communes, errors);
      patch.name = g.name;
      patch.host_authority = g.host_authority;
      if (g.insee != stored.commune_insee) {
        patch.commune_insee = g.insee;
        patch.location = g.location;  // the new commune's centroid
      }
      patch.address = g.address;
      patch.description = g.description;
      patch.open_on_public_holidays = g.holidays;
      break;
    }
    case Section::Services: patch.services = check_services(f, errors); break;
    case Section::Accessibility: patch.accessibility = check_accessibility(f, errors); break;
    case Section::Offices: patch.offices = check_offices(f, &stored, errors); break;
    case Section::Hours: patch.hours = check_hours(f, errors); break;
    case Section::Closures: patch.closures = check_closures(f, stored.closures, errors); break;
    case Section::Zrr: patch.zrr_override.emplace(check_zrr(f, errors)); break;
  }
  return patch;
}

// The field a service refusal of that section points to: the first of the section.
std::string first_field(Section s) {
  switch (s) {
    case Section::General: return "name";
    case Section::Services: return "reception";
    case Section::Accessibility: return "step_free";
    case Section::Offices: return "office_1_name";
    case Section::Hours: return hours_id(1, domain::Slot::Morning, "open");
    case Section::Closures: return "closure_from";
    case Section::Zrr: return "zrr";
  }
  return "name";
}

Response post_edit(App& app, const RequestContext& req) {
  const auto caller = identify(app, req);
  const auto id = path_id(req, "id");
  if (!caller) return see_other(sign_in_then(id ? centre_edit_path(*id) : std::string(kCentresAdminPath), req.lang));
  const FormData form(req.body);
  if (form.oversized()) return form_too_large(app, req);
  if (!csrf_ok(*caller, req, form.raw("csrf"))) return expired_form_page(app, req);
  if (!manages_centres(caller->actor)) return admin_forbidden_page(app, req);
  std::optional<domain::Centre> c;
  if (auto early = managed(app, req, *caller, c)) return std::move(*early);

  const auto section = parse_section(form.text("section"));
  if (!section)
    return error_page(app, req, 400, tr(Lang::Fr, "centre_admin.error.section"),
                      tr(Lang::En, "centre_admin.error.section"));
  if (!caller->actor.is_admin() && !host_section(*section))
    return error_page(app, req, 403, tr(Lang::Fr, "centre_admin.error.host_section"),
                      tr(Lang::En, "centre_admin.error.host_section"));

  EditPage page(req.lang);
  page.form = form_of(*c, req.lang);
  read_section(form, *section, *page.form);
  const service::CentrePatch patch = patch_of(app, *section, *page.form, *c, page.errors);
  if (*section == Section::Offices) add_blank_office_rows(*page.form);
  if (!page.errors.empty()) return show_edit(app, req, *caller, *c, page, 400);
  try {
    app.admin.update_centre(caller->actor, c->id, patch);
  } catch (const ServiceError& e) {
    if (e.kind == Kind::NotFound || e.kind == Kind::Forbidden) return centre_refusal_page(app, req, e);
    if (e.kind != Kind::Invalid && e.kind != Kind::Conflict && e.kind != Kind::Unprocessable) throw;
    // "Les bureaux et postes n'ont pas été enregistrés : le poste « Poste 2 » a des réservations…"
    const std::string key = "centre_admin.error.not_saved." + std::string(section_name(*section));
    page.errors.add_general(first_field(*section), format_message(Lang::Fr, key, {{"reason", e.message_fr}}),
                            format_message(Lang::En, key, {{"reason", e.message_en}}));
    return show_edit(app, req, *caller, *c, page, http_status(e.kind));
  }
  return see_other(with_lang(centre_edit_path(c->id) + "?fait=" + std::string(section_name(*section)), req.lang));
}

// ---- the status ----

Response post_status(App& app, const RequestContext& req) {
  const auto caller = identify(app, req);
  const auto id = path_id(req, "id");
  if (!caller) return see_other(sign_in_then(id ? centre_edit_path(*id) : std::string(kCentresAdminPath), req.lang));
  const FormData form(req.body);
  if (form.oversized()) return form_too_large(app, req);
  if (!csrf_ok(*caller, req, form.raw("csrf"))) return expired_form_page(app, req);
  if (!caller->actor.is_admin()) return admin_forbidden_page(app, req);
  std::optional<domain::Centre> c;
  if (auto early = managed(app, req, *caller, c)) return std::move(*early);

  EditPage page(req.lang);
  page.status_on = form.text("status_on");
  page.status_reason = form.text("override_reason");
  const auto to = next_status(c->status);
  if (!to)
    return error_page(app, req, 400, tr(Lang::Fr, "centre_admin.error.status_last"),
                      tr(Lang::En, "centre_admin.error.status_last"));
  const auto asked = domain::parse_centre_status(form.text("status"));
  if (!asked || *asked != *to) add_error(page.errors, "status_on", "centre_admin.error.status_step");
  if (!page.status_on.empty() && !domain::parse_date(page.status_on))
    add_error(page.errors, "status_on", "centre_admin.error.date");
  if (too_long(page.status_reason, kTextMax))
    add_error(page.errors, "override_reason", "centre_admin.error.too_long", {{"max", std::to_string(kTextMax)}});
  if (!page.errors.empty()) return show_edit(app, req, *caller, *c, page, 400);

  service::StatusRequest r;
  r.status = *to;
  r.on = page.status_on;
  r.override_reason = page.status_reason;
  try {
    app.admin.change_status(caller->actor, c->id, r);
  } catch (const ServiceError& e) {
    if (e.kind == Kind::NotFound || e.kind == Kind::Forbidden) return centre_refusal_page(app, req, e);
    if (e.kind == Kind::Unprocessable && *to == CentreStatus::InService) {
      page.refused_criteria = failed_criteria_json(app.admin.conformity(caller->actor, c->id).result, req.lang);
      page.errors.add("override_reason", e.message_fr, e.message_en);
      return show_edit(app, req, *caller, *c, page, 422);
    }
    if (e.kind != Kind::Invalid && e.kind != Kind::Conflict && e.kind != Kind::Unprocessable) throw;
    page.errors.add(e.field == "override_reason" ? "override_reason" : "status_on", e.message_fr, e.message_en);
    return show_edit(app, req, *caller, *c, page, http_status(e.kind));
  }
  return see_other(with_lang(centre_edit_path(c->id) + "?fait=statut", req.lang));
}

// The address of a form reached by GET (the language switch of a page a refused POST answered): its page.
Response get_status(const RequestContext& req) {
  const auto id = path_id(req, "id");
  return see_other(with_lang(id ? centre_edit_path(*id) : std::string(kCentresAdminPath), req.lang));
}

}  // namespace

void add_centre_admin_page_routes(Router& r, App& app) {
  r.add({Method::Get, std::string(kCentresAdminPath), [&app](const RequestContext& req) { return get_list(app, req); },
         Exec::Pool, "The centres the caller administers, with status, posts and conformity (HTML, admins and hosts)"});
  r.add({Method::Get, "/admin/centres/nouveau", [&app](const RequestContext& req) { return get_new(app, req); },
         Exec::Pool, "The form creating a centre (HTML, admins)"});
  r.add({Method::Post, "/admin/centres/nouveau", [&app](const RequestContext& req) { return post_new(app, req); },
         Exec::Pool, "Create a centre, planned (form), 303 to its edit page"});
  r.add({Method::Get, "/admin/centres/{id}", [&app](const RequestContext& req) { return get_edit(app, req); },
         Exec::Pool, "A centre's edit page: one form per section; hosts get services, hours and closures (HTML)"});
  r.add({Method::Post, "/admin/centres/{id}", [&app](const RequestContext& req) { return post_edit(app, req); },
         Exec::Pool, "Save one section of a centre (form with `section`), 303 to its edit page"});
  r.add({Method::Post, "/admin/centres/{id}/statut",
         [&app](const RequestContext& req) { return post_status(app, req); }, Exec::Pool,
         "Move a centre's status one step forward (form, admins), 303 to its edit page"});
  r.add({Method::Get, "/admin/centres/{id}/statut", [](const RequestContext& req) { return get_status(req); },
         Exec::Inline, "A redirect to the centre's edit page, where the status form is"});
  add_conformity_page_routes(r, app);
}

}  // namespace tc::web
