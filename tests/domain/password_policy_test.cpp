#include "domain/password_policy.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

namespace tc::domain {
namespace {

std::string read_list() {
  std::ifstream in(TC_SOURCE_DIR "/data/common-passwords.txt", std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

const CommonPasswords& shipped() {
  static const CommonPasswords list(read_list());
  return list;
}

constexpr const char* kEmail = "marie.dupont@exemple.fr";

TEST(CommonPasswordsTest, ParsesOneEntryPerLineIgnoringBlanksAndLineEndings) {
  const CommonPasswords list("soleil\r\n\n  doudou  \nMarseille\n\nsoleil");
  EXPECT_EQ(list.size(), 3u);
  EXPECT_TRUE(list.contains("soleil"));
  EXPECT_TRUE(list.contains("doudou"));
  EXPECT_TRUE(list.contains("marseille"));
  EXPECT_FALSE(list.contains("soleil2"));
  EXPECT_FALSE(list.contains(""));
}

TEST(CommonPasswordsTest, ShippedListIsLowerCaseUniqueAndAtLeastSixCharacters) {
  const std::string text = read_list();
  ASSERT_FALSE(text.empty()) << "data/common-passwords.txt not found";
  std::istringstream lines(text);
  std::set<std::string> seen;
  std::string line;
  while (std::getline(lines, line)) {
    EXPECT_GE(line.size(), 6u) << line;
    for (char c : line) EXPECT_FALSE(c >= 'A' && c <= 'Z') << line;
    EXPECT_EQ(line.find_first_of(" \t\r"), std::string::npos) << line;
    EXPECT_TRUE(seen.insert(line).second) << "duplicate: " << line;
  }
  EXPECT_GE(seen.size(), 250u);
  EXPECT_EQ(shipped().size(), seen.size());
}

TEST(CommonPasswordsTest, ShippedListHasTheFrenchFavourites) {
  for (const char* p : {"azerty", "azertyuiop", "motdepasse", "soleil", "doudou", "marseille", "bonjour", "loulou",
                        "chouchou", "123456789", "123456", "password"})
    EXPECT_TRUE(shipped().contains(p)) << p;
}

TEST(PasswordPolicyTest, LongUncommonPasswordIsAccepted) {
  EXPECT_TRUE(check_password("cheval-pile-agrafe-Salers", kEmail, shipped()).empty());
}

TEST(PasswordPolicyTest, TooShortIsRefused) {
  const auto errors = check_password("Kx9!pLm2q", kEmail, shipped());  // 9 characters
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "password");
  EXPECT_FALSE(errors[0].message_fr.empty());
  EXPECT_FALSE(errors[0].message_en.empty());
  EXPECT_TRUE(check_password("Kx9!pLm2qW", kEmail, shipped()).empty());  // 10
}

TEST(PasswordPolicyTest, LengthCountsCharactersNotBytes) {
  EXPECT_TRUE(check_password("éééééééééé", kEmail, shipped()).empty());  // 10 characters, 20 bytes
  EXPECT_FALSE(check_password("ééééééééé", kEmail, shipped()).empty());  // 9 characters, 18 bytes
}

TEST(PasswordPolicyTest, OverlongIsRefused) {
  EXPECT_TRUE(check_password(std::string(256, 'k'), kEmail, shipped()).empty());
  EXPECT_EQ(check_password(std::string(257, 'k'), kEmail, shipped()).size(), 1u);
}

TEST(PasswordPolicyTest, CommonPasswordIsRefusedWhateverItsCase) {
  for (const char* p :
       {"azertyuiop", "AZERTYUIOP", "AzErTyUiOp", "motdepasse", "MotDePasse", "1234567890", "1q2w3e4r5t"}) {
    const auto errors = check_password(p, kEmail, shipped());
    ASSERT_EQ(errors.size(), 1u) << p;  // long enough: refused for being common only
    EXPECT_EQ(errors[0].field, "password");
  }
}

TEST(PasswordPolicyTest, ShortCommonPasswordGetsBothReasons) {
  EXPECT_EQ(check_password("Azerty", kEmail, shipped()).size(), 2u);
}

TEST(PasswordPolicyTest, PasswordContainingTheEmailLocalPartIsRefused) {
  EXPECT_EQ(check_password("marie.dupont2026", kEmail, shipped()).size(), 1u);
  EXPECT_EQ(check_password("Xx-MARIE.DUPONT-xX", kEmail, shipped()).size(), 1u);  // case does not hide it
  EXPECT_TRUE(check_password("marie-dupont-2026", kEmail, shipped()).empty());    // not the same text
}

TEST(PasswordPolicyTest, ShortLocalPartIsNotHeldAgainstThePassword) {
  EXPECT_TRUE(check_password("jo-et-les-salers", "jo@exemple.fr", shipped()).empty());
  EXPECT_EQ(check_password("jojo-et-les-salers", "jojo@exemple.fr", shipped()).size(), 1u);
}

TEST(PasswordPolicyTest, MissingEmailOnlySkipsThatCheck) {
  EXPECT_TRUE(check_password("cheval-pile-agrafe-Salers", "", shipped()).empty());
  EXPECT_EQ(check_password("azertyuiop", "", shipped()).size(), 1u);
}

}  // namespace
}  // namespace tc::domain
