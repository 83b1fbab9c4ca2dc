#include "service/outbox_sender.h"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace tc::service {

std::size_t OutboxSender::deliver_due(int batch) {
  std::vector<store::OutgoingMail> due;
  {
    // Claimed for half an hour (a batch of slow deliveries stays well inside it): another server sharing the database
    // does not send them too, and if this one dies while sending, they come back when the lease ends.
    const auto now = clock_();
    auto tx = store_.begin(store::Access::Write);
    due = tx->outbox().claim(now.iso(), domain::Timestamp{now.unix_seconds + 1800}.iso(), batch);
    tx->commit();
  }
  std::size_t sent = 0;
  for (const auto& m : due) {
    // Sending happens outside any transaction: the network must never hold the database's write lock.
    std::string error;
    try {
      mailer_.send({m.recipient, m.subject, m.body, ""});
    } catch (const std::exception& e) {
      error = e.what();
    }
    const auto now = clock_();
    auto tx = store_.begin(store::Access::Write);
    if (error.empty()) {
      tx->outbox().mark_sent(m.id, now.iso());
      ++sent;
    } else {
      const std::int64_t delay = std::min<std::int64_t>(std::int64_t{60} << std::min(m.attempts, 6), 3600);
      tx->outbox().mark_failed(m.id, domain::Timestamp{now.unix_seconds + delay}.iso(), error);
      spdlog::warn("courriel {} non remis (tentative {}) : {}", m.id, m.attempts + 1, error);
    }
    tx->commit();
  }
  return sent;
}

}  // namespace tc::service
