// A thin, throwing wrapper over libxlsxwriter for the exports: a workbook written to a private temporary file (the
// 1.1.x library cannot write to memory) whose bytes are returned, and sheets whose writes cannot fail silently.
// Internal to src/export; the library's own header stays in the .cpp, so only opaque pointers show here.
#pragma once

#include <string>
#include <string_view>

#include "domain/date.h"

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace tc::exports::xlsx {

// "A1"-style reference of a zero-based cell; absolute adds the dollars ("$H$12").
std::string cell(int row, int col, bool absolute = false);
std::string column(int col);  // "A", …, "Z", "AA", …

// A criterion for COUNTIFS that matches exactly this text: "=" first, so that a leading "<" or "=" is not an operator,
// and "~", "*" and "?" escaped, so that they are not wildcards. Returned as a formula string literal, quotes doubled.
std::string exact_criterion(std::string_view text);

// The formats every export shares; owned by the workbook.
struct Formats {
  lxw_format* title = nullptr;   // bold, larger
  lxw_format* header = nullptr;  // bold, bottom border, wrapped
  lxw_format* bold = nullptr;
  lxw_format* italic = nullptr;
  lxw_format* wrap = nullptr;        // long free text
  lxw_format* euros = nullptr;       // #,##0.00 "€"
  lxw_format* euros_bold = nullptr;  // totals
  lxw_format* integer = nullptr;     // 0
  lxw_format* integer_bold = nullptr;
  lxw_format* percent = nullptr;  // 0.0 %
  lxw_format* date = nullptr;     // dd/mm/yyyy
};

class Sheet {
 public:
  explicit Sheet(lxw_worksheet* ws) : ws_(ws) {}

  void text(int row, int col, std::string_view s, lxw_format* f = nullptr);
  void number(int row, int col, double v, lxw_format* f = nullptr);
  // A formula with the value we computed ourselves, so that readers that do not recalculate show the right figure.
  void formula(int row, int col, const std::string& f, double cached, lxw_format* fmt = nullptr);
  void date(int row, int col, domain::Date d, lxw_format* f);
  void blank(int row, int col, lxw_format* f);
  void width(int col, double characters);
  void freeze_rows(int rows);  // the first `rows` rows stay in view
  void autofilter(int first_row, int first_col, int last_row, int last_col);
  void landscape_one_page_wide();

 private:
  lxw_worksheet* ws_;
};

// One workbook in one temporary file, removed when the Book goes, whether finish() ran or an exception escaped.
class Book {
 public:
  explicit Book(const std::string& title);
  ~Book();
  Book(const Book&) = delete;
  Book& operator=(const Book&) = delete;

  Sheet add_sheet(const std::string& name);
  const Formats& formats() const { return formats_; }
  // A workbook-wide name for a cell or range, e.g. define("Enveloppe", "='État'!$H$20").
  void define(const std::string& name, const std::string& refers_to);
  // Writes the file and returns its bytes; the Book cannot be used afterwards.
  std::string finish();

 private:
  std::string path_;
  lxw_workbook* wb_ = nullptr;
  Formats formats_;
  std::string title_;  // kept alive until the properties are written at close
};

}  // namespace tc::exports::xlsx
