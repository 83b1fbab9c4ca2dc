// GET /api/v1/indicators.csv and /api/v1/indicators.xlsx — every indicator of GET /api/v1/indicators (same
// parameters: from, to, centre; same rules of who sees what) as the tables of the evaluation page: one CSV for
// French Excel, or one workbook with a sheet per indicator. French by default, English with ?lang=en.
#include "export/tables_export.h"
#include "web/api/json_body.h"
#include "web/app.h"
#include "web/auth.h"
#include "web/indicator_tables.h"

namespace tc::web {

namespace {

Response download(App& app, const RequestContext& req, bool xlsx) {
  auto who = caller_for(app, req, false);
  if (auto* r = std::get_if<Response>(&who)) return std::move(*r);
  const auto q = indicator_query(req, indicators_today());
  const auto report = app.indicators.compute(std::get<service::Caller>(who).actor, q);
  const auto tables = indicator_tables(report, req.lang);
  std::string name = "indicateurs-" + q.from.iso() + "-" + q.to.iso();
  if (q.centre) name += "-centre-" + std::to_string(*q.centre);
  Response r;
  if (xlsx) {
    r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    r.body = exports::tables_xlsx(std::string(tr(req.lang, "eval.title")) + " — " + period_words(q, req.lang),
                                  tables.tables);
  } else {
    r.content_type = "text/csv; charset=utf-8";
    r.body = exports::tables_csv(tables.tables);
  }
  r.header("Content-Disposition", "attachment; filename=\"" + name + (xlsx ? ".xlsx\"" : ".csv\""));
  r.header("Cache-Control", "no-store");
  return r;
}

}  // namespace

void add_indicator_export_routes(Router& r, App& app) {
  r.add({Method::Get, "/api/v1/indicators.csv", [&app](const RequestContext& req) { return download(app, req, false); },
         Exec::Pool, "Every indicator as CSV tables for French Excel (as GET /api/v1/indicators)"});
  r.add({Method::Get, "/api/v1/indicators.xlsx", [&app](const RequestContext& req) { return download(app, req, true); },
         Exec::Pool, "Every indicator as a workbook, one sheet each (as GET /api/v1/indicators)"});
}

}  // namespace tc::web
