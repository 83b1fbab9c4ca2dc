// Delivers the outbox: mail is written in the same transaction as the decision that causes it, so a crash never
// loses one nor sends one for a change that was rolled back; this sender then delivers it, retrying failures
// with a growing delay (1, 2, 4… minutes, at most an hour).
#pragma once

#include <cstddef>
#include <utility>

#include "service/clock.h"
#include "service/mailer.h"
#include "store/store.h"

namespace tc::service {

class OutboxSender {
 public:
  OutboxSender(store::Store& store, Mailer& mailer, Clock clock)
      : store_(store), mailer_(mailer), clock_(std::move(clock)) {}

  // One pass over the mail that is due; returns how many were sent.
  std::size_t deliver_due(int batch = 50);

 private:
  store::Store& store_;
  Mailer& mailer_;
  Clock clock_;
};

}  // namespace tc::service
