#include "export/xlsx_book.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <system_error>
#include <vector>

namespace tc::exports::xlsx {

namespace {

void check(lxw_error e, std::string_view what) {
  if (e != LXW_NO_ERROR) throw std::runtime_error("xlsx export: " + std::string(what) + ": " + lxw_strerror(e));
}

auto row_of(int row) { return static_cast<lxw_row_t>(row); }
auto col_of(int col) { return static_cast<lxw_col_t>(col); }

lxw_format* add_format(lxw_workbook* wb) {
  lxw_format* f = workbook_add_format(wb);
  if (f == nullptr) throw std::runtime_error("xlsx export: cannot add a format");
  return f;
}

}  // namespace

std::string column(int col) {
  std::string name;
  for (int n = col + 1; n > 0; n = (n - 1) / 26) name.insert(name.begin(), static_cast<char>('A' + (n - 1) % 26));
  return name;
}

std::string cell(int row, int col, bool absolute) {
  const std::string dollar = absolute ? "$" : "";
  return dollar + column(col) + dollar + std::to_string(row + 1);
}

std::string exact_criterion(std::string_view text) {
  std::string out = "\"=";
  for (char c : text) {
    if (c == '~' || c == '*' || c == '?') out += '~';
    if (c == '"') out += '"';  // a quote inside a formula string literal is doubled
    out += c;
  }
  return out + "\"";
}

void Sheet::text(int row, int col, std::string_view s, lxw_format* f) {
  // write_string, never write_formula: a name beginning with "=" stays text.
  const std::string copy(s);
  check(worksheet_write_string(ws_, row_of(row), col_of(col), copy.c_str(), f), "text " + cell(row, col));
}

void Sheet::number(int row, int col, double v, lxw_format* f) {
  check(worksheet_write_number(ws_, row_of(row), col_of(col), v, f), "number " + cell(row, col));
}

void Sheet::formula(int row, int col, const std::string& formula, double cached, lxw_format* f) {
  check(worksheet_write_formula_num(ws_, row_of(row), col_of(col), formula.c_str(), f, cached),
        "formula " + cell(row, col));
}

void Sheet::date(int row, int col, domain::Date d, lxw_format* f) {
  lxw_datetime dt{d.year, d.month, d.day, 0, 0, 0.0};
  check(worksheet_write_datetime(ws_, row_of(row), col_of(col), &dt, f), "date " + cell(row, col));
}

void Sheet::blank(int row, int col, lxw_format* f) {
  check(worksheet_write_blank(ws_, row_of(row), col_of(col), f), "blank " + cell(row, col));
}

void Sheet::width(int col, double characters) {
  check(worksheet_set_column(ws_, col_of(col), col_of(col), characters, nullptr), "column width");
}

void Sheet::freeze_rows(int rows) { worksheet_freeze_panes(ws_, row_of(rows), 0); }

void Sheet::autofilter(int first_row, int first_col, int last_row, int last_col) {
  check(worksheet_autofilter(ws_, row_of(first_row), col_of(first_col), row_of(last_row), col_of(last_col)),
        "autofilter");
}

void Sheet::landscape_one_page_wide() {
  worksheet_set_landscape(ws_);
  worksheet_fit_to_pages(ws_, 1, 0);
}

Book::Book(const std::string& title) : title_(title) {
  // mkstemp gives a name nobody else holds (O_EXCL); the library reopens it by name at close and truncates it.
  std::string pattern = (std::filesystem::temp_directory_path() / "telecentres-export-XXXXXX").string();
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  const int fd = mkstemp(buffer.data());
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "xlsx export: cannot create a temporary file");
  ::close(fd);
  path_ = buffer.data();

  wb_ = workbook_new(path_.c_str());
  if (wb_ == nullptr) {
    std::filesystem::remove(path_);
    throw std::runtime_error("xlsx export: cannot create the workbook");
  }
  lxw_doc_properties properties{};
  properties.title = title_.data();
  check(workbook_set_properties(wb_, &properties), "properties");

  formats_.title = add_format(wb_);
  format_set_bold(formats_.title);
  format_set_font_size(formats_.title, 14);
  formats_.header = add_format(wb_);
  format_set_bold(formats_.header);
  format_set_bottom(formats_.header, LXW_BORDER_THIN);
  format_set_text_wrap(formats_.header);
  format_set_align(formats_.header, LXW_ALIGN_VERTICAL_CENTER);
  formats_.bold = add_format(wb_);
  format_set_bold(formats_.bold);
  formats_.italic = add_format(wb_);
  format_set_italic(formats_.italic);
  formats_.wrap = add_format(wb_);
  format_set_text_wrap(formats_.wrap);
  format_set_align(formats_.wrap, LXW_ALIGN_VERTICAL_TOP);
  // Format codes are stored in the file's neutral syntax (comma thousands, dot decimals); a French Excel shows
  // "12 000,00 €".
  constexpr const char* kEuros = "#,##0.00 \"€\"";
  formats_.euros = add_format(wb_);
  format_set_num_format(formats_.euros, kEuros);
  formats_.euros_bold = add_format(wb_);
  format_set_num_format(formats_.euros_bold, kEuros);
  format_set_bold(formats_.euros_bold);
  formats_.integer = add_format(wb_);
  format_set_num_format(formats_.integer, "0");
  formats_.integer_bold = add_format(wb_);
  format_set_num_format(formats_.integer_bold, "0");
  format_set_bold(formats_.integer_bold);
  formats_.percent = add_format(wb_);
  format_set_num_format(formats_.percent, "0.0 %");
  formats_.date = add_format(wb_);
  format_set_num_format(formats_.date, "dd/mm/yyyy");
}

Book::~Book() {
  if (wb_ != nullptr) lxw_workbook_free(wb_);  // an exception escaped before finish(): nothing was written
  std::error_code ignored;
  std::filesystem::remove(path_, ignored);
}

Sheet Book::add_sheet(const std::string& name) {
  lxw_worksheet* ws = workbook_add_worksheet(wb_, name.c_str());
  if (ws == nullptr) throw std::runtime_error("xlsx export: invalid sheet name " + name);
  return Sheet(ws);
}

void Book::define(const std::string& name, const std::string& refers_to) {
  check(workbook_define_name(wb_, name.c_str(), refers_to.c_str()), "defined name " + name);
}

std::string Book::finish() {
  // workbook_close frees the workbook whatever it returns.
  const lxw_error e = workbook_close(wb_);
  wb_ = nullptr;
  check(e, "writing the file");
  std::ifstream in(path_, std::ios::binary);
  if (!in) throw std::runtime_error("xlsx export: cannot read the written file back");
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace tc::exports::xlsx
