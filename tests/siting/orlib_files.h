// The OR-Library files the siting tests read (data/orlib-pmed, copied from ../shared/data with its SOURCE note):
// one place for their paths, the published optima and loading an instance.
#pragma once

#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "siting/orlib.h"

namespace tc::siting::test {

inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline std::string orlib_path(const std::string& file) {
  return std::string(TC_SOURCE_DIR) + "/data/orlib-pmed/" + file;
}

// Optimal values from pmedopt.txt ("pmedN value" lines after a header line).
inline std::map<std::string, double> read_optima() {
  std::map<std::string, double> out;
  std::istringstream in(read_text(orlib_path("pmedopt.txt")));
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string name;
    double value = 0;
    if (fields >> name >> value) out[name] = value;
  }
  return out;
}

inline Instance load_orlib(const std::string& name, int* p) {
  return read_orlib(read_text(orlib_path(name + ".txt")), p);
}

}  // namespace tc::siting::test
