// Held answers: a route served by the HttpFront may leave its response with the front, to be
// sent once something the route started has completed (the intake journal's sync), instead of
// keeping its worker thread asleep until then. The worker goes on to the next request; the
// front's event thread sends the response when the gate says the work is done, or a 503 when
// it says the work failed. Many requests then share one sync without one thread each.
//
// Thread safety: the route-side functions act on the calling thread's request only (they are
// thread-local); the front sets the scope around each request it routes. AnswerGate's methods
// must be safe to call from any thread.
#ifndef ADUAN_GATEWAY_HTTP_HELD_ANSWER_H_
#define ADUAN_GATEWAY_HTTP_HELD_ANSWER_H_

#include <cstdint>
#include <functional>

namespace aduan::gateway {

// Says when a held answer may go out. Tokens are the route's own (journal sequence numbers).
class AnswerGate {
 public:
  enum class State { kPending, kReady, kFailed };
  virtual ~AnswerGate() = default;
  virtual State Check(uint64_t token) const = 0;
  // `wake` is called (from any thread, quickly) whenever a Check() result may have changed.
  // Set once, before serving.
  virtual void SetWake(std::function<void()> wake) = 0;
};

// Route side. True when this request is routed by a front with a gate: only then may the route
// hold its answer (under any other server the response goes out when the handler returns, so
// the route must finish its work first).
bool CanHoldAnswer();
// Asks the front to send this request's response only once the gate reports `token` ready (a
// 503 `intake_unavailable` if it reports it failed). The response must be small (it is kept in
// memory until then). Ignored unless CanHoldAnswer().
void HoldAnswerUntil(uint64_t token);

// True while the route runs on one of the front's event threads (a path the server declared
// with HttpFront::SetInlineRoutes). Such a route must not block: no database, no waiting. One
// that would must call PassToWorker() and return before it has changed anything; the front then
// routes the same request again on a worker thread, where this returns false.
bool MustNotBlock();
// Asks the front to route this request again on a worker; whatever response the route leaves
// is discarded. Ignored unless MustNotBlock().
void PassToWorker();

// Front side: brackets the routing of one request, on a worker or (`on_event_thread`) on an
// event thread.
class HeldAnswerScope {
 public:
  HeldAnswerScope(bool can_hold, bool on_event_thread);
  ~HeldAnswerScope();
  HeldAnswerScope(const HeldAnswerScope&) = delete;
  HeldAnswerScope& operator=(const HeldAnswerScope&) = delete;
  // True, with *token set, when the route asked to hold its answer.
  bool held(uint64_t* token) const;
  // True when the route asked for a worker (PassToWorker()).
  bool passed() const;
};

}  // namespace aduan::gateway

#endif  // ADUAN_GATEWAY_HTTP_HELD_ANSWER_H_
