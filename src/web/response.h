// What a handler returns. Builders here are the one place that knows the error shape (RFC 9457 problem+json,
// with a French or English title/detail), HTML pages, JSON, and conditional GETs by ETag.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "web/request.h"

namespace tc::web {

struct Response {
  unsigned status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers

  Response& header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

Response json_response(const nlohmann::json& body, unsigned status = 200);
Response html_response(std::string body, unsigned status = 200);

// application/problem+json: {"type", "title", "status", "detail", ["field"], ["reason"]}; the title follows the
// status, title and detail are in the request's language; `reason` is a stable machine code (e.g. "full").
Response problem(const RequestContext& req, unsigned status, std::string_view detail_fr, std::string_view detail_en,
                 std::string_view field = {}, std::string_view reason = {});

// Adds a strong ETag computed from the body and answers 304 when the request's If-None-Match matches it.
Response with_etag(const RequestContext& req, Response r, std::string_view cache_control = "no-cache");
// Only the first half of with_etag: the ETag and caching headers, no 304.
Response add_etag(Response r, std::string_view cache_control = "no-cache");
// 304 with an empty body when the request's If-None-Match matches the response's ETag; else r unchanged.
Response not_modified_if_matching(const RequestContext& req, Response r);

std::string xml_escape(std::string_view s);

}  // namespace tc::web
