// The HTML pages as a browser without JavaScript receives them.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "page_client.h"
#include "server_process.h"
#include "shared_server.h"

namespace tc::test {
namespace {

class Pages : public SharedServer<Pages> {};

// How a name appears in the page's HTML (apostrophes are escaped).
std::string html(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '\'' ? std::string("&apos;") : std::string(1, c);
  return out;
}

TEST_F(Pages, HomeIsFrenchByDefaultWithASearchForm) {
  auto r = server_->get("/");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type"), "text/html; charset=utf-8");
  EXPECT_TRUE(contains(r.body, "<html lang=\"fr\""));
  EXPECT_TRUE(contains(r.body, "name=\"q\""));
  EXPECT_TRUE(contains(r.body, "href=\"#contenu\""));  // skip link
  EXPECT_TRUE(contains(r.body, "<main"));
  EXPECT_FALSE(contains(r.body, "<script"));  // works without JavaScript: there is none
}

TEST_F(Pages, EnglishWithLangParameterOrAcceptLanguage) {
  EXPECT_TRUE(contains(server_->get("/?lang=en").body, "<html lang=\"en\""));
  EXPECT_TRUE(contains(server_->get("/", {{"Accept-Language", "en-US,en;q=0.8"}}).body, "<html lang=\"en\""));
  EXPECT_TRUE(contains(server_->get("/", {{"Accept-Language", "de-DE,fr;q=0.5"}}).body, "<html lang=\"fr\""));
}

TEST_F(Pages, SearchListsSaintFlourFirstAndDrawsTheMap) {
  auto r = server_->get("/?q=st+flour&within_km=30");
  ASSERT_EQ(r.status, 200);
  const auto first = r.body.find("Télécentre de Saint-Flour");
  ASSERT_NE(first, std::string::npos);
  EXPECT_LT(first, r.body.find("Télécentre de Murat"));
  EXPECT_TRUE(contains(r.body, "<svg"));
  EXPECT_TRUE(contains(r.body, "role=\"img\""));
  EXPECT_FALSE(contains(r.body, "Télécentre de Mauriac"));  // 70 km away
}

TEST_F(Pages, PostcodeSearchFindsItsTown) {
  auto r = server_->get("/?q=15100&within_km=10");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(contains(r.body, "Télécentre de Saint-Flour"));
}

TEST_F(Pages, UnknownCommuneIsAFrenchMessageNotAnError) {
  auto r = server_->get("/?q=Xyzzyville");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(contains(r.body, "role=\"alert\""));
  EXPECT_TRUE(contains(r.body, "Xyzzyville"));  // what was typed is shown back
}

TEST_F(Pages, AmbiguousNameOffersTheCandidates) {
  auto r = server_->get("/?q=saint");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(contains(r.body, "Saint-Flour"));
  EXPECT_TRUE(contains(r.body, "Saint-Mamet"));
}

TEST_F(Pages, BadDistanceIs400WithTheFormShownAgain) {
  auto r = server_->get("/?q=15187&within_km=loin");
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(contains(r.body, "role=\"alert\""));
  EXPECT_TRUE(contains(r.body, "name=\"q\""));
}

TEST_F(Pages, TypedHtmlIsShownAsText) {
  auto r = server_->get("/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
  EXPECT_EQ(r.status, 200);
  EXPECT_FALSE(contains(r.body, "<script>alert(1)"));
  EXPECT_TRUE(contains(r.body, "&lt;script&gt;"));
}

TEST_F(Pages, EveryDemoCentreHasAPage) {
  auto list = nlohmann::json::parse(server_->get("/api/v1/centres").body);
  ASSERT_EQ(list["centres"].size(), 8u);
  for (const auto& c : list["centres"]) {
    auto r = server_->get("/centres/" + std::to_string(c["id"].get<long>()));
    EXPECT_EQ(r.status, 200) << c["name"];
    EXPECT_TRUE(contains(r.body, html(c["name"].get<std::string>()))) << c["name"];
    EXPECT_TRUE(contains(r.body, "<table")) << c["name"];  // opening hours
  }
}

TEST_F(Pages, CentrePageShowsTheZrrOverrideReason) {
  auto list = nlohmann::json::parse(server_->get("/api/v1/centres?near=15014&within_km=2").body);
  ASSERT_EQ(list["centres"].size(), 1u);
  auto r = server_->get("/centres/" + std::to_string(list["centres"][0]["id"].get<long>()));
  EXPECT_TRUE(contains(r.body, "DIACT"));
}

TEST_F(Pages, UnknownCentreIsAFrench404Page) {
  for (const char* target : {"/centres/99999", "/centres/abc", "/nowhere"}) {
    auto r = server_->get(target);
    EXPECT_EQ(r.status, 404) << target;
    EXPECT_EQ(r.header("content-type"), "text/html; charset=utf-8") << target;
    EXPECT_TRUE(contains(r.body, "<html lang=\"fr\"")) << target;
  }
}

TEST_F(Pages, AccessibilityStatementInBothLanguages) {
  auto fr = server_->get("/accessibilite");
  EXPECT_EQ(fr.status, 200);
  EXPECT_TRUE(contains(fr.body, "RGAA"));
  auto en = server_->get("/accessibilite?lang=en");
  EXPECT_EQ(en.status, 200);
  EXPECT_TRUE(contains(en.body, "<html lang=\"en\""));
}

TEST_F(Pages, StylesheetIsCachedWithAnEtag) {
  auto r = server_->get("/static/style.css");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type"), "text/css; charset=utf-8");
  EXPECT_TRUE(contains(r.header("cache-control"), "max-age="));
  const auto etag = r.header("etag");
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(server_->get("/static/style.css", {{"If-None-Match", etag}}).status, 304);
  EXPECT_EQ(server_->get("/static/nothing.css").status, 404);
}

TEST_F(Pages, PagesAreServedWithSecurityHeaders) {
  auto r = server_->get("/");
  EXPECT_TRUE(contains(r.header("content-security-policy"), "default-src 'self'"));
  EXPECT_EQ(r.header("x-content-type-options"), "nosniff");
}

}  // namespace
}  // namespace tc::test
