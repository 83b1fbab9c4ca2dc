// Remembers whole responses of read-only GET endpoints, keyed by request target and language, and valid for
// one store revision: a repeated directory search costs a revision check and a copy, not a JSON rebuild.
// Bounded: when full it starts afresh (entries are cheap to rebuild; no eviction bookkeeping on the hot path).
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "web/response.h"

namespace tc::web {

class ResponseCache {
 public:
  explicit ResponseCache(std::size_t max_entries = 4096) : max_entries_(max_entries) {}

  // The cached response for this request at this revision, or what `build` makes (cached if it is a 200).
  // Conditional requests (If-None-Match) are answered 304 from the cached ETag.
  Response get_or_build(const RequestContext& req, std::int64_t revision, const std::function<Response()>& build);

  // Only the lookup: the cached response (or its 304) when one exists for this exact revision.
  std::optional<Response> find(const RequestContext& req, std::int64_t revision) const;

  std::size_t size() const;

 private:
  struct Entry {
    std::int64_t revision;
    Response response;  // with its ETag, never a 304
  };
  static std::string key_of(const RequestContext& req);
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
  std::size_t max_entries_;
};

}  // namespace tc::web
