#include "gateway/http/held_answer.h"

namespace aduan::gateway {
namespace {

struct HoldState {
  bool can_hold = false;
  bool held = false;
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

HeldAnswerScope::HeldAnswerScope(bool can_hold) { t_hold = HoldState{can_hold, false, 0}; }

HeldAnswerScope::~HeldAnswerScope() { t_hold = HoldState{}; }

bool HeldAnswerScope::held(uint64_t* token) const {
  if (!t_hold.held) return false;
  *token = t_hold.token;
  return true;
}

}  // namespace aduan::gateway
