#include "export/csv_writer.h"

#include <cstdio>

namespace tc::exports {

CsvWriter::CsvWriter() : out_("\xEF\xBB\xBF") {}

void CsvWriter::field(std::string_view s) {
  if (fields_in_row_++ > 0) out_ += ';';
  if (s.find_first_of(";\"\r\n") == std::string_view::npos) {
    out_ += s;
    return;
  }
  out_ += '"';
  for (char c : s) {
    if (c == '"') out_ += '"';
    out_ += c;
  }
  out_ += '"';
}

CsvWriter& CsvWriter::text(std::string_view s) {
  if (!s.empty() && (s.front() == '=' || s.front() == '+' || s.front() == '-' || s.front() == '@' ||
                     s.front() == '\t' || s.front() == '\r')) {
    field("'" + std::string(s));
  } else {
    field(s);
  }
  return *this;
}

CsvWriter& CsvWriter::raw(std::string_view s) {
  field(s);
  return *this;
}

CsvWriter& CsvWriter::integer(long long v) {
  field(std::to_string(v));
  return *this;
}

CsvWriter& CsvWriter::euros(domain::Cents cents) {
  std::string s = domain::plain_euros(cents);
  if (const auto dot = s.find('.'); dot != std::string::npos) s[dot] = ',';
  field(s);
  return *this;
}

CsvWriter& CsvWriter::decimal(double v, int places) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", places, v);
  std::string s = buffer;
  // "-0,0" reads as a mistake: a value that rounds to zero is zero.
  if (s.starts_with('-') && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);
  if (const auto dot = s.find('.'); dot != std::string::npos) s[dot] = ',';
  field(s);
  return *this;
}

CsvWriter& CsvWriter::date(const domain::Date& d) {
  field(d.iso());
  return *this;
}

CsvWriter& CsvWriter::empty() {
  field({});
  return *this;
}

void CsvWriter::end_row(std::size_t width) {
  while (fields_in_row_ < width) field({});
  out_ += "\r\n";
  fields_in_row_ = 0;
}

}  // namespace tc::exports
