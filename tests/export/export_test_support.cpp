#include "export_test_support.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace tc::exports::testing {

namespace {

// openpyxl goes by the extension, hence the suffix.
std::string temp_xlsx_path() {
  std::string pattern = "/tmp/tc-export-test-XXXXXX.xlsx";
  const int fd = mkstemps(pattern.data(), 5);
  if (fd < 0) throw std::runtime_error("cannot create a temporary file");
  ::close(fd);
  return pattern;
}

}  // namespace

nlohmann::json read_xlsx(const std::string& bytes) {
  const std::string path = temp_xlsx_path();
  struct Remove {
    std::string p;
    ~Remove() { std::filesystem::remove(p); }
  } remove{path};
  {
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw std::runtime_error("cannot write " + path);
  }
  const std::string command =
      std::string(TC_PYTHON) + " " + TC_SOURCE_DIR + "/tests/export/read_xlsx.py '" + path + "'";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("cannot run " + command);
  std::string output;
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) output.append(buffer, n);
  const int status = ::pclose(pipe);
  if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error("the reader failed (is python3-openpyxl installed for " TC_PYTHON "?): " + command);
  return nlohmann::json::parse(output);
}

const nlohmann::json& cell(const nlohmann::json& book, const std::string& sheet, const std::string& r) {
  static const nlohmann::json null;
  const auto& cells = book.at("cells").at(sheet);
  const auto it = cells.find(r);
  return it == cells.end() ? null : *it;
}

std::string ref(const std::string& col, int row) { return col + std::to_string(row); }

int find_row(const nlohmann::json& book, const std::string& sheet, const std::string& col, const std::string& text) {
  int found = 0;
  for (const auto& [r, c] : book.at("cells").at(sheet).items()) {
    if (r.rfind(col, 0) != 0 || r.size() <= col.size() || !std::isdigit(static_cast<unsigned char>(r[col.size()])))
      continue;
    // Keys sort as text ("A23" before "A9"): keep the smallest row number.
    if (c.at("type") == "s" && c.at("value") == text) {
      const int row = std::stoi(r.substr(col.size()));
      if (found == 0 || row < found) found = row;
    }
  }
  return found;
}

Csv parse_csv(const std::string& text) {
  Csv csv;
  std::size_t i = 0;
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) {
    csv.bom = true;
    i = 3;
  }
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;  // inside a quoted field
  bool was_quoted = false;
  while (i < text.size()) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          i += 2;
        } else {
          quoted = false;
          ++i;
        }
      } else {
        field += c;
        ++i;
      }
      continue;
    }
    if (c == '"') {
      if (!field.empty() || was_quoted) throw std::runtime_error("quote inside an unquoted field");
      quoted = was_quoted = true;
      ++i;
    } else if (c == ';') {
      row.push_back(field);
      field.clear();
      was_quoted = false;
      ++i;
    } else if (c == '\r') {
      if (i + 1 >= text.size() || text[i + 1] != '\n') throw std::runtime_error("bare CR");
      row.push_back(field);
      csv.rows.push_back(row);
      row.clear();
      field.clear();
      was_quoted = false;
      i += 2;
    } else if (c == '\n') {
      throw std::runtime_error("bare LF: rows must end with CRLF");
    } else {
      if (was_quoted) throw std::runtime_error("text after a closing quote");
      field += c;
      ++i;
    }
  }
  if (quoted) throw std::runtime_error("unterminated quoted field");
  if (!field.empty() || !row.empty()) throw std::runtime_error("last row not ended by CRLF");
  return csv;
}

ScopedTmpDir::ScopedTmpDir() {
  std::string pattern = "/tmp/tc-export-tmpdir-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create a temporary directory");
  path_ = pattern;
  if (const char* p = std::getenv("TMPDIR")) {
    previous_ = p;
    had_previous_ = true;
  }
  ::setenv("TMPDIR", path_.c_str(), 1);
}

ScopedTmpDir::~ScopedTmpDir() {
  if (had_previous_)
    ::setenv("TMPDIR", previous_.c_str(), 1);
  else
    ::unsetenv("TMPDIR");
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::size_t ScopedTmpDir::entries() const {
  return static_cast<std::size_t>(
      std::distance(std::filesystem::directory_iterator(path_), std::filesystem::directory_iterator()));
}

}  // namespace tc::exports::testing
