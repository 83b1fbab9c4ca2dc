// What every HTML page shares: rendering a template into the layout with the right language, the error page,
// and the words pages use for the field's values (statuses, services, accessibility, dates, hours, distances),
// in French and English. Formatting lives here, once, so that the home page and a centre's page never disagree
// on how "12,4 km" or "1er janvier 2027" is written.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "domain/centre.h"
#include "geo/svg_map.h"
#include "web/i18n.h"
#include "web/request.h"
#include "web/response.h"

namespace tc::service {
struct Caller;
}

namespace tc::web {

struct App;

// Renders `template_name` with `data` inside the layout, in the request's language, with the language switch
// link, and in the header either "Se connecter" or the signed-in person's links (the caller is identified here:
// one read of the store when the request carries a session cookie). An anonymous 200 gets an ETag (and answers
// 304 to a matching If-None-Match); a signed-in person's page is never stored (Cache-Control: no-store).
Response render_page(App& app, const RequestContext& req, std::string_view template_name, const nlohmann::json& data,
                     std::string_view title, unsigned status = 200);

// The same for a page that has identified its caller already (nullptr: anonymous) and must never be stored,
// whoever asks: the account pages, and forms that carry an anti-CSRF token. No ETag; Cache-Control: no-store.
Response render_private_page(App& app, const RequestContext& req, const service::Caller* caller,
                             std::string_view template_name, const nlohmann::json& data, std::string_view title,
                             unsigned status = 200);

// The error page (404, 400, 500…): a heading for the status, the message in the request's language and a link
// home.
Response error_page(App& app, const RequestContext& req, unsigned status, std::string_view message_fr,
                    std::string_view message_en);

// ---- links ----

// "" in French, "?lang=en" in English: appended to a path without a query.
std::string lang_query(Lang lang);
// `href` with lang=en added when the page is English ("/centres/3" → "/centres/3?lang=en", "/?q=1" → "/?q=1&lang=en").
std::string with_lang(std::string_view href, Lang lang);
std::string centre_href(domain::CentreId id, Lang lang);

// ---- messages ----

// tr(lang, key) with each "{name}" replaced by its value (values are plain text; templates escape them).
std::string format_message(Lang lang, std::string_view key,
                           std::initializer_list<std::pair<std::string_view, std::string>> values = {});
// The plural form of `key`: key.zero for 0 when it exists, key.one for 1, else key.other; "{n}" is the count.
std::string format_count(Lang lang, std::string_view key, long n,
                         std::initializer_list<std::pair<std::string_view, std::string>> values = {});

// ---- numbers, dates, hours ----

// 1234.56 with 1 decimal: "1 234,6" in French (no-break space), "1,234.6" in English.
std::string format_number(double value, int decimals, Lang lang);
std::string format_distance(double km, Lang lang);      // "12,4 km" / "12.4 km"
std::string format_date(domain::Date d, Lang lang);     // "1er janvier 2027" / "1 January 2027"
std::string format_time(int minute_of_day, Lang lang);  // "8 h 30", "12 h" / "08:30", "12:00"
// A closure, its stored end being exclusive: "Fermé du 24 décembre 2026 au 1er janvier 2027", "Fermé le 3 mai 2026".
std::string format_closure(const domain::Closure& c, Lang lang);

// ---- the field's values in words ----

std::string status_label(domain::CentreStatus s, Lang lang);  // "En service", "En cours d'ouverture"…
// A small inline SVG of the status's shape, the same shapes as the map's markers; decorative (aria-hidden), so
// always written beside the status's words.
std::string status_icon_svg(domain::CentreStatus s);
// {"kind": "in_service", "label": "En service", "icon": "<svg…>"}
nlohmann::json status_json(domain::CentreStatus s, Lang lang);
// The four statuses with their shapes, for the map's legend: [{"kind", "label", "icon"}].
nlohmann::json map_legend_json(Lang lang);

std::string service_label(domain::Service s, Lang lang);
std::string reception_label(domain::Reception r, Lang lang);
std::string capacity_text(const domain::Centre& c, Lang lang);                 // "4 bureaux, 6 postes"
std::string accessibility_summary(const domain::Accessibility& a, Lang lang);  // one sentence, in words

// The map marker of a centre: its status as kind and "name — status" as label; no link (the map is an image,
// and the list that goes with it carries the links).
geo::MapMarker centre_marker(const domain::Centre& c, Lang lang);
// {"svg", "caption", "legend"} for the _map partial.
nlohmann::json map_figure_json(std::string svg, std::string caption, Lang lang);

// Helpers shared by the pages with forms.
// 303 to `location`, never cached: the answer to a successful POST (and to pages that need a sign-in first).
Response see_other(std::string location);
// The title of a page showing a refused form: "Erreur : Créer un compte" (RGAA 8.6: the title tells).
std::string form_title(Lang lang, std::string title, bool has_errors);
std::string form_title_for_key(Lang lang, std::string_view title_key, bool has_errors);
// 413 page for a form field over its limit.
Response form_too_large(App& app, const RequestContext& req);

// Long lists shown a page at a time.
inline constexpr int kMaxPage = 100000;  // far beyond any real list; keeps offsets well within an int
// ?page=N, 1 when absent; nullopt when it is not a whole number from 1 to kMaxPage.
std::optional<int> page_param(const RequestContext& req);
// 400 page for a ?page= that page_param refused.
Response bad_page_number(App& app, const RequestContext& req);

}  // namespace tc::web
