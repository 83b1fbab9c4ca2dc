// The communication plan's API on a real server with the demo network: the animator adds an action and corrects
// it; the year's list and the summary count it per axis and channel; an application that cites it through the
// applications API is counted; bad input is a 400 naming the field; teleworkers and hosts may not see the plan.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "server_process.h"

namespace tc::test {
namespace {

using nlohmann::json;

TEST(CommunicationApi, AnActionIsAddedCorrectedCountedAndCited) {
  ServerProcess server;
  const Signed animator = sign_in_api(server, "animation@demo.telecentres.example", "demo-animation-reseau");
  const Signed teleworker = sign_in_api(server, "teleworker@demo.telecentres.example", "demo-teletravail-cantal");
  const Signed host = sign_in_api(server, "accueil.murat@demo.telecentres.example", "demo-accueil-murat");

  auto r = server.request("GET", "/api/v1/communication/summary?year=2026", "", animator.read());
  ASSERT_EQ(r.status, 200) << r.body;
  const json before = json::parse(r.body);
  EXPECT_EQ(before["year"], 2026);
  EXPECT_EQ(before["total"]["actions"], 7);  // the demo's actions of 2026
  EXPECT_EQ(before["per_axis"].size(), 2u);
  EXPECT_EQ(before["per_channel"].size(), 9u);

  const json body = {{"title", "Stand à la foire de la Saint-Martin"},
                     {"axis", "attract"},
                     {"channel", "fair"},
                     {"date", "2026-11-11"},
                     {"cost_cents", 120000},
                     {"reach", 350},
                     {"contacts", 14},
                     {"description", "Stand partagé avec l'office de tourisme"}};
  r = server.request("POST", "/api/v1/communication/actions", body.dump(), animator.write());
  ASSERT_EQ(r.status, 201) << r.body;
  const json created = json::parse(r.body);
  EXPECT_EQ(created["channel"], "fair");
  EXPECT_EQ(created["cost_cents"], 120000);
  EXPECT_EQ(created["centre"], nullptr);
  const std::string href = created["href"];
  EXPECT_EQ(r.header("location"), href);

  json corrected = body;
  corrected["contacts"] = 20;
  corrected["title"] = "Stand à la foire de la Saint-Martin (Aurillac)";
  r = server.request("PUT", href, corrected.dump(), animator.write());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["contacts"], 20);

  // An applicant says they heard of the network at that fair.
  const long murat = centre_near(server, "15138");
  r = server.request("POST", "/api/v1/applications",
                     json{{"centre_id", murat},
                          {"days_per_week", 2},
                          {"start_date", "2030-01-07"},
                          {"motivation", "Moins de route."},
                          {"heard_via_action", created["id"]}}
                         .dump(),
                     teleworker.write());
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(json::parse(r.body)["heard_via_action"], created["id"]);

  r = server.request("GET", href, "", animator.read());
  ASSERT_EQ(r.status, 200);
  const json one = json::parse(r.body);
  EXPECT_EQ(one["title"], "Stand à la foire de la Saint-Martin (Aurillac)");
  EXPECT_EQ(one["applications"], 1);

  r = server.request("GET", "/api/v1/communication/actions?year=2026", "", animator.read());
  ASSERT_EQ(r.status, 200);
  const json year = json::parse(r.body);
  ASSERT_EQ(year["actions"].size(), 8u);
  EXPECT_EQ(year["actions"].back()["id"], created["id"]);  // by date: the last of the year
  EXPECT_EQ(year["total"]["actions"], 8);

  r = server.request("GET", "/api/v1/communication/summary?year=2026", "", animator.read());
  const json after = json::parse(r.body);
  EXPECT_EQ(after["total"]["cost_cents"].get<long>(), before["total"]["cost_cents"].get<long>() + 120000);
  EXPECT_EQ(after["per_channel"]["fair"]["actions"], before["per_channel"]["fair"]["actions"].get<int>() + 1);
  EXPECT_EQ(after["per_channel"]["fair"]["contacts"], before["per_channel"]["fair"]["contacts"].get<int>() + 20);
  EXPECT_EQ(after["per_axis"]["attract"]["applications"], before["per_axis"]["attract"]["applications"].get<int>() + 1);
  EXPECT_EQ(after["total"]["applications"], before["total"]["applications"].get<int>() + 1);

  // Nobody else sees the plan.
  EXPECT_EQ(server.request("GET", "/api/v1/communication/summary", "", teleworker.read()).status, 403);
  EXPECT_EQ(server.request("GET", href, "", host.read()).status, 403);
  EXPECT_EQ(server.request("POST", "/api/v1/communication/actions", body.dump(), host.write()).status, 403);
}

TEST(CommunicationApi, BadInputNamesTheField) {
  ServerProcess server;
  const Signed admin = sign_in_api(server, "admin@demo.telecentres.example", "demo-conseil-cantal");
  auto field_of = [&](const json& body) {
    const auto r = server.request("POST", "/api/v1/communication/actions", body.dump(), admin.write());
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(r.header("content-type"), "application/problem+json");
    return json::parse(r.body).value("field", "");
  };
  const json ok = {{"title", "Affiches"}, {"axis", "inform"}, {"channel", "poster"}, {"date", "2026-05-02"}};
  json bad = ok;
  bad["channel"] = "tv";
  EXPECT_EQ(field_of(bad), "channel");
  bad = ok;
  bad["axis"] = "sell";
  EXPECT_EQ(field_of(bad), "axis");
  bad = ok;
  bad["date"] = "2026-02-30";
  EXPECT_EQ(field_of(bad), "date");
  bad = ok;
  bad["cost_cents"] = -1;
  EXPECT_EQ(field_of(bad), "cost_cents");
  bad = ok;
  bad["title"] = "   ";
  EXPECT_EQ(field_of(bad), "title");
  bad = ok;
  bad["centre"] = 987654;
  EXPECT_EQ(field_of(bad), "centre");
  EXPECT_EQ(server.request("GET", "/api/v1/communication/summary?year=26", "", admin.read()).status, 400);
  EXPECT_EQ(server.request("GET", "/api/v1/communication/actions/987654", "", admin.read()).status, 404);
  const Signed teleworker = sign_in_api(server, "teleworker@demo.telecentres.example", "demo-teletravail-cantal");
  const auto r = server.request("POST", "/api/v1/applications",
                                json{{"centre_id", centre_near(server, "15138")},
                                     {"days_per_week", 1},
                                     {"start_date", "2030-01-07"},
                                     {"motivation", "x"},
                                     {"heard_via_action", 987654}}
                                    .dump(),
                                teleworker.write());
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(json::parse(r.body)["field"], "heard_via_action");
}

}  // namespace
}  // namespace tc::test
