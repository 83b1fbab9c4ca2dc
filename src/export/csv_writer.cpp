#include "export/csv_writer.h"

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
