// The siting study's request and result as JSON: one shape for the API (POST /api/v1/siting and the background
// studies), the stored studies (their request is read back by whichever server runs them) and
// `telecentres siting --json`.
#pragma once

#include <nlohmann/json.hpp>

#include "service/siting.h"

namespace tc::service {

// Reads {model, p, within_min, time_limit_s, method, demand, demand_csv, rates{…}, matrix_csv, candidates[],
// fixed[], circuity, speed_kmh}; every field optional but demand_csv with demand "file". Throws
// ServiceError{Invalid} naming the field for a wrong value. time_limit_s is clamped to [0.1, max_seconds].
SitingRequest siting_request_from_json(const nlohmann::json& body, double max_seconds);

// The same shape back, so that siting_request_from_json(siting_request_json(r)) == r.
nlohmann::json siting_request_json(const SitingRequest& r);

// {model, solver, optimal, seconds, gap, objective, bound, p, within_min, demand{source,total,communes,covered},
//  candidates, sites[{insee,name,fixed,served,marginal}], curve[{p,value}],
//  communes[{insee,name,demand,nearest,minutes,covered}]}
nlohmann::json siting_result_json(const SitingRequest& r, const SitingResult& res);

}  // namespace tc::service
