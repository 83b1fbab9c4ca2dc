// GET /accessibilite — the accessibility statement (déclaration d'accessibilité) the RGAA requires of a public
// website. Its text is a document, one block per language, in templates/accessibility.mustache.
#include "web/app.h"
#include "web/pages/page_context.h"

namespace tc::web {

void add_accessibility_page_routes(Router& r, App& app) {
  r.add({Method::Get, "/accessibilite",
         [&app](const RequestContext& req) {
           nlohmann::json data = {{"current", {{"accessibility", true}}}};
           return render_page(app, req, "accessibility", data, tr(req.lang, "accessibility.title"));
         },
         Exec::Inline, "The accessibility statement (RGAA 4.1), in French or English (HTML)"});
}

}  // namespace tc::web
