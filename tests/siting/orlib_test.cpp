#include "siting/orlib.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "orlib_files.h"
#include "siting/errors.h"

namespace tc::siting {
namespace {

using test::read_text;

// Expects a SitingError whose message contains `fragment` (the offending line, typically).
void expect_error(const std::string& text, const std::string& fragment) {
  try {
    int p = 0;
    (void)read_orlib(text, &p);
    ADD_FAILURE() << "aucune erreur pour :\n" << text;
  } catch (const SitingError& e) {
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
  }
}

TEST(OrlibTest, ParsesPathGraphWithShortestPaths) {
  int p = 0;
  const Instance inst = read_orlib(" 4 3 2 \n 1 2 5 \n 2 3 7\n4 3 1\n", &p);
  EXPECT_EQ(p, 2);
  ASSERT_EQ(inst.clients, 4);
  ASSERT_EQ(inst.sites, 4);
  EXPECT_EQ(inst.weight, std::vector<double>(4, 1.0));
  EXPECT_EQ(inst.client_ids, (std::vector<std::string>{"1", "2", "3", "4"}));
  EXPECT_EQ(inst.site_ids, inst.client_ids);
  EXPECT_TRUE(inst.fixed.empty());
  EXPECT_EQ(inst.at(0, 0), 0);
  EXPECT_EQ(inst.at(0, 3), 13);
  EXPECT_EQ(inst.at(3, 0), 13);
  EXPECT_EQ(inst.at(1, 3), 8);
}

TEST(OrlibTest, LastOccurrenceOfDuplicateEdgeWins) {
  // Square 1-2-3-4-1 with sides 10; edge 1-3 given twice. Taking the minimum would give d(1,3) = 4 both times.
  const std::string square = "1 2 10\n2 3 10\n3 4 10\n4 1 10\n";
  const Instance last_long = read_orlib("4 6 1\n" + square + "1 3 4\n3 1 50\n", nullptr);
  EXPECT_EQ(last_long.at(0, 2), 20);  // 50 is the edge's cost; the path via 2 is shorter
  const Instance last_short = read_orlib("4 6 1\n" + square + "1 3 50\n3 1 4\n", nullptr);
  EXPECT_EQ(last_short.at(0, 2), 4);
  EXPECT_EQ(last_short.at(1, 2), 10);
  // Duplicate side: the last cost (30) replaces the first (2), so 1→2 goes round the other way (30 vs 10+10+10).
  const Instance dup_side = read_orlib("4 5 1\n1 2 2\n2 3 10\n3 4 10\n4 1 10\n2 1 30\n", nullptr);
  EXPECT_EQ(dup_side.at(0, 1), 30);
  EXPECT_EQ(dup_side.at(0, 2), 20);
}

TEST(OrlibTest, BadHeaderIsRejected) {
  expect_error("", "vide");
  expect_error("4 3\n1 2 1\n2 3 1\n3 4 1\n", "ligne 1");
  expect_error("4 x 1\n1 2 1\n", "ligne 1");
  expect_error("4 3 0\n1 2 1\n2 3 1\n3 4 1\n", "ligne 1");
  expect_error("4 3 5\n1 2 1\n2 3 1\n3 4 1\n", "ligne 1");
  expect_error("0 0 1\n", "ligne 1");
}

TEST(OrlibTest, BadEdgesAreRejected) {
  expect_error("3 2 1\n1 2 5\n2 4 5\n", "ligne 3");   // vertex out of range
  expect_error("3 2 1\n0 2 5\n2 3 5\n", "ligne 2");   // vertices are 1-based
  expect_error("3 2 1\n1 2 5\n2 3 -1\n", "ligne 3");  // negative cost
  expect_error("3 2 1\n1 2\n2 3 5\n", "ligne 2");     // missing cost
  expect_error("3 2 1\n1 2 5\n2 3 a\n", "ligne 3");
}

TEST(OrlibTest, MissingOrExtraLinesAreRejected) {
  expect_error("3 3 1\n1 2 5\n2 3 5\n", "3 arêtes annoncées, 2 lues");
  expect_error("3 1 1\n1 2 5\n2 3 5\n", "ligne 3");
  expect_error("4 2 1\n1 2 5\n3 4 5\n", "non connexe");
}

// Found by fuzz/orlib_fuzz.cpp: a header alone asked for an n × n matrix before any edge was read (222391² doubles,
// 395 GB: out of memory). Too few edges to connect n vertices, or more vertices than the reader takes, are refused
// first.
TEST(OrlibTest, HugeVertexCountIsRefusedBeforeAllocating) {
  expect_error("222391 1 1", "1 arêtes annoncées, 0 lues");  // the fuzzer's input, as found
  expect_error("222391 0 1\n", "non connexe");
  std::string many = "5001 5000 1\n";
  for (int v = 1; v <= 5000; ++v) many += std::to_string(v) + " " + std::to_string(v + 1) + " 1\n";
  expect_error(many, "au plus 5000 sommets");
}

TEST(OrlibTest, ReadsPmed1) {
  int p = 0;
  const Instance inst = read_orlib(read_text(std::string(TC_SOURCE_DIR) + "/data/orlib-pmed/pmed1.txt"), &p);
  EXPECT_EQ(p, 5);
  ASSERT_EQ(inst.clients, 100);
  ASSERT_EQ(inst.sites, 100);
  for (int i = 0; i < 100; ++i) {
    EXPECT_EQ(inst.at(i, i), 0);
    for (int j = 0; j < 100; ++j) {
      ASSERT_EQ(inst.at(i, j), inst.at(j, i));
      ASSERT_GE(inst.at(i, j), 0);
    }
  }
  EXPECT_EQ(inst.at(0, 1), 30);  // first edge of the file, "1 2 30", is a shortest path
}

}  // namespace
}  // namespace tc::siting
