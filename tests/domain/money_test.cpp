#include "domain/money.h"

#include <gtest/gtest.h>

#include <limits>

namespace tc::domain {
namespace {

// U+202F narrow no-break space (thousands), U+00A0 no-break space (before the euro sign).
constexpr const char* kNnbsp = "\u202F";
constexpr const char* kNbsp = "\u00A0";

std::string fr(const std::string& digits) { return digits + kNbsp + "€"; }

TEST(MoneyFormatTest, GrantAmountsAsTheFrenchWriteThem) {
  EXPECT_EQ(format_euros(1'200'000), "12\u202F000,00\u00A0€");
  EXPECT_EQ(format_euros(8'300'000), fr(std::string("83") + kNnbsp + "000,00"));
  EXPECT_EQ(format_euros(10'000'000), fr(std::string("100") + kNnbsp + "000,00"));
}

TEST(MoneyFormatTest, SmallAmountsAndThousandsBoundary) {
  EXPECT_EQ(format_euros(0), fr("0,00"));
  EXPECT_EQ(format_euros(1), fr("0,01"));
  EXPECT_EQ(format_euros(10), fr("0,10"));
  EXPECT_EQ(format_euros(99), fr("0,99"));
  EXPECT_EQ(format_euros(100), fr("1,00"));
  EXPECT_EQ(format_euros(99'900), fr("999,00"));  // three digits: no separator yet
  EXPECT_EQ(format_euros(99'999), fr("999,99"));
  EXPECT_EQ(format_euros(100'000), fr(std::string("1") + kNnbsp + "000,00"));
  EXPECT_EQ(format_euros(123'456'789), fr(std::string("1") + kNnbsp + "234" + kNnbsp + "567,89"));
}

TEST(MoneyFormatTest, NegativeAmountsKeepTheirSign) {
  EXPECT_EQ(format_euros(-1), fr("-0,01"));
  EXPECT_EQ(format_euros(-150'000), fr(std::string("-1") + kNnbsp + "500,00"));
  EXPECT_EQ(format_euros(-99'900), fr("-999,00"));
}

TEST(MoneyFormatTest, ExtremeValuesDoNotOverflow) {
  const std::string max =
      std::string("92") + kNnbsp + "233" + kNnbsp + "720" + kNnbsp + "368" + kNnbsp + "547" + kNnbsp + "758";
  EXPECT_EQ(format_euros(std::numeric_limits<Cents>::max()), fr(max + ",07"));
  EXPECT_EQ(format_euros(std::numeric_limits<Cents>::min()), fr("-" + max + ",08"));
}

TEST(MoneyPlainTest, DecimalPointNoGrouping) {
  EXPECT_EQ(plain_euros(0), "0.00");
  EXPECT_EQ(plain_euros(5), "0.05");
  EXPECT_EQ(plain_euros(99'900), "999.00");
  EXPECT_EQ(plain_euros(1'200'000), "12000.00");
  EXPECT_EQ(plain_euros(123'456'789), "1234567.89");
  EXPECT_EQ(plain_euros(-150'050), "-1500.50");
  EXPECT_EQ(plain_euros(std::numeric_limits<Cents>::min()), "-92233720368547758.08");
}

TEST(MoneyParseTest, FrenchAndEnglishForms) {
  EXPECT_EQ(parse_euros("12000"), 1'200'000);
  EXPECT_EQ(parse_euros("12 000"), 1'200'000);
  EXPECT_EQ(parse_euros("12000,50"), 1'200'050);
  EXPECT_EQ(parse_euros("12000.50"), 1'200'050);
  EXPECT_EQ(parse_euros("12000.5"), 1'200'050);  // one decimal means tenths
  EXPECT_EQ(parse_euros("12000,05"), 1'200'005);
  EXPECT_EQ(parse_euros("12 000,00 €"), 1'200'000);
  EXPECT_EQ(parse_euros("1 234 567,89"), 123'456'789);
  EXPECT_EQ(parse_euros("  999 "), 99'900);
  EXPECT_EQ(parse_euros("1000"), 100'000);
  EXPECT_EQ(parse_euros("0"), 0);
  EXPECT_EQ(parse_euros("0,01"), 1);
  EXPECT_EQ(parse_euros("€ 12"), 1'200);
}

TEST(MoneyParseTest, NoBreakSpacesAndEuroSignAreIgnored) {
  EXPECT_EQ(parse_euros("12\u202F000,00\u00A0€"), 1'200'000);
  EXPECT_EQ(parse_euros("1\u00A0234\u00A0567,89"), 123'456'789);
  EXPECT_EQ(parse_euros("\t12\t000\t"), 1'200'000);
}

TEST(MoneyParseTest, RoundTripsWhatItFormats) {
  for (Cents v : {Cents{0}, Cents{1}, Cents{99'900}, Cents{100'000}, Cents{123'456'789}, Cents{8'300'000},
                  Cents{9'999'999'999'999}}) {
    EXPECT_EQ(parse_euros(format_euros(v)), v) << format_euros(v);
    EXPECT_EQ(parse_euros(plain_euros(v)), v) << plain_euros(v);
  }
}

TEST(MoneyParseTest, LargeAmounts) {
  EXPECT_EQ(parse_euros("1 000 000 000"), 100'000'000'000);
  EXPECT_EQ(parse_euros("92233720368547757,99"), 9'223'372'036'854'775'799);  // near the int64 limit, still exact
}

TEST(MoneyParseTest, Refusals) {
  EXPECT_EQ(parse_euros("12,345"), std::nullopt);  // three decimals: neither cents nor a safe thousands group
  EXPECT_EQ(parse_euros("12.345"), std::nullopt);
  EXPECT_EQ(parse_euros("abc"), std::nullopt);
  EXPECT_EQ(parse_euros("-5"), std::nullopt);  // negative
  EXPECT_EQ(parse_euros("-5,00 €"), std::nullopt);
  EXPECT_EQ(parse_euros("+5"), std::nullopt);
  EXPECT_EQ(parse_euros(""), std::nullopt);
  EXPECT_EQ(parse_euros("   "), std::nullopt);
  EXPECT_EQ(parse_euros("€"), std::nullopt);
  EXPECT_EQ(parse_euros("12,"), std::nullopt);  // a separator needs decimals
  EXPECT_EQ(parse_euros(",50"), std::nullopt);  // and units
  EXPECT_EQ(parse_euros("12,5a"), std::nullopt);
  EXPECT_EQ(parse_euros("12a"), std::nullopt);
  EXPECT_EQ(parse_euros("1.234,56"), std::nullopt);  // grouping by dots or commas: not among the accepted forms
  EXPECT_EQ(parse_euros("1,234.56"), std::nullopt);
  EXPECT_EQ(parse_euros("12 EUR"), std::nullopt);
  EXPECT_EQ(parse_euros("99999999999999999999"), std::nullopt);  // would overflow
  EXPECT_EQ(parse_euros("92233720368547758"), std::nullopt);     // × 100 would not fit
}

}  // namespace
}  // namespace tc::domain
