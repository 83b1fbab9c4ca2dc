#include "export/tables_export.h"

#include <algorithm>
#include <set>

#include "export/csv_writer.h"
#include "export/xlsx_book.h"

namespace tc::exports {

namespace {

// Excel refuses a sheet name longer than 31 characters or with one of []:*?/\ in it, and two sheets of one name.
std::string sheet_name(const std::string& wanted, std::set<std::string>& taken) {
  std::string base;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < wanted.size(); ++i) {
    const char c = wanted[i];
    if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) continue;
    const bool starts_char = (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    if (starts_char && ++chars > 28) break;  // room for " 2"
    base += c;
  }
  if (base.empty()) base = "Feuille";
  std::string name = base;
  for (int n = 2; taken.count(name) > 0; ++n) name = base + " " + std::to_string(n);
  taken.insert(name);
  return name;
}

}  // namespace

std::string tables_xlsx(const std::string& book_title, const std::vector<Table>& tables) {
  xlsx::Book book(book_title);
  const auto& f = book.formats();
  std::set<std::string> taken;
  for (const auto& t : tables) {
    xlsx::Sheet sh = book.add_sheet(sheet_name(t.sheet, taken));
    const int cols = static_cast<int>(t.headers.size());
    sh.text(0, 0, t.title, f.title);
    for (int c = 0; c < cols; ++c) {
      sh.text(2, c, t.headers[static_cast<std::size_t>(c)], f.header);
      sh.width(c, c == 0 ? 36 : 18);
    }
    sh.freeze_rows(3);
    int row = 3;
    for (const auto& r : t.rows) {
      for (int c = 0; c < static_cast<int>(r.size()); ++c) {
        const Cell& cell = r[static_cast<std::size_t>(c)];
        switch (cell.kind) {
          case Cell::Kind::Text: sh.text(row, c, cell.text); break;
          case Cell::Kind::Integer: sh.number(row, c, cell.number, f.integer); break;
          case Cell::Kind::Decimal: sh.number(row, c, cell.number); break;
          case Cell::Kind::Percent: sh.number(row, c, cell.number, f.percent); break;
          case Cell::Kind::Euros: sh.number(row, c, cell.number / 100.0, f.euros); break;
        }
      }
      ++row;
    }
    if (cols > 0 && row > 3) sh.autofilter(2, 0, row - 1, cols - 1);
    if (!t.note.empty()) sh.text(row + 1, 0, t.note, f.italic);
  }
  return book.finish();
}

std::string tables_csv(const std::vector<Table>& tables) {
  CsvWriter csv;
  for (const auto& t : tables) {
    const std::size_t width = std::max<std::size_t>(t.headers.size(), 1);
    csv.text(t.title).end_row(width);
    for (const auto& h : t.headers) csv.raw(h);
    csv.end_row(width);
    for (const auto& r : t.rows) {
      for (const Cell& cell : r) {
        switch (cell.kind) {
          // Names of centres, companies and events were typed by people: guarded against formula injection.
          case Cell::Kind::Text: csv.text(cell.text); break;
          case Cell::Kind::Integer: csv.integer(static_cast<long long>(cell.number)); break;
          case Cell::Kind::Decimal: csv.decimal(cell.number, cell.places); break;
          case Cell::Kind::Percent: csv.decimal(cell.number * 100.0, 1); break;
          case Cell::Kind::Euros: csv.euros(static_cast<domain::Cents>(cell.number)); break;
        }
      }
      csv.end_row(width);
    }
    if (!t.note.empty()) csv.text(t.note).end_row(width);
    csv.end_row(width);
  }
  return csv.str();
}

}  // namespace tc::exports
