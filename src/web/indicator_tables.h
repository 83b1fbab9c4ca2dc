// The network's indicators as titled tables, in the reader's language: the one source of the evaluation page's
// data tables, of its charts' figures, and of the CSV and workbook exports, so that all of them say the same.
#pragma once

#include <vector>

#include "export/tables_export.h"
#include "service/indicators.h"
#include "web/i18n.h"
#include "web/request.h"

namespace tc::web {

// ?from=YYYY-MM-DD&to=YYYY-MM-DD&centre=ID (the API's names) or ?du=&au=&centre= (the pages'), defaulting to
// the calendar year of `today`. ServiceError{Invalid} naming the parameter when one is malformed.
service::IndicatorQuery indicator_query(const RequestContext& req, domain::Date today);

// Paris's civil date now.
domain::Date indicators_today();

// "du 1er janvier au 31 décembre 2026" / "from 1 January to 31 December 2026".
std::string period_words(const service::IndicatorQuery& q, Lang lang);

// Which table is which, for the pages that draw a chart beside one.
enum class IndicatorTable { Status, Applications, Categories, Publics, Occupancy, Grant, Events, Prospection, Commute };

struct IndicatorTables {
  std::vector<IndicatorTable> kinds;  // parallel to tables
  std::vector<exports::Table> tables;
  const exports::Table* find(IndicatorTable kind) const;
};

// Every indicator the report holds: the grant and the prospection only when the report has them (admins; admins
// and the animator).
IndicatorTables indicator_tables(const service::IndicatorReport& r, Lang lang);

}  // namespace tc::web
