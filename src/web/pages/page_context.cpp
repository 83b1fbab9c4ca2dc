#include "web/pages/page_context.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "web/app.h"
#include "web/auth.h"

namespace tc::web {

namespace {

using nlohmann::json;

constexpr domain::CentreStatus kStatuses[] = {domain::CentreStatus::InService, domain::CentreStatus::Opening,
                                              domain::CentreStatus::Planned, domain::CentreStatus::Closed};

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

std::string fill(std::string text, std::initializer_list<std::pair<std::string_view, std::string>> values) {
  for (const auto& [name, value] : values) text = replace_all(std::move(text), "{" + std::string(name) + "}", value);
  return text;
}

std::string error_heading_key(unsigned status) {
  switch (status) {
    case 400:
    case 403:
    case 404:
    case 405:
    case 413:
    case 500:
    case 503: return "error." + std::to_string(status);
    default: return "error.other";
  }
}

// What the layout's header needs to know of the caller: that someone is signed in, and the session's CSRF token
// for its sign-out form (none for an API token, which browsers never send).
json with_caller(const json& data, const service::Caller& caller) {
  json out = data.is_object() ? data : json::object();
  json& current = out["current"];
  if (!current.is_object()) current = json::object();
  // "Administration" in the header: for admins and the hosts of a centre (pages/centre_admin.cpp).
  const domain::Actor& a = caller.actor;
  const bool manages = a.is_admin() || (a.has(domain::Role::Host) && !a.host_centres.empty());
  // "Implantation": the siting study, for admins and the network's animator (pages/siting.cpp).
  const bool plans = a.is_admin() || a.has(domain::Role::Animator);
  // "Évaluation": the indicators, for them and the hosts (pages/evaluation.cpp).
  const bool evaluates = plans || (a.has(domain::Role::Host) && !a.host_centres.empty());
  current["person"] = {{"csrf", caller.csrf_token},
                       {"by_session", caller.by_session},
                       {"manages", manages},
                       {"plans", plans},
                       {"evaluates", evaluates}};
  return out;
}

Response render(const App& app, const RequestContext& req, std::string_view template_name, const json& data,
                std::string_view title, unsigned status) {
  const Lang other = req.lang == Lang::En ? Lang::Fr : Lang::En;
  Response r =
      html_response(app.templates.page(template_name, data, req.lang, title, req.url_with_lang(other)), status);
  r.header("Content-Language", std::string(code(req.lang)));
  r.header("Vary", "Accept-Language, Cookie");
  return r;
}

}  // namespace

// ---- pages ----

Response render_page(App& app, const RequestContext& req, std::string_view template_name, const json& data,
                     std::string_view title, unsigned status) {
  if (const auto caller = identify(app, req))
    return render_private_page(app, req, &*caller, template_name, data, title, status);
  Response r = render(app, req, template_name, data, title, status);
  if (status == 200) return with_etag(req, std::move(r));
  return r;
}

Response render_private_page(App& app, const RequestContext& req, const service::Caller* caller,
                             std::string_view template_name, const json& data, std::string_view title,
                             unsigned status) {
  Response r = caller ? render(app, req, template_name, with_caller(data, *caller), title, status)
                      : render(app, req, template_name, data, title, status);
  r.header("Cache-Control", "no-store");
  return r;
}

Response error_page(App& app, const RequestContext& req, unsigned status, std::string_view message_fr,
                    std::string_view message_en) {
  const std::string heading(tr(req.lang, error_heading_key(status)));
  json data = {
      {"heading", heading},
      {"message", std::string(req.lang == Lang::En && !message_en.empty() ? message_en : message_fr)},
  };
  return render_page(app, req, "error", data, heading, status);
}

// ---- links ----

std::string lang_query(Lang lang) { return lang == Lang::En ? "?lang=en" : ""; }

std::string with_lang(std::string_view href, Lang lang) {
  std::string out(href);
  if (lang == Lang::En) out += href.find('?') == std::string_view::npos ? "?lang=en" : "&lang=en";
  return out;
}

std::string centre_href(domain::CentreId id, Lang lang) { return with_lang("/centres/" + std::to_string(id), lang); }

// ---- messages ----

std::string format_message(Lang lang, std::string_view key,
                           std::initializer_list<std::pair<std::string_view, std::string>> values) {
  return fill(std::string(tr(lang, key)), values);
}

std::string format_count(Lang lang, std::string_view key, long n,
                         std::initializer_list<std::pair<std::string_view, std::string>> values) {
  std::string k(key);
  const auto& all = messages(lang);
  if (n == 0 && all.find(k + ".zero") != all.end()) {
    k += ".zero";
  } else {
    k += n == 1 ? ".one" : ".other";
  }
  return fill(replace_all(std::string(tr(lang, k)), "{n}", std::to_string(n)), values);
}

// ---- numbers, dates, hours ----

std::string format_number(double value, int decimals, Lang lang) {
  if (!std::isfinite(value)) return "—";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  std::string text = buf;
  std::string sign;
  if (!text.empty() && text[0] == '-') {
    sign = "-";
    text.erase(0, 1);
  }
  const std::size_t dot = text.find('.');
  std::string whole = text.substr(0, dot);
  const std::string fraction = dot == std::string::npos ? "" : text.substr(dot + 1);
  const std::string group = lang == Lang::En ? "," : "\u00a0";
  std::string grouped;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) grouped += group;
    grouped.push_back(whole[i]);
  }
  if (fraction.empty()) return sign + grouped;
  return sign + grouped + (lang == Lang::En ? "." : ",") + fraction;
}

std::string format_distance(double km, Lang lang) { return format_number(km, 1, lang) + " km"; }

std::string format_date(domain::Date d, Lang lang) {
  const std::string month(tr(lang, "month." + std::to_string(d.month)));
  const std::string day = lang == Lang::Fr && d.day == 1 ? "1er" : std::to_string(d.day);
  return day + " " + month + " " + std::to_string(d.year);
}

std::string format_time(int minute_of_day, Lang lang) {
  const int h = minute_of_day / 60, m = minute_of_day % 60;
  char buf[16];
  if (lang == Lang::En) {
    std::snprintf(buf, sizeof buf, "%02d:%02d", h, m);
  } else if (m == 0) {
    std::snprintf(buf, sizeof buf, "%d h", h);
  } else {
    std::snprintf(buf, sizeof buf, "%d h %02d", h, m);
  }
  return buf;
}

std::string format_closure(const domain::Closure& c, Lang lang) {
  const domain::Date last = c.from < c.to ? c.to.plus_days(-1) : c.from;  // the stored end is exclusive
  if (last == c.from) return format_message(lang, "closure.day", {{"date", format_date(c.from, lang)}});
  return format_message(lang, "closure.range", {{"from", format_date(c.from, lang)}, {"to", format_date(last, lang)}});
}

// ---- the field's values in words ----

std::string status_label(domain::CentreStatus s, Lang lang) {
  return std::string(tr(lang, "status." + std::string(domain::to_string(s))));
}

std::string status_icon_svg(domain::CentreStatus s) {
  const std::string kind(domain::to_string(s));
  std::string shape;
  switch (s) {
    case domain::CentreStatus::InService: shape = "<circle cx=\"10\" cy=\"10\" r=\"7\" fill=\"currentColor\"/>"; break;
    case domain::CentreStatus::Opening: shape = "<path d=\"M10 2.5l8 14h-16z\" fill=\"currentColor\"/>"; break;
    case domain::CentreStatus::Planned:
      shape =
          "<rect x=\"3.5\" y=\"3.5\" width=\"13\" height=\"13\" fill=\"none\" stroke=\"currentColor\" "
          "stroke-width=\"3\"/>";
      break;
    case domain::CentreStatus::Closed:
      shape = "<path d=\"M4 4l12 12m0-12l-12 12\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"3\"/>";
      break;
  }
  return "<svg class=\"icon icon--" + kind +
         "\" viewBox=\"0 0 20 20\" width=\"18\" height=\"18\" aria-hidden=\"true\" focusable=\"false\">" + shape +
         "</svg>";
}

json status_json(domain::CentreStatus s, Lang lang) {
  return {{"kind", std::string(domain::to_string(s))}, {"label", status_label(s, lang)}, {"icon", status_icon_svg(s)}};
}

json map_legend_json(Lang lang) {
  json out = json::array();
  for (domain::CentreStatus s : kStatuses) out.push_back(status_json(s, lang));
  return out;
}

std::string service_label(domain::Service s, Lang lang) {
  return std::string(tr(lang, "service." + std::string(domain::to_string(s))));
}

std::string reception_label(domain::Reception r, Lang lang) {
  return std::string(tr(lang, "reception." + std::string(domain::to_string(r))));
}

std::string capacity_text(const domain::Centre& c, Lang lang) {
  return format_count(lang, "capacity.offices", static_cast<long>(c.offices.size())) + ", " +
         format_count(lang, "capacity.posts", c.post_count());
}

std::string accessibility_summary(const domain::Accessibility& a, Lang lang) {
  if (a.step_free && a.adapted_toilets) return std::string(tr(lang, "access.accessible"));
  if (a.step_free) return std::string(tr(lang, "access.step_free_only"));
  if (a.adapted_toilets) return std::string(tr(lang, "access.toilets_only"));
  return std::string(tr(lang, "access.none"));
}

geo::MapMarker centre_marker(const domain::Centre& c, Lang lang) {
  // No link on the marker: the map is one image (role="img"), whose content is presentational, and a link inside
  // it is an interactive control nested in an image (axe: nested-interactive). The list beside it has the links.
  return {c.location, c.name + " — " + status_label(c.status, lang), std::string(domain::to_string(c.status)), {}};
}

json map_figure_json(std::string svg, std::string caption, Lang lang) {
  return {{"svg", std::move(svg)}, {"caption", std::move(caption)}, {"legend", map_legend_json(lang)}};
}

Response see_other(std::string location) {
  Response r;
  r.status = 303;
  r.header("Location", std::move(location));
  r.header("Cache-Control", "no-store");
  return r;
}

std::string form_title(Lang lang, std::string title, bool has_errors) {
  return has_errors ? format_message(lang, "form.error_title", {{"title", std::move(title)}}) : title;
}

std::string form_title_for_key(Lang lang, std::string_view title_key, bool has_errors) {
  return form_title(lang, std::string(tr(lang, title_key)), has_errors);
}

Response form_too_large(App& app, const RequestContext& req) {
  return error_page(app, req, 413, "Un des champs du formulaire est trop long.",
                    "One of the form's fields is too long.");
}

std::optional<int> page_param(const RequestContext& req) {
  const auto text = req.param("page");
  if (!text) return 1;
  int n = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
  if (ec != std::errc() || end != text->data() + text->size() || n < 1 || n > kMaxPage) return std::nullopt;
  return n;
}

Response bad_page_number(App& app, const RequestContext& req) {
  return error_page(app, req, 400, "Le numéro de page doit être un nombre entier, à partir de 1.",
                    "The page number must be a whole number, from 1.");
}

}  // namespace tc::web
