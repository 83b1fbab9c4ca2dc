// /static/* — the stylesheet and other assets compiled into the program, with a strong ETag and a cache
// lifetime: they only change with a new release.
#include "resources.h"
#include "web/app.h"
#include "web/pages/page_context.h"

namespace tc::web {

namespace {
std::string_view content_type_for(std::string_view name) {
  auto ends = [&](std::string_view ext) { return name.ends_with(ext); };
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".ico")) return "image/x-icon";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".txt")) return "text/plain; charset=utf-8";
  return "application/octet-stream";
}
}  // namespace

void add_static_routes(Router& r, App& app) {
  r.add({Method::Get, "/static/{name}",
         [&app](const RequestContext& req) {
           const std::string& name = req.path_params.at("name");
           auto data = resources::find("src/web/static/" + name);
           if (!data || name.find("..") != std::string::npos)
             return error_page(app, req, 404, "Ce fichier n'existe pas.", "This file does not exist.");
           Response res;
           res.content_type = std::string(content_type_for(name));
           res.body = std::string(*data);
           return with_etag(req, std::move(res), "public, max-age=86400");
         },
         Exec::Inline, "Static assets"});
}

}  // namespace tc::web
