// CSV as a French Excel opens it by double-click: UTF-8 with a byte order mark (without it Excel reads Windows-1252),
// ";" between fields (the "," is the decimal separator there), CRLF line ends and RFC 4180 quoting (a field holding
// ";", a quote or a line break is quoted, quotes doubled). Internal to src/export.
#pragma once

#include <string>
#include <string_view>

#include "domain/date.h"
#include "domain/money.h"

namespace tc::exports {

class CsvWriter {
 public:
  CsvWriter();

  // Free text typed by people. One beginning with "=", "+", "-", "@" or a tab would run as a formula in a
  // spreadsheet (CSV injection), so it gets a leading apostrophe, as OWASP advises; nothing else is altered.
  CsvWriter& text(std::string_view s);
  // Text we produce ourselves (labels, codes, ISO dates): written as is, quoted when needed.
  CsvWriter& raw(std::string_view s);
  CsvWriter& integer(long long v);
  // Plain decimal euros with a decimal comma and no grouping, "12000,00": French Excel reads it as a number, and
  // a machine reader needs only to swap the comma for a dot.
  CsvWriter& euros(domain::Cents cents);
  // A decimal with `places` digits after a decimal comma and no grouping, "12,5": French Excel reads it as a number.
  CsvWriter& decimal(double v, int places);
  CsvWriter& date(const domain::Date& d);  // ISO 8601, which Excel recognises as a date in every locale
  CsvWriter& empty();
  // Ends the row, first padding it with empty fields up to `width` (0: no padding).
  void end_row(std::size_t width = 0);

  const std::string& str() const { return out_; }

 private:
  void field(std::string_view s);
  std::string out_;
  std::size_t fields_in_row_ = 0;
};

}  // namespace tc::exports
