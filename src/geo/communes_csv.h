// Reads the communes reference file: CSV with a header naming at least insee,name,population,postcodes,lat,lon
// (optional zrr as 0/1; postcodes space-separated; fields may be double-quoted, RFC 4180).
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "domain/commune.h"

namespace tc::geo {

struct CsvError : std::runtime_error {
  using std::runtime_error::runtime_error;  // message names the line and the field, in French
};

std::vector<domain::Commune> read_communes_csv(std::string_view text);

}  // namespace tc::geo
