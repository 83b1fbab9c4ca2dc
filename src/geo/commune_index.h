// Finds communes the way people type them: "st flour", "Saint Flour", "saint-flour", "ST-FLOUR" and "15100"
// all find Saint-Flour; a postcode shared by several communes returns them all. Built once from the reference
// list, then read-only and safe to share between threads.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "domain/commune.h"

namespace tc::geo {

// Lower-case ASCII, accents folded (é→e, œ→oe), every run of non-alphanumerics one space, the usual
// abbreviations expanded as whole words (st→saint, ste→sainte, s/→sur, n.-d.→notre dame…), trimmed.
std::string normalise_place_name(std::string_view text);

class CommuneIndex {
 public:
  explicit CommuneIndex(std::vector<domain::Commune> communes);

  // Exact INSEE code; nullptr when unknown.
  const domain::Commune* by_insee(std::string_view insee) const;
  // Every commune with that postcode, by name.
  std::vector<const domain::Commune*> by_postcode(std::string_view postcode) const;
  // An INSEE code or a postcode ("15187", "15100"): the communes it designates (INSEE first).
  std::vector<const domain::Commune*> resolve_code(std::string_view code) const;

  // Autocomplete: digits are matched as a prefix of INSEE codes and postcodes; text as a prefix of the
  // normalised name, then of any word of it. Ranked: exact name, name prefix, word prefix; then by population
  // (largest first), then name. At most `limit` results.
  std::vector<const domain::Commune*> search(std::string_view query, std::size_t limit = 20) const;

  const std::vector<domain::Commune>& all() const { return communes_; }

 private:
  std::vector<domain::Commune> communes_;
  std::vector<std::string> normalised_;  // normalise_place_name(communes_[i].name)
};

}  // namespace tc::geo
