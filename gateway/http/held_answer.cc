#include "gateway/http/held_answer.h"

namespace aduan::gateway {
namespace {

struct HoldState {
  bool can_hold = false;
  bool on_event_thread = false;
  bool held = false;
  bool passed = false;
  uint64_t token = 0;
};

thread_local HoldState t_hold;

}  // namespace

bool CanHoldAnswer() { return t_hold.can_hold; }

void HoldAnswerUntil(uint64_t token) {
  if (!t_hold.can_hold) return;
  t_hold.held = true;
  t_hold.token = token;
}

bool MustNotBlock() { return t_hold.on_event_thread; }

void PassToWorker() {
  if (t_hold.on_event_thread) t_hold.passed = true;
}

HeldAnswerScope::HeldAnswerScope(bool can_hold, bool on_event_thread) {
  t_hold = HoldState{};
  t_hold.can_hold = can_hold;
  t_hold.on_event_thread = on_event_thread;
}

HeldAnswerScope::~HeldAnswerScope() { t_hold = HoldState{}; }

bool HeldAnswerScope::held(uint64_t* token) const {
  if (!t_hold.held) return false;
  *token = t_hold.token;
  return true;
}

bool HeldAnswerScope::passed() const { return t_hold.passed; }

}  // namespace aduan::gateway
