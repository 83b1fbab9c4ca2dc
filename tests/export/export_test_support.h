// Independent readers for the export tests: the workbook goes through openpyxl (tests/export/read_xlsx.py), the CSV
// through a strict RFC 4180 parser written here, not the writer's code.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace tc::exports::testing {

// The workbook as read_xlsx.py prints it; throws std::runtime_error when the reader fails.
nlohmann::json read_xlsx(const std::string& bytes);

// The cell, or null when it is empty or absent.
const nlohmann::json& cell(const nlohmann::json& book, const std::string& sheet, const std::string& ref);
// The first 1-based row whose column `col` holds exactly `text`; 0 when none.
int find_row(const nlohmann::json& book, const std::string& sheet, const std::string& col, const std::string& text);
std::string ref(const std::string& col, int row);

struct Csv {
  bool bom = false;
  std::vector<std::vector<std::string>> rows;
};
// Strict: ";" separator, rows ended by CRLF (a bare CR or LF outside quotes throws), quotes only around a whole
// field, doubled inside.
Csv parse_csv(const std::string& text);

// Sets TMPDIR to a fresh empty directory for the test's lifetime, then restores it.
class ScopedTmpDir {
 public:
  ScopedTmpDir();
  ~ScopedTmpDir();
  ScopedTmpDir(const ScopedTmpDir&) = delete;
  ScopedTmpDir& operator=(const ScopedTmpDir&) = delete;
  const std::string& path() const { return path_; }
  std::size_t entries() const;

 private:
  std::string path_;
  std::string previous_;
  bool had_previous_ = false;
};

}  // namespace tc::exports::testing
