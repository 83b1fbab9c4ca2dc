// Any set of titled tables as a workbook (one sheet per table) or as one French-Excel CSV (the tables one after
// another, each under its title): the network's indicators use it, so that the page, the CSV and the workbook
// show the same rows. Cells keep their type, so that a spreadsheet sums numbers and formats percentages.
#pragma once

#include <string>
#include <vector>

#include "domain/money.h"

namespace tc::exports {

struct Cell {
  enum class Kind { Text, Integer, Decimal, Percent, Euros };
  Kind kind = Kind::Text;
  std::string text;   // Text
  double number = 0;  // Integer, Decimal, Percent (a share: 0.25 is 25 %), Euros (cents)
  int places = 1;     // Decimal

  static Cell of(std::string s) { return {Kind::Text, std::move(s), 0, 0}; }
  static Cell integer(long long n) { return {Kind::Integer, {}, static_cast<double>(n), 0}; }
  static Cell decimal(double v, int places) { return {Kind::Decimal, {}, v, places}; }
  static Cell percent(double share) { return {Kind::Percent, {}, share, 1}; }
  static Cell euros(domain::Cents cents) { return {Kind::Euros, {}, static_cast<double>(cents), 2}; }
};

struct Table {
  std::string sheet;  // the sheet's name: at most 31 characters, none of []:*?/\ (made so when not)
  std::string title;  // a sentence above the table
  std::vector<std::string> headers;
  std::vector<std::vector<Cell>> rows;
  std::string note;  // below the table: its source, its method; may be empty
};

// One sheet per table: the title, the header row (frozen, filtered), the rows, the note. Sheet names made unique.
std::string tables_xlsx(const std::string& book_title, const std::vector<Table>& tables);
// Each table's title on a line of its own, its header, its rows, its note, then an empty line.
std::string tables_csv(const std::vector<Table>& tables);

}  // namespace tc::exports
