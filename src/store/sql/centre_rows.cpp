// Rows ↔ domain values for communes and centres. A centre is read with one query per table for all the
// centres asked (never one query per centre), then assembled in memory.

#include <array>
#include <map>
#include <set>
#include <sstream>

#include "store/sql/rows.h"

namespace tc::store::sql {

namespace {

using domain::Centre;
using domain::CentreId;
using domain::Commune;

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string item;
  std::istringstream in(s);
  while (std::getline(in, item, sep))
    if (!item.empty()) out.push_back(item);
  return out;
}

std::string join(const std::vector<std::string>& v, char sep) {
  std::string out;
  for (const auto& s : v) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

domain::Date date_column(const Statement& s, int col) {
  auto d = domain::parse_date(s.text(col));
  if (!d) throw StoreError(StoreError::Kind::Internal, "date illisible en base : " + s.text(col));
  return *d;
}

// "01/01/2007", for messages people read.
std::string french_date(domain::Date d) {
  auto two = [](int n) { return (n < 10 ? "0" : "") + std::to_string(n); };
  return two(d.day) + "/" + two(d.month) + "/" + std::to_string(d.year);
}

class SqlCommunes final : public CommuneRepository {
 public:
  SqlCommunes(Connection& c, bool& changed) : c_(c), changed_(changed) {}

  std::vector<Commune> all() override {
    std::vector<Commune> out;
    Statement s = c_.prepare("SELECT insee, name, population, postcodes, lat, lon, zrr FROM communes ORDER BY insee");
    while (s.step()) out.push_back(read(s));
    return out;
  }

  std::optional<Commune> find(std::string_view insee) override {
    Statement s = c_.prepare("SELECT insee, name, population, postcodes, lat, lon, zrr FROM communes WHERE insee = ?1");
    s.bind(1, insee);
    if (!s.step()) return std::nullopt;
    return read(s);
  }

  void upsert(const Commune& c) override {
    changed_ = true;
    c_.prepare(
          "INSERT INTO communes (insee, name, population, postcodes, lat, lon, zrr) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
          "?7) "
          "ON CONFLICT (insee) DO UPDATE SET name = excluded.name, population = excluded.population, "
          "postcodes = excluded.postcodes, lat = excluded.lat, lon = excluded.lon, zrr = excluded.zrr")
        .bind(1, c.insee)
        .bind(2, c.name)
        .bind(3, c.population)
        .bind(4, join(c.postcodes, ' '))
        .bind(5, c.centre.lat)
        .bind(6, c.centre.lon)
        .bind(7, c.zrr)
        .run();
  }

  std::int64_t count() override {
    Statement s = c_.prepare("SELECT count(*) FROM communes");
    s.step();
    return s.int64(0);
  }

  void add_zrr_change(const domain::ZrrChange& z) override {
    if (!find(z.insee)) throw StoreError(StoreError::Kind::NotFound, "commune inconnue : " + z.insee);
    try {
      c_.prepare("INSERT INTO zrr_changes (insee, from_date, zrr, note) VALUES (?1, ?2, ?3, ?4)")
          .bind(1, z.insee)
          .bind(2, z.from.iso())
          .bind(3, z.zrr)
          .bind(4, z.note)
          .run();
    } catch (const StoreError& e) {
      // The commune exists, so the only constraint left to break is the primary key (one change per day).
      if (e.kind != StoreError::Kind::Conflict) throw;
      throw StoreError(StoreError::Kind::Conflict,
                       "la commune " + z.insee + " a déjà un changement de classement ZRR au " + french_date(z.from));
    }
    // The directory shows whether a centre is in a ZRR.
    changed_ = true;
  }

  std::vector<domain::ZrrChange> zrr_changes(std::string_view insee) override {
    Statement s = c_.prepare("SELECT insee, from_date, zrr, note FROM zrr_changes WHERE insee = ?1 ORDER BY from_date");
    s.bind(1, insee);
    return read_zrr_changes(s);
  }

  std::vector<domain::ZrrChange> all_zrr_changes() override {
    Statement s = c_.prepare("SELECT insee, from_date, zrr, note FROM zrr_changes ORDER BY insee, from_date");
    return read_zrr_changes(s);
  }

 private:
  static std::vector<domain::ZrrChange> read_zrr_changes(Statement& s) {
    std::vector<domain::ZrrChange> out;
    while (s.step()) out.push_back({s.text(0), date_column(s, 1), s.int64(2) != 0, s.text(3)});
    return out;
  }

  static Commune read(const Statement& s) {
    Commune c;
    c.insee = s.text(0);
    c.name = s.text(1);
    c.population = s.integer(2);
    c.postcodes = split(s.text(3), ' ');
    c.centre = {s.real(4), s.real(5)};
    c.zrr = s.int64(6) != 0;
    return c;
  }
  Connection& c_;
  bool& changed_;
};

constexpr std::string_view kCentreColumns =
    "id, name, host_authority, commune_insee, address, lat, lon, status, zrr_override, zrr_override_reason, "
    "reception, copier, fax, printer, broadband_down, broadband_up, meeting_room, videoconference, step_free, "
    "adapted_toilets, reserved_parking, erp_category, register_url, specialities, description, time_zone, "
    "open_on_public_holidays, rule_horizon_days, rule_min_notice_minutes, rule_max_half_days_per_week, "
    "rule_no_show_morning_minute, rule_no_show_afternoon_minute";

// What update() replaces: every column but the id and the status (which only record_status moves). insert()
// and update() bind them in this order, from a given first parameter, so the two cannot drift apart.
constexpr std::array<std::string_view, 30> kEditableColumns{"name",
                                                            "host_authority",
                                                            "commune_insee",
                                                            "address",
                                                            "lat",
                                                            "lon",
                                                            "zrr_override",
                                                            "zrr_override_reason",
                                                            "reception",
                                                            "copier",
                                                            "fax",
                                                            "printer",
                                                            "broadband_down",
                                                            "broadband_up",
                                                            "meeting_room",
                                                            "videoconference",
                                                            "step_free",
                                                            "adapted_toilets",
                                                            "reserved_parking",
                                                            "erp_category",
                                                            "register_url",
                                                            "specialities",
                                                            "description",
                                                            "time_zone",
                                                            "open_on_public_holidays",
                                                            "rule_horizon_days",
                                                            "rule_min_notice_minutes",
                                                            "rule_max_half_days_per_week",
                                                            "rule_no_show_morning_minute",
                                                            "rule_no_show_afternoon_minute"};

constexpr int kEditableCount = static_cast<int>(kEditableColumns.size());

// INSERT INTO centres (<editable>, status) VALUES (?1 … ?31)
const std::string& insert_centre_sql() {
  static const std::string sql = [] {
    std::string columns;
    std::string values;
    for (int i = 0; i < kEditableCount; ++i) {
      columns += std::string(kEditableColumns[static_cast<std::size_t>(i)]) + ", ";
      values += "?" + std::to_string(i + 1) + ", ";
    }
    return "INSERT INTO centres (" + columns + "status) VALUES (" + values + "?" + std::to_string(kEditableCount + 1) +
           ") RETURNING id";
  }();
  return sql;
}

// UPDATE centres SET <editable> = ?2 … ?31 WHERE id = ?1
const std::string& update_centre_sql() {
  static const std::string sql = [] {
    std::string out = "UPDATE centres SET ";
    for (int i = 0; i < kEditableCount; ++i) {
      if (i > 0) out += ", ";
      out += std::string(kEditableColumns[static_cast<std::size_t>(i)]) + " = ?" + std::to_string(i + 2);
    }
    return out + " WHERE id = ?1";
  }();
  return sql;
}

// Binds the editable fields, in kEditableColumns' order, to parameters first … first + 29.
void bind_editable(Statement& s, const Centre& c, int first) {
  int i = first;
  s.bind(i++, c.name);
  s.bind(i++, c.host_authority);
  s.bind(i++, c.commune_insee);
  s.bind(i++, c.address);
  s.bind(i++, c.location.lat);
  s.bind(i++, c.location.lon);
  s.bind(i++, c.zrr_override ? std::optional<bool>(c.zrr_override->zrr) : std::nullopt);
  s.bind(i++, c.zrr_override ? std::optional<std::string_view>(c.zrr_override->reason) : std::nullopt);
  s.bind(i++, domain::to_string(c.services.reception));
  s.bind(i++, c.services.copier);
  s.bind(i++, c.services.fax);
  s.bind(i++, c.services.printer);
  s.bind(i++, c.services.broadband_down_mbps);
  s.bind(i++, c.services.broadband_up_mbps);
  s.bind(i++, c.services.meeting_room);
  s.bind(i++, c.services.videoconference);
  s.bind(i++, c.accessibility.step_free);
  s.bind(i++, c.accessibility.adapted_toilets);
  s.bind(i++, c.accessibility.reserved_parking);
  s.bind(i++, c.accessibility.erp_category);
  s.bind(i++, c.accessibility.register_url);
  s.bind(i++, join(c.specialities, '\n'));
  s.bind(i++, c.description);
  s.bind(i++, c.time_zone);
  s.bind(i++, c.open_on_public_holidays);
  s.bind(i++, c.booking_rules.horizon_days);
  s.bind(i++, c.booking_rules.min_notice_minutes);
  s.bind(i++, c.booking_rules.max_half_days_per_week);
  s.bind(i++, c.booking_rules.no_show_morning_minute);
  s.bind(i++, c.booking_rules.no_show_afternoon_minute);
}

class SqlCentres final : public CentreRepository {
 public:
  SqlCentres(Connection& c, bool& changed) : c_(c), changed_(changed) {}

  std::vector<Centre> all() override { return load(std::nullopt); }

  std::optional<Centre> find(CentreId id) override {
    auto v = load(id);
    if (v.empty()) return std::nullopt;
    return std::move(v.front());
  }

  CentreId insert(Centre& c) override {
    changed_ = true;
    {
      Statement s = c_.prepare(insert_centre_sql());
      bind_editable(s, c, 1);
      s.bind(kEditableCount + 1, domain::to_string(c.status));
      c.id = s.returning_id();
    }
    for (std::size_t i = 0; i < c.history.size(); ++i) insert_history(c.id, static_cast<int>(i), c.history[i]);
    for (auto& office : c.offices) {
      insert_office(c.id, office);
      for (auto& post : office.posts) insert_post(office.id, post);
    }
    insert_hours_and_closures(c);
    return c.id;
  }

  void record_status(CentreId id, const domain::StatusChange& change) override {
    changed_ = true;
    Statement s = c_.prepare("SELECT coalesce(max(seq), -1) + 1 FROM centre_status_history WHERE centre_id = ?1");
    s.bind(1, id);
    s.step();
    const int seq = s.integer(0);
    if (c_.prepare("UPDATE centres SET status = ?2 WHERE id = ?1")
            .bind(1, id)
            .bind(2, domain::to_string(change.status))
            .run() == 0)
      throw StoreError(StoreError::Kind::NotFound, "télécentre inconnu");
    insert_history(id, seq, change);
  }

  std::int64_t count() override {
    Statement s = c_.prepare("SELECT count(*) FROM centres");
    s.step();
    return s.int64(0);
  }

  void update(Centre& c) override {
    // Everything is checked before anything is written: a refused update leaves the centre whole even when the
    // caller goes on with the transaction.
    {
      Statement s = c_.prepare("SELECT 1 FROM centres WHERE id = ?1");
      s.bind(1, c.id);
      if (!s.step()) throw StoreError(StoreError::Kind::NotFound, "télécentre inconnu : " + std::to_string(c.id));
    }
    struct StoredPost {
      std::string office;
      std::string label;
      bool used = false;  // booked once or under an agreement: its history must stay attached to it
    };
    std::set<std::int64_t> stored_offices;
    std::map<domain::PostId, StoredPost> stored_posts;
    {
      Statement s = c_.prepare(
          "SELECT o.id, o.name, p.id, p.label, "
          "EXISTS (SELECT 1 FROM bookings b WHERE b.post_id = p.id) "
          "OR EXISTS (SELECT 1 FROM occupancy_agreements a WHERE a.post_id = p.id) "
          "FROM offices o LEFT JOIN posts p ON p.office_id = o.id WHERE o.centre_id = ?1");
      s.bind(1, c.id);
      while (s.step()) {
        stored_offices.insert(s.int64(0));
        if (!s.is_null(2)) stored_posts[s.int64(2)] = {s.text(1), s.text(3), s.int64(4) != 0};
      }
    }
    std::set<std::int64_t> kept_offices;
    std::set<domain::PostId> kept_posts;
    for (const auto& office : c.offices) {
      if (office.id != 0) {
        if (!stored_offices.contains(office.id))
          throw StoreError(StoreError::Kind::NotFound,
                           "le bureau " + std::to_string(office.id) + " n'appartient pas à ce télécentre");
        if (!kept_offices.insert(office.id).second)
          throw StoreError(StoreError::Kind::Invalid, "le bureau « " + office.name + " » figure deux fois");
      }
      for (const auto& post : office.posts) {
        if (post.id == 0) continue;
        if (!stored_posts.contains(post.id))
          throw StoreError(StoreError::Kind::NotFound,
                           "le poste " + std::to_string(post.id) + " n'appartient pas à ce télécentre");
        if (!kept_posts.insert(post.id).second)
          throw StoreError(StoreError::Kind::Invalid, "le poste « " + post.label + " » figure deux fois");
      }
    }
    std::vector<domain::PostId> removed_posts;
    for (const auto& [id, post] : stored_posts) {
      if (kept_posts.contains(id)) continue;
      if (post.used)
        throw StoreError(StoreError::Kind::Conflict,
                         "le poste « " + post.label + " » (" + post.office +
                             ") a des réservations ou des conventions d'occupation : il ne peut pas être supprimé");
      removed_posts.push_back(id);
    }

    changed_ = true;
    {
      Statement s = c_.prepare(update_centre_sql());
      s.bind(1, c.id);
      bind_editable(s, c, 2);
      s.run();
    }
    for (auto& office : c.offices) {
      if (office.id == 0)
        insert_office(c.id, office);
      else
        c_.prepare("UPDATE offices SET name = ?2 WHERE id = ?1").bind(1, office.id).bind(2, office.name).run();
      // A kept post may have moved to another office of the centre, a new one included.
      for (auto& post : office.posts) {
        if (post.id == 0)
          insert_post(office.id, post);
        else
          c_.prepare("UPDATE posts SET office_id = ?2, label = ?3 WHERE id = ?1")
              .bind(1, post.id)
              .bind(2, office.id)
              .bind(3, post.label)
              .run();
      }
    }
    // Posts first: an office's deletion would take along (by cascade) any post still in it.
    for (const domain::PostId id : removed_posts) c_.prepare("DELETE FROM posts WHERE id = ?1").bind(1, id).run();
    for (const std::int64_t id : stored_offices)
      if (!kept_offices.contains(id)) c_.prepare("DELETE FROM offices WHERE id = ?1").bind(1, id).run();
    c_.prepare("DELETE FROM opening_hours WHERE centre_id = ?1").bind(1, c.id).run();
    c_.prepare("DELETE FROM closures WHERE centre_id = ?1").bind(1, c.id).run();
    insert_hours_and_closures(c);
  }

 private:
  void insert_history(CentreId id, int seq, const domain::StatusChange& ch) {
    c_.prepare(
          "INSERT INTO centre_status_history (centre_id, seq, status, on_date, override_reason) "
          "VALUES (?1, ?2, ?3, ?4, ?5)")
        .bind(1, id)
        .bind(2, seq)
        .bind(3, domain::to_string(ch.status))
        .bind(4, ch.on.iso())
        .bind(5, ch.override_reason.empty() ? std::nullopt : std::optional<std::string_view>(ch.override_reason))
        .run();
  }

  void insert_office(CentreId centre, domain::Office& office) {
    office.id = c_.prepare("INSERT INTO offices (centre_id, name) VALUES (?1, ?2) RETURNING id")
                    .bind(1, centre)
                    .bind(2, office.name)
                    .returning_id();
  }

  void insert_post(std::int64_t office, domain::Post& post) {
    post.id = c_.prepare("INSERT INTO posts (office_id, label) VALUES (?1, ?2) RETURNING id")
                  .bind(1, office)
                  .bind(2, post.label)
                  .returning_id();
  }

  void insert_hours_and_closures(const Centre& c) {
    for (const auto& h : c.hours)
      c_.prepare(
            "INSERT INTO opening_hours (centre_id, weekday, slot, open_minute, close_minute) "
            "VALUES (?1, ?2, ?3, ?4, ?5)")
          .bind(1, c.id)
          .bind(2, h.weekday)
          .bind(3, domain::to_string(h.slot))
          .bind(4, h.open_minute)
          .bind(5, h.close_minute)
          .run();
    for (const auto& cl : c.closures)
      c_.prepare("INSERT INTO closures (centre_id, from_date, to_date, reason) VALUES (?1, ?2, ?3, ?4)")
          .bind(1, c.id)
          .bind(2, cl.from.iso())
          .bind(3, cl.to.iso())
          .bind(4, cl.reason)
          .run();
  }

  // Loads one centre (id) or all (nullopt) with a fixed number of queries.
  std::vector<Centre> load(std::optional<CentreId> id) {
    std::vector<Centre> out;
    std::map<CentreId, std::size_t> index;
    {
      Statement s = c_.prepare(std::string("SELECT ") + std::string(kCentreColumns) +
                               " FROM centres WHERE (CAST(?1 AS BIGINT) IS NULL OR id = ?1) ORDER BY name, id");
      s.bind(1, id);
      while (s.step()) {
        Centre c;
        c.id = s.int64(0);
        c.name = s.text(1);
        c.host_authority = s.text(2);
        c.commune_insee = s.text(3);
        c.address = s.text(4);
        c.location = {s.real(5), s.real(6)};
        c.status = domain::parse_centre_status(s.text(7)).value_or(domain::CentreStatus::Planned);
        if (!s.is_null(8)) c.zrr_override = domain::ZrrOverride{s.int64(8) != 0, s.text(9)};
        c.services.reception = domain::parse_reception(s.text(10)).value_or(domain::Reception::None);
        c.services.copier = s.int64(11) != 0;
        c.services.fax = s.int64(12) != 0;
        c.services.printer = s.int64(13) != 0;
        c.services.broadband_down_mbps = s.real(14);
        c.services.broadband_up_mbps = s.real(15);
        c.services.meeting_room = s.int64(16) != 0;
        c.services.videoconference = s.int64(17) != 0;
        c.accessibility.step_free = s.int64(18) != 0;
        c.accessibility.adapted_toilets = s.int64(19) != 0;
        c.accessibility.reserved_parking = s.int64(20) != 0;
        if (!s.is_null(21)) c.accessibility.erp_category = s.integer(21);
        c.accessibility.register_url = s.text(22);
        c.specialities = split(s.text(23), '\n');
        c.description = s.text(24);
        c.time_zone = s.text(25);
        c.open_on_public_holidays = s.int64(26) != 0;
        auto opt = [&s](int col) { return s.is_null(col) ? std::nullopt : std::optional<int>(s.integer(col)); };
        c.booking_rules.horizon_days = opt(27);
        c.booking_rules.min_notice_minutes = opt(28);
        c.booking_rules.max_half_days_per_week = opt(29);
        c.booking_rules.no_show_morning_minute = opt(30);
        c.booking_rules.no_show_afternoon_minute = opt(31);
        index[c.id] = out.size();
        out.push_back(std::move(c));
      }
    }
    if (out.empty()) return out;
    auto centre_of = [&](CentreId cid) -> Centre* {
      auto it = index.find(cid);
      return it == index.end() ? nullptr : &out[it->second];
    };
    {
      Statement s = c_.prepare(
          "SELECT centre_id, status, on_date, override_reason FROM centre_status_history "
          "WHERE (CAST(?1 AS BIGINT) IS NULL OR centre_id = ?1) ORDER BY centre_id, seq");
      s.bind(1, id);
      while (s.step())
        if (Centre* c = centre_of(s.int64(0)))
          c->history.push_back({domain::parse_centre_status(s.text(1)).value_or(domain::CentreStatus::Planned),
                                date_column(s, 2), s.text(3)});
    }
    {
      std::map<std::int64_t, std::pair<Centre*, std::size_t>> offices;
      Statement s = c_.prepare(
          "SELECT o.centre_id, o.id, o.name, p.id, p.label FROM offices o LEFT JOIN posts p ON p.office_id = o.id "
          "WHERE (CAST(?1 AS BIGINT) IS NULL OR o.centre_id = ?1) ORDER BY o.centre_id, o.id, p.id");
      s.bind(1, id);
      while (s.step()) {
        Centre* c = centre_of(s.int64(0));
        if (!c) continue;
        const std::int64_t office_id = s.int64(1);
        auto it = offices.find(office_id);
        if (it == offices.end()) {
          c->offices.push_back({office_id, s.text(2), {}});
          it = offices.emplace(office_id, std::pair{c, c->offices.size() - 1}).first;
        }
        if (!s.is_null(3)) it->second.first->offices[it->second.second].posts.push_back({s.int64(3), s.text(4)});
      }
    }
    {
      Statement s = c_.prepare(
          "SELECT centre_id, weekday, slot, open_minute, close_minute FROM opening_hours "
          "WHERE (CAST(?1 AS BIGINT) IS NULL OR centre_id = ?1) ORDER BY centre_id, weekday, slot DESC");
      s.bind(1, id);
      while (s.step())
        if (Centre* c = centre_of(s.int64(0)))
          c->hours.push_back({s.integer(1), s.text(2) == "morning" ? domain::Slot::Morning : domain::Slot::Afternoon,
                              s.integer(3), s.integer(4)});
    }
    {
      Statement s = c_.prepare(
          "SELECT centre_id, from_date, to_date, reason FROM closures WHERE (CAST(?1 AS BIGINT) IS NULL OR centre_id = "
          "?1) "
          "ORDER BY centre_id, from_date");
      s.bind(1, id);
      while (s.step())
        if (Centre* c = centre_of(s.int64(0))) c->closures.push_back({date_column(s, 1), date_column(s, 2), s.text(3)});
    }
    return out;
  }

  Connection& c_;
  bool& changed_;
};

}  // namespace

std::unique_ptr<CommuneRepository> make_commune_repository(Connection& c, bool& changed) {
  return std::make_unique<SqlCommunes>(c, changed);
}
std::unique_ptr<CentreRepository> make_centre_repository(Connection& c, bool& changed) {
  return std::make_unique<SqlCentres>(c, changed);
}

}  // namespace tc::store::sql
