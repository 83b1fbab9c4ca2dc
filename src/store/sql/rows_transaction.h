// The repositories of a transaction, made on first use over the backend's connection. Backends derive from it and
// add what differs: how a transaction begins, commits and rolls back.
#pragma once

#include <memory>

#include "store/sql/rows.h"

namespace tc::store::sql {

class RowsTransaction : public Transaction {
 public:
  CommuneRepository& communes() override {
    if (!communes_) communes_ = make_commune_repository(*rows_conn_, directory_changed_);
    return *communes_;
  }
  CentreRepository& centres() override {
    if (!centres_) centres_ = make_centre_repository(*rows_conn_, directory_changed_);
    return *centres_;
  }
  PersonRepository& people() override { return lazy(people_, make_person_repository); }
  SessionRepository& sessions() override { return lazy(sessions_, make_session_repository); }
  ApiTokenRepository& api_tokens() override { return lazy(api_tokens_, make_api_token_repository); }
  ThrottleRepository& throttle() override { return lazy(throttle_, make_throttle_repository); }
  AuditRepository& audit() override { return lazy(audit_, make_audit_repository); }
  ApplicationRepository& applications() override { return lazy(applications_, make_application_repository); }
  OutboxRepository& outbox() override { return lazy(outbox_, make_outbox_repository); }
  BookingRepository& bookings() override { return lazy(bookings_, make_booking_repository); }
  BookingWaitRepository& booking_waits() override { return lazy(waits_, make_booking_wait_repository); }
  SettingsRepository& settings() override { return lazy(settings_, make_settings_repository); }
  CalendarFeedRepository& calendar_feeds() override { return lazy(feeds_, make_calendar_feed_repository); }
  EquipmentRepository& equipment() override { return lazy(equipment_, make_equipment_repository); }
  AgreementRepository& agreements() override { return lazy(agreements_, make_agreement_repository); }
  GrantRulesetRepository& grant_rulesets() override { return lazy(grant_rulesets_, make_grant_ruleset_repository); }
  StudyRepository& studies() override { return lazy(studies_, make_study_repository); }
  EventRepository& events() override { return lazy(events_, make_event_repository); }
  CompanyRepository& companies() override { return lazy(companies_, make_company_repository); }
  CommunicationRepository& communication() override { return lazy(communication_, make_communication_repository); }
  ReportRepository& reports() override { return lazy(reports_, make_report_repository); }

  bool directory_changed() const { return directory_changed_; }

 protected:
  RowsTransaction() = default;
  // The connection the repositories use; set once by the backend's constructor, before any repository is asked.
  void use(Connection* c) { rows_conn_ = c; }
  bool directory_changed_ = false;

 private:
  template <typename R, typename F>
  R& lazy(std::unique_ptr<R>& slot, F make) {
    if (!slot) slot = make(*rows_conn_);
    return *slot;
  }

  Connection* rows_conn_ = nullptr;
  std::unique_ptr<CommuneRepository> communes_;
  std::unique_ptr<CentreRepository> centres_;
  std::unique_ptr<PersonRepository> people_;
  std::unique_ptr<SessionRepository> sessions_;
  std::unique_ptr<ApiTokenRepository> api_tokens_;
  std::unique_ptr<ThrottleRepository> throttle_;
  std::unique_ptr<AuditRepository> audit_;
  std::unique_ptr<ApplicationRepository> applications_;
  std::unique_ptr<OutboxRepository> outbox_;
  std::unique_ptr<BookingRepository> bookings_;
  std::unique_ptr<BookingWaitRepository> waits_;
  std::unique_ptr<SettingsRepository> settings_;
  std::unique_ptr<CalendarFeedRepository> feeds_;
  std::unique_ptr<EquipmentRepository> equipment_;
  std::unique_ptr<AgreementRepository> agreements_;
  std::unique_ptr<GrantRulesetRepository> grant_rulesets_;
  std::unique_ptr<StudyRepository> studies_;
  std::unique_ptr<EventRepository> events_;
  std::unique_ptr<CompanyRepository> companies_;
  std::unique_ptr<CommunicationRepository> communication_;
  std::unique_ptr<ReportRepository> reports_;
};

}  // namespace tc::store::sql
