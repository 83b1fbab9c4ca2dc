#include "domain/person.h"

#include <gtest/gtest.h>

#include <string>

namespace tc::domain {
namespace {

Profile valid_profile() {
  Profile p;
  p.display_name = "Élodie Vermenouze";
  p.home_commune_insee = "15014";
  p.category = Category::SecondHomeEmployee;
  p.workplace_commune_insee = "69123";
  p.employer = "Coopérative laitière";
  return p;
}

bool has_error_on(const std::vector<FieldError>& errors, const std::string& field) {
  for (const auto& e : errors)
    if (e.field == field) return !e.message_fr.empty() && !e.message_en.empty();
  return false;
}

TEST(RoleTest, NamesRoundTrip) {
  for (auto r : kAllRoles) EXPECT_EQ(parse_role(to_string(r)), r);
  EXPECT_EQ(to_string(Role::Teleworker), "teleworker");
  EXPECT_EQ(to_string(Role::Admin), "admin");
  EXPECT_FALSE(parse_role("Admin"));  // names are exact
  EXPECT_FALSE(parse_role("superuser"));
}

TEST(CategoryTest, NamesRoundTripAndEveryCategoryHasBothLabels) {
  for (auto c : kAllCategories) {
    EXPECT_EQ(parse_category(to_string(c)), c);
    EXPECT_FALSE(label_fr(c).empty());
    EXPECT_FALSE(label_en(c).empty());
  }
  EXPECT_EQ(to_string(Category::ReducedMobilityOrAtHome), "reduced_mobility_or_at_home");
  EXPECT_EQ(parse_category("job_seeker"), Category::JobSeeker);
  EXPECT_FALSE(parse_category("tourist"));
}

TEST(ActorTest, HostsOnlyTheirCentresAndOnlyWithTheHostRole) {
  const Actor host{7, {Role::Teleworker, Role::Host}, {3, 5}};
  EXPECT_TRUE(host.has(Role::Host));
  EXPECT_TRUE(host.hosts(3));
  EXPECT_FALSE(host.hosts(4));
  EXPECT_FALSE(host.is_admin());
  EXPECT_TRUE(host.reviews(5));
  EXPECT_FALSE(host.reviews(4));

  const Actor former_host{8, {Role::Teleworker}, {3}};  // role revoked, centre list left behind
  EXPECT_FALSE(former_host.hosts(3));
  EXPECT_FALSE(former_host.reviews(3));
}

TEST(ActorTest, AdminReviewsEveryCentre) {
  const Actor admin{1, {Role::Admin}, {}};
  EXPECT_TRUE(admin.is_admin());
  EXPECT_FALSE(admin.hosts(3));
  EXPECT_TRUE(admin.reviews(3));
}

TEST(EmailTest, NormaliseTrimsAndLowerCases) {
  EXPECT_EQ(normalise_email("  Marie.Dupont@Mairie-Aurillac.FR \n"), "marie.dupont@mairie-aurillac.fr");
  EXPECT_EQ(normalise_email("élise@exemple.fr"), "élise@exemple.fr");  // non-ASCII kept as it is
}

TEST(EmailTest, AcceptsOrdinaryAddresses) {
  for (const char* good : {"marie.dupont@mairie-aurillac.fr", "j+telecentre@exemple.org", "a@b.co",
                           "prénom.nom@exemple.fr", "x_y-z@sous.domaine.exemple.fr"})
    EXPECT_EQ(validate_email(good), std::nullopt) << good;
}

TEST(EmailTest, RefusesMalformedAddressesInFrench) {
  for (const char* bad : {"", "marie.dupont", "marie@@exemple.fr", "marie@dupont@exemple.fr", "@exemple.fr",
                          "marie@exemple", "marie@.exemple.fr", "marie@exemple.fr.", "marie@exemple..fr",
                          "marie dupont@exemple.fr", "marie@exemple.fr\n", "marie\t@exemple.fr"}) {
    const auto error = validate_email(bad);
    ASSERT_TRUE(error) << bad;
    EXPECT_FALSE(error->empty());
  }
}

TEST(EmailTest, RefusesOverlongParts) {
  EXPECT_FALSE(validate_email(std::string(64, 'a') + "@exemple.fr"));
  EXPECT_TRUE(validate_email(std::string(65, 'a') + "@exemple.fr"));
  const std::string domain = std::string(63, 'd') + "." + std::string(63, 'd') + "." + std::string(63, 'd') + ".fr";
  const std::string at_limit = std::string(254 - 1 - domain.size(), 'a') + "@" + domain;
  ASSERT_EQ(at_limit.size(), 254u);
  EXPECT_FALSE(validate_email(at_limit));
  EXPECT_TRUE(validate_email("a" + at_limit));
}

TEST(ProfileValidationTest, ValidProfileHasNoError) { EXPECT_TRUE(validate(valid_profile()).empty()); }

TEST(ProfileValidationTest, OptionalFieldsMayBeLeftEmpty) {
  Profile p;
  p.display_name = "Jean";
  EXPECT_TRUE(validate(p).empty());
}

TEST(ProfileValidationTest, DisplayNameIsRequiredAndAtMostHundredCharacters) {
  Profile p = valid_profile();
  p.display_name = "   ";
  EXPECT_TRUE(has_error_on(validate(p), "display_name"));
  p.display_name = std::string(100, 'a');
  EXPECT_TRUE(validate(p).empty());
  p.display_name = std::string(101, 'a');
  EXPECT_TRUE(has_error_on(validate(p), "display_name"));
}

TEST(ProfileValidationTest, LengthsCountCharactersNotBytes) {
  Profile p = valid_profile();
  std::string name;
  for (int i = 0; i < 100; ++i) name += "é";  // 100 characters, 200 bytes
  p.display_name = name;
  EXPECT_TRUE(validate(p).empty());
  std::string employer;
  for (int i = 0; i < 200; ++i) employer += "è";
  p.employer = employer;
  EXPECT_TRUE(validate(p).empty());
  p.employer += "è";
  EXPECT_TRUE(has_error_on(validate(p), "employer"));
}

TEST(ProfileValidationTest, DisplayNameRefusesLineBreaks) {
  Profile p = valid_profile();
  p.display_name = "Jean\nDupont";
  EXPECT_TRUE(has_error_on(validate(p), "display_name"));
}

TEST(ProfileValidationTest, InseeCodesMustHaveTheRightShapeWhenGiven) {
  Profile p = valid_profile();
  p.home_commune_insee = "1501";
  EXPECT_TRUE(has_error_on(validate(p), "home_commune_insee"));
  p.home_commune_insee = "150140";
  EXPECT_TRUE(has_error_on(validate(p), "home_commune_insee"));
  p.home_commune_insee = "15O14";  // a letter O, not a zero
  EXPECT_TRUE(has_error_on(validate(p), "home_commune_insee"));
  p.home_commune_insee = "15014";
  p.workplace_commune_insee = "2A004";  // Ajaccio: Corsican codes are valid workplaces
  EXPECT_TRUE(validate(p).empty());
  p.workplace_commune_insee = "Lyon";
  const auto errors = validate(p);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "workplace_commune_insee");
}

TEST(CodePointTest, CountsCharactersNotBytes) {
  EXPECT_EQ(count_code_points(""), 0u);
  EXPECT_EQ(count_code_points("abc"), 3u);
  EXPECT_EQ(count_code_points("été"), 3u);
  EXPECT_EQ(count_code_points("€"), 1u);
  EXPECT_EQ(count_code_points("\xF0\x9F\x8F\xA1"), 1u);  // a four-byte emoji
}

}  // namespace
}  // namespace tc::domain

namespace tc::domain {
namespace {

TEST(Utf8PrefixTest, CutsBetweenCharactersNeverInside) {
  EXPECT_EQ(utf8_prefix("Télécentre", 2), "Té");
  EXPECT_EQ(utf8_prefix("Télécentre", 100), "Télécentre");
  EXPECT_EQ(utf8_prefix("œuvre", 1), "œ");
  EXPECT_EQ(utf8_prefix("", 3), "");
  EXPECT_EQ(utf8_prefix("abc", 0), "");
}

}  // namespace
}  // namespace tc::domain
