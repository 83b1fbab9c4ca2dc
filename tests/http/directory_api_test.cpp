// The directory's JSON API, as a client sees it, against the real program with the demo network.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "server_process.h"
#include "shared_server.h"

namespace tc::test {
namespace {

using nlohmann::json;

class DirectoryApi : public SharedServer<DirectoryApi> {
 protected:
  static json get_json(const std::string& target, int expected_status = 200) {
    auto r = server_->get(target);
    EXPECT_EQ(r.status, expected_status) << target << " → " << r.body;
    return json::parse(r.body);
  }
};

TEST_F(DirectoryApi, HealthzAnswersOk) {
  auto r = server_->get("/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(json::parse(r.body)["status"], "ok");
}

TEST_F(DirectoryApi, CommuneSearchUnderstandsAbbreviationsAndPostcodes) {
  for (const char* q : {"st%20flour", "Saint%20Flour", "saint-flour", "15100"}) {
    auto j = get_json(std::string("/api/v1/communes?q=") + q);
    bool found = false;
    for (const auto& c : j["communes"]) found = found || c["insee"] == "15187";
    EXPECT_TRUE(found) << q;
  }
}

TEST_F(DirectoryApi, SharedPostcodeListsEveryCommune) {
  // 17 communes share 15100 (Saint-Flour's); "15100" is also Laveissenet's INSEE code, listed too.
  auto j = get_json("/api/v1/communes?q=15100");
  int with_postcode = 0;
  bool laveissenet = false;
  for (const auto& c : j["communes"]) {
    for (const auto& pc : c["postcodes"]) with_postcode += pc == "15100";
    laveissenet = laveissenet || c["insee"] == "15100";
  }
  EXPECT_EQ(with_postcode, 17);
  EXPECT_TRUE(laveissenet);
}

TEST_F(DirectoryApi, CommuneSearchReturnsAtMostTwenty) {
  auto j = get_json("/api/v1/communes?q=15");
  EXPECT_EQ(j["communes"].size(), 20u);
}

TEST_F(DirectoryApi, CommuneSearchWithoutQIsA400NamingQ) {
  auto r = server_->get("/api/v1/communes");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.header("content-type"), "application/problem+json");
  auto j = json::parse(r.body);
  EXPECT_EQ(j["field"], "q");
  EXPECT_EQ(j["status"], 400);
  EXPECT_FALSE(j["title"].get<std::string>().empty());
}

TEST_F(DirectoryApi, CentresNearSaintFlourAreSortedByDistance) {
  auto j = get_json("/api/v1/centres?near=15187&within_km=60");
  const auto& cs = j["centres"];
  ASSERT_GE(cs.size(), 3u);
  EXPECT_EQ(cs[0]["commune"]["insee"], "15187");
  EXPECT_LT(cs[0]["distance_km"].get<double>(), 2.0);
  double last = -1;
  for (const auto& c : cs) {
    const double d = c["distance_km"].get<double>();
    EXPECT_GE(d, last);
    EXPECT_LE(d, 60.0);
    last = d;
    for (const char* field :
         {"id", "name", "commune", "status", "zrr", "offices", "posts", "services", "accessibility", "distance_km"})
      EXPECT_TRUE(c.contains(field)) << field;
  }
  EXPECT_EQ(j["origin"]["name"], "Saint-Flour");
}

TEST_F(DirectoryApi, PostcodeOriginIsItsLargestCommune) {
  // 15000 is a postcode only (no commune has that INSEE code): Aurillac is its largest commune.
  auto j = get_json("/api/v1/centres?near=15000&within_km=5");
  EXPECT_EQ(j["origin"]["insee"], "15014");
  ASSERT_EQ(j["centres"].size(), 1u);
  EXPECT_EQ(j["centres"][0]["name"], "Télécentre d'Aurillac");
}

TEST_F(DirectoryApi, WithoutNearAllCentresComeByName) {
  auto j = get_json("/api/v1/centres");
  ASSERT_EQ(j["centres"].size(), 8u);
  const char* expected[] = {"Allanche",  "Aurillac", "Chaudes-Aigues", "Mauriac",
                            "Montmurat", "Murat",    "Saint-Flour",    "Ydes"};
  for (std::size_t i = 0; i < 8; ++i)
    EXPECT_NE(j["centres"][i]["name"].get<std::string>().find(expected[i]), std::string::npos) << i;
  for (const auto& c : j["centres"]) EXPECT_TRUE(c["distance_km"].is_null());
}

TEST_F(DirectoryApi, StatusFilterKeepsOnlyThoseStatuses) {
  auto j = get_json("/api/v1/centres?status=in_service");
  EXPECT_EQ(j["centres"].size(), 4u);
  j = get_json("/api/v1/centres?status=opening,planned");
  EXPECT_EQ(j["centres"].size(), 4u);
}

TEST_F(DirectoryApi, ServiceFilterRequiresEveryService) {
  auto j = get_json("/api/v1/centres?service=fax,copier");
  ASSERT_FALSE(j["centres"].empty());
  for (const auto& c : j["centres"]) {
    EXPECT_TRUE(c["services"]["fax"].get<bool>());
    EXPECT_TRUE(c["services"]["copier"].get<bool>());
  }
  auto mauriac_has_no_fax = get_json("/api/v1/centres?service=fax");
  for (const auto& c : mauriac_has_no_fax["centres"]) EXPECT_NE(c["commune"]["insee"], "15120");
}

TEST_F(DirectoryApi, AccessibleFilterExcludesCentresWithSteps) {
  auto j = get_json("/api/v1/centres?accessible=true");
  ASSERT_FALSE(j["centres"].empty());
  for (const auto& c : j["centres"]) {
    EXPECT_TRUE(c["accessibility"]["accessible"].get<bool>());
    EXPECT_NE(c["commune"]["insee"], "15045");  // Chaudes-Aigues: stairs only
  }
}

TEST_F(DirectoryApi, AurillacIsOutsideZrrByOverride) {
  auto j = get_json("/api/v1/centres");
  for (const auto& c : j["centres"]) EXPECT_EQ(c["zrr"].get<bool>(), c["commune"]["insee"] != "15014") << c["name"];
}

TEST_F(DirectoryApi, UnknownCommuneIs404) {
  auto r = server_->get("/api/v1/centres?near=99999");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(json::parse(r.body)["field"], "near");
}

TEST_F(DirectoryApi, MalformedParametersAre400NamingTheParameter) {
  const std::pair<const char*, const char*> cases[] = {
      {"/api/v1/centres?near=abc", "near"},
      {"/api/v1/centres?near=15187&within_km=-3", "within_km"},
      {"/api/v1/centres?near=15187&within_km=ten", "within_km"},
      {"/api/v1/centres?within_km=10", "within_km"},
      {"/api/v1/centres?status=open", "status"},
      {"/api/v1/centres?service=teleportation", "service"},
      {"/api/v1/centres?accessible=maybe", "accessible"},
      {"/api/v1/centres/abc", "id"},
      {"/api/v1/communes?q=x&limit=500", "limit"},
  };
  for (const auto& [target, field] : cases) {
    auto r = server_->get(target);
    EXPECT_EQ(r.status, 400) << target;
    EXPECT_EQ(r.header("content-type"), "application/problem+json") << target;
    EXPECT_EQ(json::parse(r.body)["field"], field) << target;
  }
}

TEST_F(DirectoryApi, WholeCentreHasOfficesPostsHoursAndClosures) {
  auto list = get_json("/api/v1/centres?near=15138&within_km=5");
  ASSERT_EQ(list["centres"].size(), 1u);
  const auto id = list["centres"][0]["id"].get<long>();
  auto c = get_json("/api/v1/centres/" + std::to_string(id));
  EXPECT_EQ(c["name"], "Télécentre de Murat");
  ASSERT_EQ(c["offices"].size(), 4u);
  for (const auto& o : c["offices"])
    for (const auto& p : o["posts"]) EXPECT_GT(p["id"].get<long>(), 0);
  EXPECT_EQ(c["opening_hours"].size(), 10u);
  EXPECT_EQ(c["opening_hours"][0]["opens"], "08:30");
  EXPECT_EQ(c["closures"].size(), 1u);
  EXPECT_EQ(c["status_history"].size(), 3u);
  EXPECT_EQ(c["services"]["reception"], "secretariat");
}

TEST_F(DirectoryApi, UnknownCentreIs404) {
  auto r = server_->get("/api/v1/centres/424242");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.header("content-type"), "application/problem+json");
}

TEST_F(DirectoryApi, ProblemsSpeakEnglishWhenAsked) {
  auto fr = json::parse(server_->get("/api/v1/centres/424242").body);
  auto en = json::parse(server_->get("/api/v1/centres/424242", {{"Accept-Language", "en-GB,en;q=0.9"}}).body);
  auto en_q = json::parse(server_->get("/api/v1/centres/424242?lang=en").body);
  EXPECT_EQ(fr["title"], "Introuvable");
  EXPECT_EQ(en["title"], "Not found");
  EXPECT_EQ(en_q["title"], "Not found");
  EXPECT_NE(fr["detail"], en["detail"]);
}

TEST_F(DirectoryApi, UnknownApiPathIs404Problem) {
  auto r = server_->get("/api/v1/nothing-here");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.header("content-type"), "application/problem+json");
}

TEST_F(DirectoryApi, WrongMethodIs405WithAllow) {
  auto r = server_->request("DELETE", "/api/v1/communes?q=x");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.header("allow"), "GET, HEAD");
}

TEST_F(DirectoryApi, EtagAnswers304WhenUnchanged) {
  auto first = server_->get("/api/v1/centres?near=15187&within_km=60");
  const auto etag = first.header("etag");
  ASSERT_FALSE(etag.empty());
  auto second = server_->get("/api/v1/centres?near=15187&within_km=60", {{"If-None-Match", etag}});
  EXPECT_EQ(second.status, 304);
  EXPECT_TRUE(second.body.empty());
}

TEST_F(DirectoryApi, HeadGivesHeadersWithoutBody) {
  auto r = server_->request("HEAD", "/api/v1/centres");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.body.empty());
  EXPECT_NE(r.header("content-length"), "0");
}

TEST_F(DirectoryApi, MetricsCountRequestsByRouteAndStatus) {
  server_->get("/api/v1/centres/424242");
  auto r = server_->get("/metrics");
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(
      r.body.find("telecentres_http_requests_total{method=\"GET\",route=\"/api/v1/centres/{id}\",status=\"404\"}"),
      std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find("telecentres_http_request_duration_seconds_bucket{le=\"+Inf\"}"), std::string::npos);
  EXPECT_NE(r.body.find("telecentres_worker_queue_depth"), std::string::npos);
}

TEST_F(DirectoryApi, ResponsesCarrySecurityHeaders) {
  auto r = server_->get("/api/v1/centres");
  EXPECT_EQ(r.header("x-content-type-options"), "nosniff");
  EXPECT_NE(r.header("content-security-policy").find("frame-ancestors 'none'"), std::string::npos);
}

}  // namespace
}  // namespace tc::test
