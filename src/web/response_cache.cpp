#include "web/response_cache.h"

namespace tc::web {

std::string ResponseCache::key_of(const RequestContext& req) {
  std::string key = req.target;
  key += '\n';
  key += code(req.lang);
  return key;
}

std::optional<Response> ResponseCache::find(const RequestContext& req, std::int64_t revision) const {
  std::optional<Response> hit;
  {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key_of(req));
    if (it != entries_.end() && it->second.revision == revision) hit = it->second.response;
  }
  if (hit) return not_modified_if_matching(req, std::move(*hit));
  return std::nullopt;
}

Response ResponseCache::get_or_build(const RequestContext& req, std::int64_t revision,
                                     const std::function<Response()>& build) {
  if (auto hit = find(req, revision)) return std::move(*hit);
  Response fresh = build();
  if (fresh.status == 200) {
    std::lock_guard lock(mutex_);
    if (entries_.size() >= max_entries_) entries_.clear();
    entries_.insert_or_assign(key_of(req), Entry{revision, fresh});
  }
  return not_modified_if_matching(req, std::move(fresh));
}

std::size_t ResponseCache::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace tc::web
