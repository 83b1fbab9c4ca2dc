// The one door to persistent data. Use cases open a Transaction, work through its repositories (one per
// aggregate), and commit; a transaction dropped without commit() rolls back, so an exception never leaves a
// partial write. Implementations: SQLite (store/sqlite), PostgreSQL later — both pass tests/store's contract.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "domain/application.h"
#include "domain/booking.h"
#include "domain/centre.h"
#include "domain/commune.h"
#include "domain/communication.h"
#include "domain/company.h"
#include "domain/equipment.h"
#include "domain/event.h"
#include "domain/grant.h"
#include "domain/occupancy.h"
#include "domain/person.h"
#include "domain/siting_study.h"

namespace tc::store {

// Errors carry a readable French message; `kind` lets callers map them (NotFound → 404, Conflict → 409, …).
struct StoreError : std::runtime_error {
  enum class Kind { Open, Schema, NotFound, Conflict, Invalid, Busy, Internal };
  StoreError(Kind k, const std::string& message) : std::runtime_error(message), kind(k) {}
  Kind kind;
};

class CommuneRepository {
 public:
  virtual ~CommuneRepository() = default;
  virtual std::vector<domain::Commune> all() = 0;  // by INSEE code
  virtual std::optional<domain::Commune> find(std::string_view insee) = 0;
  virtual void upsert(const domain::Commune& c) = 0;
  virtual std::int64_t count() = 0;
  // Dated ZRR reclassifications. Throws StoreError{Conflict} when the commune already has one on that date,
  // StoreError{NotFound} for an unknown commune.
  virtual void add_zrr_change(const domain::ZrrChange& change) = 0;
  virtual std::vector<domain::ZrrChange> zrr_changes(std::string_view insee) = 0;  // by date
  virtual std::vector<domain::ZrrChange> all_zrr_changes() = 0;                    // by commune, then date
};

class CentreRepository {
 public:
  virtual ~CentreRepository() = default;
  // Whole centres (offices, posts, hours, closures, history), by name.
  virtual std::vector<domain::Centre> all() = 0;
  virtual std::optional<domain::Centre> find(domain::CentreId id) = 0;
  // Stores a new centre; fills in the ids of the centre, its offices and posts. The commune must exist.
  virtual domain::CentreId insert(domain::Centre& c) = 0;
  // Records a status change already validated by the domain (domain::change_status), with its override reason.
  virtual void record_status(domain::CentreId id, const domain::StatusChange& change) = 0;
  virtual std::int64_t count() = 0;
  // Replaces everything editable of an existing centre (not its status nor history): fields, services,
  // accessibility, hours, closures, specialities, rules. Offices and posts are matched by id: those with an id are
  // kept (renamed), those with id 0 are created (their ids filled in), those missing are deleted. Throws
  // StoreError{Conflict} when a post to delete has bookings or agreements, StoreError{NotFound} for an unknown
  // centre or an office/post id that is not the centre's.
  virtual void update(domain::Centre& c) = 0;
};

// A person's account as stored. Roles and host centres come along; the profile is read separately.
struct PersonRecord {
  std::int64_t id = 0;
  std::string email;                           // lower-case; empty once erased
  std::string password_hash;                   // Argon2id string; empty = cannot sign in
  std::string created_at;                      // ISO 8601 UTC
  std::vector<std::string> roles;              // "teleworker", "host", "animator", "admin"
  std::vector<domain::CentreId> host_centres;  // for hosts
};

// A dated change of a person's category; the first one, when the person first said it, has no `from`.
struct CategoryChange {
  domain::PersonId person_id = 0;
  std::optional<domain::Category> from;
  domain::Category to = domain::Category::DistantEmployee;
  domain::Date on;  // civil date of the change
  std::string at;   // ISO 8601 UTC
};

class PersonRepository {
 public:
  virtual ~PersonRepository() = default;
  // Throws StoreError{Conflict} when the e-mail is taken.
  virtual std::int64_t insert(const PersonRecord& p) = 0;
  virtual std::optional<PersonRecord> find(std::int64_t id) = 0;
  virtual std::optional<PersonRecord> find_by_email(std::string_view email) = 0;
  virtual void set_password_hash(std::int64_t id, std::string_view hash) = 0;
  // Replaces the person's roles and host centres.
  virtual void set_roles(std::int64_t id, const std::vector<std::string>& roles,
                         const std::vector<domain::CentreId>& host_centres) = 0;
  virtual std::int64_t count() = 0;
  virtual void set_display_name(std::int64_t id, std::string_view name) = 0;
  virtual domain::Profile profile(std::int64_t id) = 0;  // empty profile for an unknown id
  // The display names of many people in a few queries (a centre's day, its calendar feed); unknown ids are left out.
  virtual std::map<std::int64_t, std::string> display_names(const std::vector<std::int64_t>& ids) = 0;
  // Writes the category too, without history: call set_category first to keep it.
  virtual void set_profile(std::int64_t id, const domain::Profile& p) = 0;
  // Sets the person's category and, when it differs from the stored one (or none was stored), appends the change,
  // dated `on`, to their history; returns whether it changed.
  virtual bool set_category(std::int64_t id, domain::Category to, domain::Date on, std::string_view at) = 0;
  virtual std::vector<CategoryChange> category_history(std::int64_t id) = 0;  // oldest first
  // Every person's changes dated within [from, to], by date.
  virtual std::vector<CategoryChange> category_changes(domain::Date from, domain::Date to) = 0;
  // Records that the person agreed to a version of the privacy notice (idempotent).
  virtual void record_consent(std::int64_t id, std::string_view notice_version, std::string_view at) = 0;
  virtual std::vector<std::pair<std::string, std::string>> consents(std::int64_t id) = 0;  // (version, at)
  // RGPD erasure: e-mail, password, name, employer, consents, sessions, tokens, free texts, the category history
  // and the link to a company are removed; what statistics need (category, communes, the applications' states and
  // dates) stays, no longer tied to anyone.
  virtual void erase(std::int64_t id, std::string_view at) = 0;
  // Password reset tokens (hashes), single use.
  virtual void add_reset_token(std::int64_t id, std::string_view token_hash, std::string_view at,
                               std::string_view expires_at) = 0;
  // The person whose unused, unexpired token this is; marks it used.
  virtual std::optional<std::int64_t> use_reset_token(std::string_view token_hash, std::string_view now) = 0;
};

struct SessionRecord {
  std::string token_hash;
  std::int64_t person_id = 0;
  std::string csrf_token;
  std::string created_at;
  std::string expires_at;
};

class SessionRepository {
 public:
  virtual ~SessionRepository() = default;
  virtual void insert(const SessionRecord& s) = 0;
  virtual std::optional<SessionRecord> find(std::string_view token_hash) = 0;
  virtual void remove(std::string_view token_hash) = 0;
  virtual void remove_all_of(std::int64_t person_id) = 0;
  virtual void remove_expired(std::string_view now) = 0;
};

struct ApiTokenRecord {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  std::string token_hash;
  std::string label;
  std::string created_at;
  std::string revoked_at;  // empty while valid
};

class ApiTokenRepository {
 public:
  virtual ~ApiTokenRepository() = default;
  virtual std::int64_t insert(const ApiTokenRecord& t) = 0;
  virtual std::optional<ApiTokenRecord> find_by_hash(std::string_view token_hash) = 0;
  virtual std::vector<ApiTokenRecord> of_person(std::int64_t person_id) = 0;
  // Returns false when the token is not the person's or already revoked.
  virtual bool revoke(std::int64_t token_id, std::int64_t person_id, std::string_view at) = 0;
};

// Failed sign-ins counted per key ("email:…", "addr:…").
struct ThrottleRecord {
  std::string key;
  int failures = 0;
  std::string last_failure;
  std::string blocked_until;
};

class ThrottleRepository {
 public:
  virtual ~ThrottleRepository() = default;
  virtual std::optional<ThrottleRecord> find(std::string_view key) = 0;
  virtual void put(const ThrottleRecord& r) = 0;
  virtual void clear(std::string_view key) = 0;
};

struct AuditEntry {
  std::int64_t id = 0;
  std::string at;
  std::optional<std::int64_t> actor_id;  // none: the command line or the system
  std::string action;                    // e.g. "role.change", "application.decision", "person.erase"
  std::string subject;                   // e.g. "person:12"
  std::string detail;
};

class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  virtual void append(const AuditEntry& e) = 0;
  virtual std::vector<AuditEntry> latest(int limit, int offset) = 0;  // newest first
};

// Which applications to list; every field optional. Timestamps compare as ISO 8601 text.
struct ApplicationFilter {
  std::optional<std::int64_t> person_id;
  std::vector<domain::CentreId> centre_ids;  // empty = any centre
  std::optional<domain::ApplicationState> state;
  std::optional<domain::Category> category;
  std::string submitted_from;  // inclusive, "YYYY-MM-DD…"; empty = no bound
  std::string submitted_to;    // exclusive
  int limit = 500;
};

// An application with what reviewers need to see of its applicant.
struct ApplicationRow {
  domain::Application application;
  std::string applicant_name;
  std::string applicant_email;
  std::optional<domain::Category> applicant_category;
  bool applicant_rqth = false;  // only ever shown to the person and admins
  std::string heard_from;
  std::string state_since_utc;  // when the current state began (the last history entry's time), ISO 8601 UTC
};

class ApplicationRepository {
 public:
  virtual ~ApplicationRepository() = default;
  virtual domain::ApplicationId insert(const domain::Application& a, std::string_view heard_from) = 0;
  virtual std::optional<ApplicationRow> find(domain::ApplicationId id) = 0;  // with its history
  virtual std::vector<ApplicationRow> list(const ApplicationFilter& f) = 0;  // newest first, without history
  // Stores the application's new state and appends its last history entry.
  virtual void record_transition(const domain::Application& a) = 0;
  virtual int count_in_states(domain::CentreId centre, const std::vector<domain::ApplicationState>& states) = 0;
  // Removes applications in `state` whose state began before `before` (retention); returns how many.
  virtual int purge(domain::ApplicationState state, std::string_view before) = 0;
};

struct OutgoingMail {
  std::int64_t id = 0;
  std::string recipient;
  std::string subject;
  std::string body;
  int attempts = 0;
};

// Mail written in the same transaction as what caused it; a sender delivers it afterwards, retrying.
class OutboxRepository {
 public:
  virtual ~OutboxRepository() = default;
  virtual void enqueue(std::string_view recipient, std::string_view subject, std::string_view body,
                       std::string_view now) = 0;
  virtual std::vector<OutgoingMail> due(std::string_view now, int limit) = 0;
  // Takes up to `limit` due mails for one sender: their next try moves to `lease_until`, so that no other sender
  // (another server on the same database) takes them meanwhile, and a sender that dies lets them come back when
  // the lease ends. Call it in a write transaction, then send, then mark_sent or mark_failed.
  virtual std::vector<OutgoingMail> claim(std::string_view now, std::string_view lease_until, int limit) = 0;
  virtual void mark_sent(std::int64_t id, std::string_view at) = 0;
  virtual void mark_failed(std::int64_t id, std::string_view next_try, std::string_view error) = 0;
  virtual int pending() = 0;
};

// Live bookings (booked or checked in) of a centre per date and slot.
struct HeldCount {
  domain::Date date;
  domain::Slot slot = domain::Slot::Morning;
  int held = 0;
};

struct SeriesRecord {
  domain::SeriesId id = 0;
  domain::CentreId centre_id = 0;
  domain::PersonId person_id = 0;
  std::string pattern;  // "2:morning 4:afternoon": ISO weekday:slot, space-separated
  domain::Date from;
  domain::Date to;  // inclusive
  std::string created_at;
  domain::PersonId created_by = 0;
};

class BookingRepository {
 public:
  virtual ~BookingRepository() = default;
  // Stores a new booking, every field but the id (an imported one may come checked in or cancelled), and returns
  // its id. Throws StoreError{Conflict} when the post already has a live
  // booking for that date and slot: the database's unique index decides, whatever the caller checked before.
  virtual domain::BookingId insert(const domain::Booking& b) = 0;
  virtual std::optional<domain::Booking> find(domain::BookingId id) = 0;
  // Every booking of the centre with from <= date < to, by date, slot and post.
  virtual std::vector<domain::Booking> of_centre(domain::CentreId centre, domain::Date from, domain::Date to) = 0;
  // The person's bookings with from <= date < to, by date and slot.
  virtual std::vector<domain::Booking> of_person(domain::PersonId person, domain::Date from, domain::Date to) = 0;
  virtual std::vector<domain::Booking> of_series(domain::SeriesId series) = 0;
  // Posts of the centre with a live booking for that date and slot.
  virtual std::vector<domain::PostId> held_posts(domain::CentreId centre, domain::Date date, domain::Slot slot) = 0;
  // Live bookings per date and slot, from <= date < to; slots without any are left out.
  virtual std::vector<HeldCount> held_counts(domain::CentreId centre, domain::Date from, domain::Date to) = 0;
  // Live bookings of every centre for one date and slot: (centre, count).
  virtual std::vector<std::pair<domain::CentreId, int>> held_on(domain::Date date, domain::Slot slot) = 0;
  // The person's live bookings at the centre with from <= date < to (the weekly quota).
  virtual int held_by_person(domain::PersonId person, domain::CentreId centre, domain::Date from, domain::Date to) = 0;
  // Saves status, check-in and cancellation fields of a booking that exists.
  virtual void update(const domain::Booking& b) = 0;
  // Bookings still `booked` with date <= last, for the no-show sweep.
  virtual std::vector<domain::Booking> booked_until(domain::Date last) = 0;
  virtual domain::SeriesId insert_series(const SeriesRecord& s) = 0;
  virtual std::optional<SeriesRecord> find_series(domain::SeriesId id) = 0;
};

struct WaitRecord {
  std::int64_t id = 0;
  domain::CentreId centre_id = 0;
  domain::PersonId person_id = 0;
  domain::Date date;
  domain::Slot slot = domain::Slot::Morning;
  std::string created_at;
  std::string status;  // waiting, served, left, expired
  std::optional<domain::BookingId> booking_id;
};

// Waiting lists for a centre's slot when it is full.
class BookingWaitRepository {
 public:
  virtual ~BookingWaitRepository() = default;
  // Throws StoreError{Conflict} when the person is already waiting for that slot.
  virtual std::int64_t join(const WaitRecord& w) = 0;
  virtual std::optional<WaitRecord> find(std::int64_t id) = 0;
  // Those waiting for the slot, first come first.
  virtual std::vector<WaitRecord> waiting(domain::CentreId centre, domain::Date date, domain::Slot slot) = 0;
  virtual std::vector<WaitRecord> of_person(domain::PersonId person, domain::Date from) = 0;
  virtual void set_status(std::int64_t id, std::string_view status, std::optional<domain::BookingId> booking) = 0;
};

// Small network-wide settings, as text (the booking rule defaults among them).
class SettingsRepository {
 public:
  virtual ~SettingsRepository() = default;
  virtual std::optional<std::string> get(std::string_view key) = 0;
  virtual void put(std::string_view key, std::string_view value) = 0;
};

struct CalendarFeed {
  std::string token;
  std::optional<domain::PersonId> person_id;
  std::optional<domain::CentreId> centre_id;
  std::string created_at;
  std::string revoked_at;  // empty while valid
};

class CalendarFeedRepository {
 public:
  virtual ~CalendarFeedRepository() = default;
  virtual void insert(const CalendarFeed& f) = 0;
  virtual std::optional<CalendarFeed> find(std::string_view token) = 0;
  // The valid feed of a person or of a centre, if any.
  virtual std::optional<CalendarFeed> of_person(domain::PersonId person) = 0;
  virtual std::optional<CalendarFeed> of_centre(domain::CentreId centre) = 0;
  virtual void revoke(std::string_view token, std::string_view at) = 0;
};

// The inventory of equipment the council provides to centres.
class EquipmentRepository {
 public:
  virtual ~EquipmentRepository() = default;
  virtual domain::EquipmentId insert(const domain::EquipmentItem& e) = 0;  // the centre must exist
  virtual std::optional<domain::EquipmentItem> find(domain::EquipmentId id) = 0;
  virtual std::vector<domain::EquipmentItem> of_centre(domain::CentreId centre) = 0;  // by category, then id
  virtual std::vector<domain::EquipmentItem> all() = 0;                               // by centre, category, id
  // Saves every field but the id; throws StoreError{NotFound} when it does not exist.
  virtual void update(const domain::EquipmentItem& e) = 0;
};

// Occupancy agreements (conventions d'occupation) between a centre and a named teleworker for a post.
class AgreementRepository {
 public:
  virtual ~AgreementRepository() = default;
  virtual domain::AgreementId insert(const domain::OccupancyAgreement& a) = 0;
  virtual std::optional<domain::OccupancyAgreement> find(domain::AgreementId id) = 0;
  virtual std::vector<domain::OccupancyAgreement> of_centre(domain::CentreId centre) = 0;  // by from date, then id
  virtual std::vector<domain::OccupancyAgreement> of_post(domain::PostId post) = 0;
  virtual std::vector<domain::OccupancyAgreement> of_person(domain::PersonId person) = 0;
  // Every agreement whose [from, to] (or early end) meets [from, to]: by from date, then id.
  virtual std::vector<domain::OccupancyAgreement> overlapping(domain::Date from, domain::Date to) = 0;
  // Records the early end (ended_on, ended_reason) of an agreement that exists.
  virtual void end(domain::AgreementId id, domain::Date ended_on, std::string_view reason) = 0;
};

// Grant rulesets; DIACT-2006 is there from the migration on.
class GrantRulesetRepository {
 public:
  virtual ~GrantRulesetRepository() = default;
  virtual std::vector<domain::GrantRuleset> all() = 0;  // by valid_from, then name
  virtual std::optional<domain::GrantRuleset> find_by_name(std::string_view name) = 0;
  // Throws StoreError{Conflict} when the name is taken.
  virtual std::int64_t insert(const domain::GrantRuleset& r) = 0;
};

// Siting studies and their background runs. The runner's writes (claim, progress, finish) are small and frequent;
// a cancel is a flag the runner reads back with its next progress.
class StudyRepository {
 public:
  virtual ~StudyRepository() = default;
  virtual domain::StudyId insert(const domain::StudyRecord& s) = 0;  // status queued; returns the id
  virtual std::optional<domain::StudyRecord> find(domain::StudyId id) = 0;
  // Newest first, without request_json and result_json (a list does not need them).
  virtual std::vector<domain::StudyRecord> recent(int limit) = 0;
  // The oldest queued study, now running (started_at = heartbeat_at = now); nullopt when none is queued.
  virtual std::optional<domain::StudyRecord> claim_next(std::string_view now) = 0;
  // Records progress and the heartbeat of a running study; returns whether a cancel was asked.
  virtual bool progress(domain::StudyId id, double fraction, std::string_view stage, std::string_view now) = 0;
  // Ends a running study (done with its result, failed or cancelled with why), or puts it back in the queue
  // (status queued: its server is stopping).
  virtual void finish(const domain::StudyRecord& s) = 0;
  // A queued study is cancelled at once; a running one gets the flag. False when already finished or unknown.
  virtual bool request_cancel(domain::StudyId id, std::string_view now) = 0;
  // Running studies whose heartbeat is older than `before` (their runner died): failed, with the message given.
  virtual int fail_stale(std::string_view before, std::string_view now, std::string_view error_fr,
                         std::string_view error_en) = 0;
};

// Events of the network's animation and their registrations.
class EventRepository {
 public:
  virtual ~EventRepository() = default;
  virtual domain::EventId insert(const domain::Event& e) = 0;
  virtual std::optional<domain::Event> find(domain::EventId id) = 0;
  // Events whose date is within [from, to], by date then start time; `public_only` keeps those open to the public.
  virtual std::vector<domain::Event> between(domain::Date from, domain::Date to, bool public_only) = 0;
  virtual void update(const domain::Event& e) = 0;  // every field but the id; NotFound when it does not exist
  // Throws StoreError{Conflict} when that e-mail already holds a live (confirmed or waiting) registration.
  virtual domain::RegistrationId insert_registration(const domain::Registration& r) = 0;
  virtual std::optional<domain::Registration> find_registration(domain::RegistrationId id) = 0;
  virtual std::optional<domain::Registration> registration_by_token(std::string_view token) = 0;
  virtual std::vector<domain::Registration> registrations_of(domain::EventId event) = 0;  // oldest first
  virtual void update_registration(const domain::Registration& r) = 0;  // status, reminded_at, attended
  virtual int confirmed_count(domain::EventId event) = 0;
  // For the events dated within [from, to] that have registrations: (confirmed, waiting) per event, in one query.
  virtual std::map<domain::EventId, std::pair<int, int>> registration_counts(domain::Date from, domain::Date to) = 0;
};

// Companies prospected, and the dated history of their moves along the pipeline.
class CompanyRepository {
 public:
  virtual ~CompanyRepository() = default;
  virtual domain::CompanyId insert(const domain::Company& c) = 0;         // without history
  virtual std::optional<domain::Company> find(domain::CompanyId id) = 0;  // with history
  virtual std::vector<domain::Company> all() = 0;                         // by name, with history
  virtual void update(const domain::Company& c) = 0;  // every field but id and history; NotFound when unknown
  virtual void add_stage_change(domain::CompanyId id, const domain::StageChange& change) = 0;
  // Relocated employees' accounts (find and all fill Company::linked). Throws StoreError{Conflict} when the person
  // is already linked to a company.
  virtual void link_employee(domain::CompanyId id, domain::PersonId person, domain::Date on) = 0;
  virtual bool unlink_employee(domain::CompanyId id, domain::PersonId person) = 0;  // false when not linked
  virtual std::optional<domain::CompanyId> employer_of(domain::PersonId person) = 0;
};

// The communication plan's actions, and how many applications cite each (applications.heard_via_action).
class CommunicationRepository {
 public:
  virtual ~CommunicationRepository() = default;
  virtual domain::CommActionId insert(const domain::CommAction& a) = 0;
  virtual void update(const domain::CommAction& a) = 0;  // every field but the id; NotFound when unknown
  virtual std::optional<domain::CommAction> find(domain::CommActionId id) = 0;
  // Actions dated within [from, to] (both inclusive), by date then id.
  virtual std::vector<domain::CommAction> between(domain::Date from, domain::Date to) = 0;
  // For each action dated within [from, to] that some application cites, how many do (whenever submitted).
  virtual std::map<domain::CommActionId, int> citing(domain::Date from, domain::Date to) = 0;
};

// Which centres a report covers: every one, or those listed (none when the list is empty).
struct CentreScope {
  bool every = true;
  std::vector<domain::CentreId> ids;
  static CentreScope all() { return {}; }
  static CentreScope only(std::vector<domain::CentreId> ids) { return {false, std::move(ids)}; }
};

// Live half-days (booked or checked in) of a centre in one month.
struct MonthHeld {
  domain::CentreId centre_id = 0;
  std::string month;  // YYYY-MM
  int held = 0;
};

// Checked-in half-days of a centre by the home and workplace communes of the people who came ("" when unknown).
struct TripCount {
  domain::CentreId centre_id = 0;
  std::string home_insee;
  std::string workplace_insee;
  int half_days = 0;
};

// Applications of a period, counted by the database.
struct ApplicationFigures {
  std::map<domain::CentreId, int> per_centre;  // submitted in the period
  std::map<domain::Category, int> applicants;  // distinct people who applied in the period, by their category
  std::map<domain::Category, int> active;      // distinct people with an active application now, by category
  int rqth_active = 0;                         // of those, people with a recognised disability
  int job_seekers_applying = 0;                // applications of the period made by job seekers
};

struct EventTally {
  int confirmed = 0;
  int attended = 0;
};

// The council's figures, aggregated by the database in a fixed number of queries whatever the network's size: a
// national network holds millions of bookings, which a report must never load one by one.
class ReportRepository {
 public:
  virtual ~ReportRepository() = default;
  // Live half-days per centre and month with from <= date < to; months without any are left out.
  virtual std::vector<MonthHeld> held_per_month(const CentreScope& scope, domain::Date from, domain::Date to) = 0;
  // Checked-in half-days with from <= date < to, per centre, home and workplace commune.
  virtual std::vector<TripCount> checked_in_trips(const CentreScope& scope, domain::Date from, domain::Date to) = 0;
  // Distinct people with a checked-in half-day with from <= date < to, by their category.
  virtual std::map<domain::Category, int> checked_in_people(const CentreScope& scope, domain::Date from,
                                                            domain::Date to) = 0;
  // People who ever applied to one of the centres or held a post there with from <= date < to.
  virtual std::vector<domain::PersonId> people_of(const CentreScope& scope, domain::Date from, domain::Date to) = 0;
  // Applications submitted with from <= submitted_at < to (ISO texts), and those active now.
  virtual ApplicationFigures application_figures(const CentreScope& scope, std::string_view from,
                                                 std::string_view to) = 0;
  // Live half-days per post of every centre with from <= date < to; posts never held left out.
  virtual std::vector<std::pair<domain::PostId, int>> held_per_post(domain::Date from, domain::Date to) = 0;
  // Confirmed and attended registrations of the events dated within [from, to] that have any.
  virtual std::map<domain::EventId, EventTally> event_tallies(domain::Date from, domain::Date to) = 0;
};

class Transaction {
 public:
  virtual ~Transaction() = default;
  virtual CommuneRepository& communes() = 0;
  virtual CentreRepository& centres() = 0;
  virtual PersonRepository& people() = 0;
  virtual SessionRepository& sessions() = 0;
  virtual ApiTokenRepository& api_tokens() = 0;
  virtual ThrottleRepository& throttle() = 0;
  virtual AuditRepository& audit() = 0;
  virtual ApplicationRepository& applications() = 0;
  virtual OutboxRepository& outbox() = 0;
  virtual BookingRepository& bookings() = 0;
  virtual BookingWaitRepository& booking_waits() = 0;
  virtual SettingsRepository& settings() = 0;
  virtual CalendarFeedRepository& calendar_feeds() = 0;
  virtual EquipmentRepository& equipment() = 0;
  virtual AgreementRepository& agreements() = 0;
  virtual GrantRulesetRepository& grant_rulesets() = 0;
  virtual StudyRepository& studies() = 0;
  virtual EventRepository& events() = 0;
  virtual CompanyRepository& companies() = 0;
  virtual CommunicationRepository& communication() = 0;
  virtual ReportRepository& reports() = 0;
  // Makes every write of this transaction durable. Calling it on a read transaction just ends it.
  virtual void commit() = 0;
};

enum class Access { Read, Write };

class Store {
 public:
  virtual ~Store() = default;
  // Read transactions see one consistent snapshot and may run in parallel; write transactions are serialised.
  virtual std::unique_ptr<Transaction> begin(Access access) = 0;
  // Runs `work` as one part of a write transaction shared with other callers' concurrent work, so that many small
  // writes (bookings) share one commit and one disk sync. `work` keeps its changes by calling commit() on the
  // Transaction it is given; when it throws, or returns without commit(), only its own part is undone and its
  // exception is rethrown here. Returns once the shared transaction is committed and durable.
  virtual void write_together(const std::function<void(Transaction&)>& work) = 0;
  // A number that changes whenever a committed transaction changed the directory's data (communes, centres), in
  // any process sharing the database: lets readers keep derived data (the directory's snapshot) until then.
  // Sessions, applications and the like do not move it.
  virtual std::int64_t revision() = 0;
  // Such directory-changing transactions committed through this Store object: an atomic read, no I/O. Lets a
  // reader that checked revision() recently skip the check when nothing was changed here since.
  virtual std::uint64_t local_commits() const = 0;
  virtual int schema_version() = 0;
  virtual std::string backend() const = 0;  // "sqlite", "postgresql"
};

struct OpenOptions {
  int readers = 4;             // size of the pool of read connections
  int busy_timeout_ms = 5000;  // how long to wait for a lock held by another process
  bool create = true;          // create the database file when missing
};

// Opens (and migrates to the newest schema) the database at `location`: an SQLite file path for now.
// Throws StoreError{Open|Schema} with a one-line message on a bad path, a file that is not a database, or a
// schema newer than this program knows.
std::unique_ptr<Store> open_store(const std::string& location, const OpenOptions& options = {});

// The highest schema version this program's migrations reach.
int latest_schema_version();

}  // namespace tc::store
