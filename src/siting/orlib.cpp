#include "siting/orlib.h"

#include <barrier>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "siting/errors.h"

namespace tc::siting {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr int kMaxVertices = 5000;  // a 200 MB matrix

std::vector<std::string_view> split_ws(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
    const std::size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') ++i;
    if (i > start) out.push_back(line.substr(start, i - start));
  }
  return out;
}

[[noreturn]] void fail(int line_no, const std::string& what) {
  throw SitingError("OR-Library, ligne " + std::to_string(line_no) + " : " + what);
}

int parse_int(std::string_view tok, int line_no, const char* what) {
  int v = 0;
  const auto [ptr, ec] = std::from_chars(tok.data(), tok.data() + tok.size(), v);
  if (ec != std::errc{} || ptr != tok.data() + tok.size()) {
    fail(line_no, std::string(what) + " n'est pas un entier (« " + std::string(tok) + " »)");
  }
  return v;
}

double parse_cost(std::string_view tok, int line_no) {
  double v = 0;
  const auto [ptr, ec] = std::from_chars(tok.data(), tok.data() + tok.size(), v);
  if (ec != std::errc{} || ptr != tok.data() + tok.size() || !std::isfinite(v) || v < 0) {
    fail(line_no, "coût d'arête invalide (« " + std::string(tok) + " »), nombre positif attendu");
  }
  return v;
}

// Floyd–Warshall in place. Rows are split between two threads that meet at a barrier after each k: row k and
// column k do not change during step k (d[k][k] = 0 and we only write strict improvements), so the halves are
// independent.
void floyd_warshall(std::vector<double>& d, int n) {
  const auto un = static_cast<std::size_t>(n);
  auto relax_rows = [&d, un](std::size_t k, std::size_t row_begin, std::size_t row_end) {
    const double* row_k = d.data() + k * un;
    for (std::size_t i = row_begin; i < row_end; ++i) {
      double* row_i = d.data() + i * un;
      const double dik = row_i[k];
      if (dik == kInf) continue;
      for (std::size_t j = 0; j < un; ++j) {
        const double via = dik + row_k[j];
        if (via < row_i[j]) row_i[j] = via;
      }
    }
  };
  // Below ~200 vertices the whole thing takes a few milliseconds: threads would cost more than they save.
  if (n < 200 || std::thread::hardware_concurrency() < 2) {
    for (std::size_t k = 0; k < un; ++k) relax_rows(k, 0, un);
    return;
  }
  const std::size_t half = un / 2;
  std::barrier sync(2);
  std::thread other([&] {
    for (std::size_t k = 0; k < un; ++k) {
      relax_rows(k, half, un);
      sync.arrive_and_wait();
    }
  });
  for (std::size_t k = 0; k < un; ++k) {
    relax_rows(k, 0, half);
    sync.arrive_and_wait();
  }
  other.join();
}

}  // namespace

Instance read_orlib(std::string_view text, int* p_out) {
  // Physical lines, numbered from 1 for the messages; blank lines are skipped.
  std::vector<std::pair<int, std::string_view>> lines;
  {
    int line_no = 0;
    std::size_t pos = 0;
    while (pos <= text.size()) {
      const std::size_t nl = text.find('\n', pos);
      const std::size_t end = nl == std::string_view::npos ? text.size() : nl;
      ++line_no;
      const std::string_view line = text.substr(pos, end - pos);
      if (!split_ws(line).empty()) lines.emplace_back(line_no, line);
      if (nl == std::string_view::npos) break;
      pos = nl + 1;
    }
  }
  if (lines.empty()) throw SitingError("OR-Library : fichier vide, en-tête « n m p » attendu");

  const auto [header_no, header] = lines.front();
  const auto head = split_ws(header);
  if (head.size() != 3) fail(header_no, "en-tête « n m p » attendu (3 entiers)");
  const int n = parse_int(head[0], header_no, "le nombre de sommets");
  const int m = parse_int(head[1], header_no, "le nombre d'arêtes");
  const int p = parse_int(head[2], header_no, "le nombre de médianes");
  if (n < 1) fail(header_no, "le nombre de sommets doit être au moins 1");
  if (m < 0) fail(header_no, "le nombre d'arêtes ne peut pas être négatif");
  if (p < 1 || p > n) fail(header_no, "le nombre de médianes doit être compris entre 1 et " + std::to_string(n));

  const auto edges_read = static_cast<int>(lines.size()) - 1;
  if (edges_read < m) {
    const int last_no = lines.back().first;
    fail(last_no + 1,
         "fin du fichier : " + std::to_string(m) + " arêtes annoncées, " + std::to_string(edges_read) + " lues");
  }
  if (edges_read > m) fail(lines[static_cast<std::size_t>(m) + 1].first, "ligne en trop après les arêtes annoncées");
  // Before the n × n matrix is allocated: a header alone ("222391 1 1") must not ask for gigabytes (found by
  // fuzz/orlib_fuzz.cpp). Fewer than n − 1 edges cannot connect n vertices, and the matrix and Floyd–Warshall
  // (n³) are bounded: OR-Library's largest instance has 900 vertices.
  if (m < n - 1) {
    throw SitingError("OR-Library : graphe non connexe (" + std::to_string(m) + " arêtes pour " + std::to_string(n) +
                      " sommets)");
  }
  if (n > kMaxVertices) {
    fail(header_no, "au plus " + std::to_string(kMaxVertices) + " sommets (" + std::to_string(n) + " annoncés)");
  }

  const auto un = static_cast<std::size_t>(n);
  std::vector<double> d(un * un, kInf);
  for (std::size_t v = 0; v < un; ++v) d[v * un + v] = 0;

  for (std::size_t e = 1; e < lines.size(); ++e) {
    const auto [line_no, line] = lines[e];
    const auto tok = split_ws(line);
    if (tok.size() != 3) fail(line_no, "arête « i j coût » attendue (3 valeurs)");
    const int a = parse_int(tok[0], line_no, "le premier sommet");
    const int b = parse_int(tok[1], line_no, "le second sommet");
    const double c = parse_cost(tok[2], line_no);
    if (a < 1 || a > n || b < 1 || b > n) {
      fail(line_no, "sommet hors de l'intervalle 1.." + std::to_string(n));
    }
    if (a == b) continue;  // a loop never shortens a path
    // Overwrite, not min: the last occurrence of a duplicated edge gives its cost (Beasley's convention).
    const auto ia = static_cast<std::size_t>(a - 1);
    const auto ib = static_cast<std::size_t>(b - 1);
    d[ia * un + ib] = c;
    d[ib * un + ia] = c;
  }

  floyd_warshall(d, n);
  for (std::size_t j = 1; j < un; ++j) {
    if (d[j] == kInf) {
      throw SitingError("OR-Library : graphe non connexe (le sommet " + std::to_string(j + 1) +
                        " est inaccessible depuis le sommet 1)");
    }
  }

  Instance inst;
  inst.clients = n;
  inst.sites = n;
  inst.weight.assign(un, 1.0);
  inst.cost = std::move(d);
  inst.client_ids.reserve(un);
  for (int v = 1; v <= n; ++v) inst.client_ids.push_back(std::to_string(v));
  inst.site_ids = inst.client_ids;
  if (p_out != nullptr) *p_out = p;
  return inst;
}

}  // namespace tc::siting
