// The siting study's result as JSON, one shape for the API (POST /api/v1/siting) and `telecentres siting --json`.
#pragma once

#include <nlohmann/json.hpp>

#include "service/siting.h"

namespace tc::web {

// {model, solver, optimal, seconds, gap, objective, bound, p, within_min, demand{source,total,communes}, candidates,
//  sites[{insee,name,fixed,served,marginal}], curve[{p,value}]}
nlohmann::json siting_result_json(const service::SitingRequest& r, const service::SitingResult& res);

}  // namespace tc::web
