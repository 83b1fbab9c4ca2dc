#include "siting/instance.h"

#include <algorithm>
#include <cmath>

namespace tc::siting {

std::string_view to_string(Model m) {
  switch (m) {
    case Model::Lscp: return "lscp";
    case Model::Mclp: return "mclp";
    case Model::PMedian: return "pmedian";
  }
  return "pmedian";
}

double Solution::gap() const {
  if (optimal) return 0;
  const double scale = std::max(std::abs(objective), 1e-9);
  return std::abs(objective - bound) / scale;
}

}  // namespace tc::siting
