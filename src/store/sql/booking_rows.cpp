// Rows ↔ values for bookings, their series, waiting lists, network settings and calendar feeds.

#include "store/sql/rows.h"

namespace tc::store::sql {

namespace {

using domain::Booking;
using domain::Date;
using domain::Slot;

Date date_column(const Statement& s, int col) { return domain::parse_date(s.text(col)).value_or(Date{}); }
Slot slot_column(const Statement& s, int col) { return domain::parse_slot(s.text(col)).value_or(Slot::Morning); }

constexpr std::string_view kBookingColumns =
    "id, centre_id, post_id, person_id, date, slot, status, series_id, created_at, created_by, checked_in_at, "
    "cancelled_at, cancelled_by, cancel_reason";

Booking read_booking(const Statement& s) {
  Booking b;
  b.id = s.int64(0);
  b.centre_id = s.int64(1);
  b.post_id = s.int64(2);
  b.person_id = s.int64(3);
  b.date = date_column(s, 4);
  b.slot = slot_column(s, 5);
  b.status = domain::parse_booking_status(s.text(6)).value_or(domain::BookingStatus::Booked);
  if (!s.is_null(7)) b.series_id = s.int64(7);
  b.created_at = s.text(8);
  b.created_by = s.int64(9);
  b.checked_in_at = s.text(10);
  b.cancelled_at = s.text(11);
  b.cancelled_by = s.is_null(12) ? 0 : s.int64(12);
  b.cancel_reason = s.text(13);
  return b;
}

std::string select_bookings(std::string_view where) {
  return "SELECT " + std::string(kBookingColumns) + " FROM bookings WHERE " + std::string(where);
}

class SqlBookings final : public BookingRepository {
 public:
  explicit SqlBookings(Connection& c) : c_(c) {}

  domain::BookingId insert(const Booking& b) override {
    return c_
        .prepare(
            "INSERT INTO bookings (centre_id, post_id, person_id, date, slot, status, series_id, created_at, "
            "created_by, checked_in_at, cancelled_at, cancelled_by, cancel_reason) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) RETURNING id")
        .bind(1, b.centre_id)
        .bind(2, b.post_id)
        .bind(3, b.person_id)
        .bind(4, b.date.iso())
        .bind(5, domain::to_string(b.slot))
        .bind(6, domain::to_string(b.status))
        .bind(7, b.series_id)
        .bind(8, b.created_at)
        .bind(9, b.created_by)
        .bind(10, b.checked_in_at)
        .bind(11, b.cancelled_at)
        .bind(12, b.cancelled_by ? std::optional<std::int64_t>(b.cancelled_by) : std::nullopt)
        .bind(13, b.cancel_reason)
        .returning_id();
  }

  std::optional<Booking> find(domain::BookingId id) override {
    Statement s = c_.prepare(select_bookings("id = ?1"));
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return read_booking(s);
  }

  std::vector<Booking> of_centre(domain::CentreId centre, Date from, Date to) override {
    Statement s =
        c_.prepare(select_bookings("centre_id = ?1 AND date >= ?2 AND date < ?3 ORDER BY date, slot "
                                   "DESC, post_id, id"));
    s.bind(1, centre).bind(2, from.iso()).bind(3, to.iso());
    return all(s);
  }

  std::vector<Booking> of_person(domain::PersonId person, Date from, Date to) override {
    Statement s =
        c_.prepare(select_bookings("person_id = ?1 AND date >= ?2 AND date < ?3 ORDER BY date, slot DESC, id"));
    s.bind(1, person).bind(2, from.iso()).bind(3, to.iso());
    return all(s);
  }

  std::vector<Booking> of_series(domain::SeriesId series) override {
    Statement s = c_.prepare(select_bookings("series_id = ?1 ORDER BY date, slot DESC, id"));
    s.bind(1, series);
    return all(s);
  }

  std::vector<domain::PostId> held_posts(domain::CentreId centre, Date date, Slot slot) override {
    Statement s = c_.prepare(
        "SELECT post_id FROM bookings WHERE centre_id = ?1 AND date = ?2 AND slot = ?3 "
        "AND status IN ('booked', 'checked_in')");
    s.bind(1, centre).bind(2, date.iso()).bind(3, domain::to_string(slot));
    std::vector<domain::PostId> out;
    while (s.step()) out.push_back(s.int64(0));
    return out;
  }

  std::vector<HeldCount> held_counts(domain::CentreId centre, Date from, Date to) override {
    Statement s = c_.prepare(
        "SELECT date, slot, count(*) FROM bookings WHERE centre_id = ?1 AND date >= ?2 AND date < ?3 "
        "AND status IN ('booked', 'checked_in') GROUP BY date, slot ORDER BY date, slot DESC");
    s.bind(1, centre).bind(2, from.iso()).bind(3, to.iso());
    std::vector<HeldCount> out;
    while (s.step()) out.push_back({date_column(s, 0), slot_column(s, 1), s.integer(2)});
    return out;
  }

  std::vector<std::pair<domain::CentreId, int>> held_on(Date date, Slot slot) override {
    Statement s = c_.prepare(
        "SELECT centre_id, count(*) FROM bookings WHERE date = ?1 AND slot = ?2 "
        "AND status IN ('booked', 'checked_in') GROUP BY centre_id ORDER BY centre_id");
    s.bind(1, date.iso()).bind(2, domain::to_string(slot));
    std::vector<std::pair<domain::CentreId, int>> out;
    while (s.step()) out.emplace_back(s.int64(0), s.integer(1));
    return out;
  }

  int held_by_person(domain::PersonId person, domain::CentreId centre, Date from, Date to) override {
    Statement s = c_.prepare(
        "SELECT count(*) FROM bookings WHERE person_id = ?1 AND centre_id = ?2 AND date >= ?3 AND date < ?4 "
        "AND status IN ('booked', 'checked_in')");
    s.bind(1, person).bind(2, centre).bind(3, from.iso()).bind(4, to.iso());
    s.step();
    return s.integer(0);
  }

  void update(const Booking& b) override {
    if (c_.prepare("UPDATE bookings SET status = ?2, checked_in_at = ?3, cancelled_at = ?4, cancelled_by = ?5, "
                   "cancel_reason = ?6 WHERE id = ?1")
            .bind(1, b.id)
            .bind(2, domain::to_string(b.status))
            .bind(3, b.checked_in_at)
            .bind(4, b.cancelled_at)
            .bind(5, b.cancelled_by ? std::optional<std::int64_t>(b.cancelled_by) : std::nullopt)
            .bind(6, b.cancel_reason)
            .run() == 0)
      throw StoreError(StoreError::Kind::NotFound, "réservation inconnue");
  }

  std::vector<Booking> booked_until(Date last) override {
    Statement s = c_.prepare(select_bookings("status = 'booked' AND date <= ?1 ORDER BY date, slot DESC, id"));
    s.bind(1, last.iso());
    return all(s);
  }

  domain::SeriesId insert_series(const SeriesRecord& r) override {
    return c_
        .prepare(
            "INSERT INTO booking_series (centre_id, person_id, pattern, from_date, to_date, created_at, created_by) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id")
        .bind(1, r.centre_id)
        .bind(2, r.person_id)
        .bind(3, r.pattern)
        .bind(4, r.from.iso())
        .bind(5, r.to.iso())
        .bind(6, r.created_at)
        .bind(7, r.created_by)
        .returning_id();
  }

  std::optional<SeriesRecord> find_series(domain::SeriesId id) override {
    Statement s = c_.prepare(
        "SELECT id, centre_id, person_id, pattern, from_date, to_date, created_at, created_by FROM booking_series "
        "WHERE id = ?1");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return SeriesRecord{s.int64(0),        s.int64(1),        s.int64(2), s.text(3),
                        date_column(s, 4), date_column(s, 5), s.text(6),  s.int64(7)};
  }

 private:
  static std::vector<Booking> all(Statement& s) {
    std::vector<Booking> out;
    while (s.step()) out.push_back(read_booking(s));
    return out;
  }
  Connection& c_;
};

constexpr std::string_view kWaitColumns = "id, centre_id, person_id, date, slot, created_at, status, booking_id";

WaitRecord read_wait(const Statement& s) {
  WaitRecord w;
  w.id = s.int64(0);
  w.centre_id = s.int64(1);
  w.person_id = s.int64(2);
  w.date = date_column(s, 3);
  w.slot = slot_column(s, 4);
  w.created_at = s.text(5);
  w.status = s.text(6);
  if (!s.is_null(7)) w.booking_id = s.int64(7);
  return w;
}

class SqlWaits final : public BookingWaitRepository {
 public:
  explicit SqlWaits(Connection& c) : c_(c) {}

  std::int64_t join(const WaitRecord& w) override {
    return c_
        .prepare(
            "INSERT INTO booking_waits (centre_id, person_id, date, slot, created_at, status) "
            "VALUES (?1, ?2, ?3, ?4, ?5, 'waiting') RETURNING id")
        .bind(1, w.centre_id)
        .bind(2, w.person_id)
        .bind(3, w.date.iso())
        .bind(4, domain::to_string(w.slot))
        .bind(5, w.created_at)
        .returning_id();
  }

  std::optional<WaitRecord> find(std::int64_t id) override {
    Statement s = c_.prepare("SELECT " + std::string(kWaitColumns) + " FROM booking_waits WHERE id = ?1");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return read_wait(s);
  }

  std::vector<WaitRecord> waiting(domain::CentreId centre, Date date, Slot slot) override {
    Statement s = c_.prepare("SELECT " + std::string(kWaitColumns) +
                             " FROM booking_waits WHERE centre_id = ?1 AND date = ?2 AND slot = ?3 AND status = "
                             "'waiting' ORDER BY id");
    s.bind(1, centre).bind(2, date.iso()).bind(3, domain::to_string(slot));
    std::vector<WaitRecord> out;
    while (s.step()) out.push_back(read_wait(s));
    return out;
  }

  std::vector<WaitRecord> of_person(domain::PersonId person, Date from) override {
    Statement s = c_.prepare("SELECT " + std::string(kWaitColumns) +
                             " FROM booking_waits WHERE person_id = ?1 AND date >= ?2 ORDER BY date, slot DESC, id");
    s.bind(1, person).bind(2, from.iso());
    std::vector<WaitRecord> out;
    while (s.step()) out.push_back(read_wait(s));
    return out;
  }

  void set_status(std::int64_t id, std::string_view status, std::optional<domain::BookingId> booking) override {
    c_.prepare("UPDATE booking_waits SET status = ?2, booking_id = ?3 WHERE id = ?1")
        .bind(1, id)
        .bind(2, status)
        .bind(3, booking)
        .run();
  }

 private:
  Connection& c_;
};

class SqlSettings final : public SettingsRepository {
 public:
  explicit SqlSettings(Connection& c) : c_(c) {}
  std::optional<std::string> get(std::string_view key) override {
    Statement s = c_.prepare("SELECT value FROM network_settings WHERE key = ?1");
    s.bind(1, key);
    if (!s.step()) return std::nullopt;
    return s.text(0);
  }
  void put(std::string_view key, std::string_view value) override {
    c_.prepare(
          "INSERT INTO network_settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = "
          "excluded.value")
        .bind(1, key)
        .bind(2, value)
        .run();
  }

 private:
  Connection& c_;
};

class SqlFeeds final : public CalendarFeedRepository {
 public:
  explicit SqlFeeds(Connection& c) : c_(c) {}

  void insert(const CalendarFeed& f) override {
    c_.prepare("INSERT INTO calendar_feeds (token, person_id, centre_id, created_at) VALUES (?1, ?2, ?3, ?4)")
        .bind(1, f.token)
        .bind(2, f.person_id)
        .bind(3, f.centre_id)
        .bind(4, f.created_at)
        .run();
  }
  std::optional<CalendarFeed> find(std::string_view token) override {
    Statement s = c_.prepare(std::string(kSelect) + "token = ?1");
    s.bind(1, token);
    return one(s);
  }
  std::optional<CalendarFeed> of_person(domain::PersonId person) override {
    Statement s = c_.prepare(std::string(kSelect) + "person_id = ?1 AND revoked_at = '' ORDER BY created_at DESC");
    s.bind(1, person);
    return one(s);
  }
  std::optional<CalendarFeed> of_centre(domain::CentreId centre) override {
    Statement s = c_.prepare(std::string(kSelect) + "centre_id = ?1 AND revoked_at = '' ORDER BY created_at DESC");
    s.bind(1, centre);
    return one(s);
  }
  void revoke(std::string_view token, std::string_view at) override {
    c_.prepare("UPDATE calendar_feeds SET revoked_at = ?2 WHERE token = ?1 AND revoked_at = ''")
        .bind(1, token)
        .bind(2, at)
        .run();
  }

 private:
  static constexpr std::string_view kSelect =
      "SELECT token, person_id, centre_id, created_at, revoked_at FROM calendar_feeds WHERE ";
  static std::optional<CalendarFeed> one(Statement& s) {
    if (!s.step()) return std::nullopt;
    CalendarFeed f;
    f.token = s.text(0);
    if (!s.is_null(1)) f.person_id = s.int64(1);
    if (!s.is_null(2)) f.centre_id = s.int64(2);
    f.created_at = s.text(3);
    f.revoked_at = s.text(4);
    return f;
  }
  Connection& c_;
};

}  // namespace

std::unique_ptr<BookingRepository> make_booking_repository(Connection& c) { return std::make_unique<SqlBookings>(c); }
std::unique_ptr<BookingWaitRepository> make_booking_wait_repository(Connection& c) {
  return std::make_unique<SqlWaits>(c);
}
std::unique_ptr<SettingsRepository> make_settings_repository(Connection& c) { return std::make_unique<SqlSettings>(c); }
std::unique_ptr<CalendarFeedRepository> make_calendar_feed_repository(Connection& c) {
  return std::make_unique<SqlFeeds>(c);
}

}  // namespace tc::store::sql
