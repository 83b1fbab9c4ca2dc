// Progress and cancellation inside COIN-OR's loops (Clp's simplex, CBC's search), shared by the solvers that call
// them.
#pragma once

#include <chrono>
#include <exception>
#include <functional>
#include <thread>

#include "siting/coin.h"

namespace tc::siting::detail {

// Calls `tick` from Clp's and CBC's own loops, at most every quarter second and only on the thread that started
// them (CBC's worker threads must not report progress). An exception from `tick` is kept and the solver asked to
// stop; rethrow() raises it once the solver has returned.
class Ticker {
 public:
  explicit Ticker(const std::function<void()>& tick) : tick_(tick), owner_(std::this_thread::get_id()) {}
  // Returns false when the solver should stop.
  bool poll() {
    if (std::this_thread::get_id() != owner_) return true;  // CBC's workers: the owner's poll decides
    if (error_) return false;
    if (!tick_) return true;
    const auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(250)) return true;
    last_ = now;
    try {
      tick_();
    } catch (...) {
      error_ = std::current_exception();
      return false;
    }
    return true;
  }
  void rethrow() const {
    if (error_) std::rethrow_exception(error_);
  }

 private:
  const std::function<void()>& tick_;
  std::thread::id owner_;
  std::chrono::steady_clock::time_point last_{};
  std::exception_ptr error_;
};

class ClpTicks : public ClpEventHandler {
 public:
  explicit ClpTicks(Ticker* ticker) : ticker_(ticker) {}
  ClpEventHandler* clone() const override { return new ClpTicks(*this); }
  int event(Event which) override {
    if (which != endOfIteration && which != endOfFactorization) return -1;
    return ticker_->poll() ? -1 : 5;  // any code >= 0 stops Clp
  }

 private:
  Ticker* ticker_;
};

class CbcTicks : public CbcEventHandler {
 public:
  explicit CbcTicks(Ticker* ticker) : ticker_(ticker) {}
  CbcEventHandler* clone() const override { return new CbcTicks(*this); }
  CbcAction event(CbcEvent which) override {
    if (which != node && which != treeStatus) return noAction;
    return ticker_->poll() ? noAction : stop;
  }

 private:
  Ticker* ticker_;
};

}  // namespace tc::siting::detail
