// Repositories over one connection inside an open transaction, the same for every backend. `changed` is set when
// a write touches the directory's data (communes, centres): it moves the store's revision.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "store/sql/connection.h"
#include "store/store.h"

namespace tc::store::sql {

// "?first, ?first+1, …": the placeholders of an IN list of n values, so that the values stay parameters.
inline std::string placeholders(int first, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += (i == 0 ? "?" : ", ?") + std::to_string(first + static_cast<int>(i));
  return out;
}

// centre_rows.cpp
std::unique_ptr<CommuneRepository> make_commune_repository(Connection& c, bool& changed);
std::unique_ptr<CentreRepository> make_centre_repository(Connection& c, bool& changed);
// person_rows.cpp
std::unique_ptr<PersonRepository> make_person_repository(Connection& c);
std::unique_ptr<SessionRepository> make_session_repository(Connection& c);
std::unique_ptr<ApiTokenRepository> make_api_token_repository(Connection& c);
std::unique_ptr<ThrottleRepository> make_throttle_repository(Connection& c);
std::unique_ptr<AuditRepository> make_audit_repository(Connection& c);
// application_rows.cpp
std::unique_ptr<ApplicationRepository> make_application_repository(Connection& c);
std::unique_ptr<OutboxRepository> make_outbox_repository(Connection& c);
// booking_rows.cpp
std::unique_ptr<BookingRepository> make_booking_repository(Connection& c);
std::unique_ptr<BookingWaitRepository> make_booking_wait_repository(Connection& c);
std::unique_ptr<SettingsRepository> make_settings_repository(Connection& c);
std::unique_ptr<CalendarFeedRepository> make_calendar_feed_repository(Connection& c);
// admin_rows.cpp
std::unique_ptr<EquipmentRepository> make_equipment_repository(Connection& c);
std::unique_ptr<AgreementRepository> make_agreement_repository(Connection& c);
std::unique_ptr<GrantRulesetRepository> make_grant_ruleset_repository(Connection& c);
// study_rows.cpp
std::unique_ptr<StudyRepository> make_study_repository(Connection& c);
// event_rows.cpp
std::unique_ptr<EventRepository> make_event_repository(Connection& c);
// company_rows.cpp
std::unique_ptr<CompanyRepository> make_company_repository(Connection& c);
// communication_rows.cpp
std::unique_ptr<CommunicationRepository> make_communication_repository(Connection& c);
// report_rows.cpp
std::unique_ptr<ReportRepository> make_report_repository(Connection& c);

}  // namespace tc::store::sql
