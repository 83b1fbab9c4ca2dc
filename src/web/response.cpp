#include "web/response.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>

namespace tc::web {

Response json_response(const nlohmann::json& body, unsigned status) {
  Response r;
  r.status = status;
  r.content_type = "application/json";
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

Response html_response(std::string body, unsigned status) {
  Response r;
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  r.body = std::move(body);
  return r;
}

namespace {
std::string_view title_fr(unsigned status) {
  switch (status) {
    case 400: return "Requête invalide";
    case 404: return "Introuvable";
    case 405: return "Méthode non autorisée";
    case 408: return "Délai dépassé";
    case 409: return "Conflit";
    case 401: return "Authentification requise";
    case 403: return "Accès refusé";
    case 413: return "Contenu trop volumineux";
    case 415: return "Type de contenu non pris en charge";
    case 422: return "Requête impossible à traiter";
    case 429: return "Trop de requêtes";
    case 431: return "En-têtes trop volumineux";
    case 503: return "Service momentanément indisponible";
    default: return status >= 500 ? "Erreur interne" : "Erreur";
  }
}
std::string_view title_en(unsigned status) {
  switch (status) {
    case 400: return "Bad request";
    case 404: return "Not found";
    case 405: return "Method not allowed";
    case 408: return "Request timeout";
    case 409: return "Conflict";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 413: return "Content too large";
    case 415: return "Unsupported media type";
    case 422: return "Unprocessable content";
    case 429: return "Too many requests";
    case 431: return "Request header fields too large";
    case 503: return "Service unavailable";
    default: return status >= 500 ? "Internal error" : "Error";
  }
}
}  // namespace

Response problem(const RequestContext& req, unsigned status, std::string_view detail_fr, std::string_view detail_en,
                 std::string_view field, std::string_view reason) {
  const bool en = req.lang == Lang::En;
  nlohmann::json body = {
      {"type", "about:blank"},
      {"title", en ? title_en(status) : title_fr(status)},
      {"status", status},
      {"detail", en ? detail_en : detail_fr},
  };
  if (!field.empty()) body["field"] = field;
  if (!reason.empty()) body["reason"] = reason;
  Response r = json_response(body, status);
  r.content_type = "application/problem+json";
  r.header("Content-Language", en ? "en" : "fr");
  r.header("Vary", "Accept-Language");
  return r;
}

Response with_etag(const RequestContext& req, Response r, std::string_view cache_control) {
  return not_modified_if_matching(req, add_etag(std::move(r), cache_control));
}

Response add_etag(Response r, std::string_view cache_control) {
  // FNV-1a 64: a fingerprint of the exact bytes sent; collisions would only cost a stale cache entry.
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : r.body) h = (h ^ c) * 1099511628211ULL;
  for (unsigned char c : r.content_type) h = (h ^ c) * 1099511628211ULL;
  char tag[24];
  std::snprintf(tag, sizeof tag, "\"%016llx\"", static_cast<unsigned long long>(h));
  r.header("ETag", tag);
  r.header("Cache-Control", std::string(cache_control));
  r.header("Vary", "Accept-Language");
  return r;
}

Response not_modified_if_matching(const RequestContext& req, Response r) {
  const std::string_view inm = req.header("if-none-match");
  if (inm.empty() || r.status != 200) return r;
  for (const auto& [name, value] : r.headers)
    if (name == "ETag" && (inm == "*" || inm.find(value) != std::string_view::npos)) {
      r.status = 304;
      r.body.clear();
      break;
    }
  return r;
}

std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

}  // namespace tc::web
