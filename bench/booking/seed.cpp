// bench_booking_seed: a large network for the booking benchmark, written through the program's own store (so the
// schema, migrations and rows are the server's): the bundled communes, N centres in service spread over them,
// each with its posts in a few offices and open Monday to Friday, morning and afternoon, and one person per post
// (see bench_network.h for why). The admin account that books for them is added afterwards with the program's
// own commands (`telecentres user add`, `telecentres token create`): see run.sh.
#include <chrono>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "bench_network.h"
#include "domain/centre.h"
#include "domain/timestamp.h"
#include "service/reference_data.h"
#include "store/store.h"

namespace {

using namespace tc;

// Offices of `posts` posts in all, as even as can be ("Bureau 1" gets the remainder first).
std::vector<domain::Office> offices(int posts, int office_count) {
  std::vector<domain::Office> out;
  int post_no = 1;
  for (int o = 0; o < office_count; ++o) {
    domain::Office office{0, "Bureau " + std::to_string(o + 1), {}};
    const int here = posts / office_count + (o < posts % office_count ? 1 : 0);
    for (int i = 0; i < here; ++i) office.posts.push_back({0, "Poste " + std::to_string(post_no++)});
    out.push_back(std::move(office));
  }
  return out;
}

domain::Centre bench_centre(int number, const domain::Commune& commune, int posts, int office_count) {
  domain::Centre c;
  c.name = "Télécentre d'essai n° " + std::to_string(number);
  c.host_authority = "Commune de " + commune.name;
  c.commune_insee = commune.insee;
  c.address = std::to_string(number) + " place de la Mairie, " +
              (commune.postcodes.empty() ? std::string() : commune.postcodes.front() + " ") + commune.name;
  // Around the commune's centroid, a few hundred metres apart, so that no two centres share a point.
  const double angle = number * 2.399963;  // the golden angle, in radians
  const double radius = 0.002 * std::sqrt(static_cast<double>(number % 50 + 1));
  c.location = {commune.centre.lat + radius * std::cos(angle), commune.centre.lon + radius * std::sin(angle)};
  c.status = domain::CentreStatus::Planned;
  c.history = {{domain::CentreStatus::Planned, {2024, 1, 8}, {}}};
  domain::change_status(c, domain::CentreStatus::Opening, {2024, 6, 3});
  domain::change_status(c, domain::CentreStatus::InService, {2025, 1, 6});
  c.offices = offices(posts, office_count);
  c.services.reception = domain::Reception::Secretariat;
  c.services.broadband_down_mbps = 100;
  c.services.broadband_up_mbps = 20;
  for (int day = 1; day <= 5; ++day) {
    c.hours.push_back({day, domain::Slot::Morning, 8 * 60 + 30, 12 * 60});
    c.hours.push_back({day, domain::Slot::Afternoon, 13 * 60 + 30, 18 * 60});
  }
  c.description = "Télécentre fictif du banc d'essai des réservations.";
  return c;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Seeds a database with a large network for the booking benchmark"};
  std::string db;
  int centres = 3500, posts = 10, office_count = 3, per_transaction = 500;
  cli.add_option("--db", db, "SQLite file to create (must not exist)")->required();
  cli.add_option("--centres", centres, "Centres in service")->check(CLI::Range(1, 1000000))->capture_default_str();
  cli.add_option("--posts", posts, "Posts per centre")->check(CLI::Range(1, 1000))->capture_default_str();
  cli.add_option("--offices", office_count, "Offices per centre (1 to 4)")
      ->check(CLI::Range(1, 4))
      ->capture_default_str();
  cli.add_option("--per-transaction", per_transaction, "Centres (with their people) per write transaction")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  CLI11_PARSE(cli, argc, argv);
  if (office_count > posts) office_count = posts;

  try {
    if (std::filesystem::exists(db)) {
      std::cerr << "bench_booking_seed: " << db << " exists: give a new path\n";
      return 2;
    }
    const auto t0 = std::chrono::steady_clock::now();
    auto store = store::open_store(db);
    service::ensure_reference_data(*store);
    std::vector<domain::Commune> communes;
    {
      auto tx = store->begin(store::Access::Read);
      communes = tx->communes().all();
    }
    if (communes.empty()) throw std::runtime_error("no commune in the reference data");
    const std::string now = domain::Timestamp{std::chrono::duration_cast<std::chrono::seconds>(
                                                  std::chrono::system_clock::now().time_since_epoch())
                                                  .count()}
                                .iso();

    long people = 0;
    for (int first = 0; first < centres; first += per_transaction) {
      auto tx = store->begin(store::Access::Write);
      const int last = std::min(centres, first + per_transaction);
      for (int i = first; i < last; ++i) {
        domain::Centre c =
            bench_centre(i + 1, communes[static_cast<std::size_t>(i) % communes.size()], posts, office_count);
        if (auto problems = domain::validate(c); !problems.empty())
          throw std::logic_error("invalid centre " + c.name + ": " + problems.front());
        tx->centres().insert(c);
        for (const auto& office : c.offices) {
          for (const auto& post : office.posts) {
            store::PersonRecord p;
            p.email = bench::person_email(post.id);
            p.created_at = now;
            p.roles = {"teleworker"};
            tx->people().insert(p);
            ++people;
          }
        }
      }
      tx->commit();
      std::cerr << "bench_booking_seed: " << last << "/" << centres << " centres, " << people << " people ("
                << static_cast<int>(seconds_since(t0)) << " s)\n";
    }
    std::cerr << "bench_booking_seed: " << centres << " centres of " << posts << " posts in " << office_count
              << " offices over " << std::min<std::size_t>(communes.size(), static_cast<std::size_t>(centres))
              << " communes, " << people << " people, in " << seconds_since(t0) << " s\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "bench_booking_seed: " << e.what() << "\n";
    return 1;
  }
}
