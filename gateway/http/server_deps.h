// What the gateway borrows from whoever starts it (serve_command.cc, tests): configuration,
// storage, the classifier, settings, the clock and the intake journal. Its own header so the
// route files can see it without including the server that registers them.
#ifndef ADUAN_GATEWAY_SERVER_DEPS_H_
#define ADUAN_GATEWAY_SERVER_DEPS_H_

#include <string>

#include "channels/adapter.h"
#include "gateway/common/clock.h"
#include "gateway/common/config.h"
#include "gateway/intake/classifier_handle.h"
#include "storage/store.h"

namespace aduan::gateway {

namespace journal {
class Journal;
}

struct ServerDeps {
  const GatewayConfig* config = nullptr;
  storage::Store* store = nullptr;
  ClassifierHandle* classifier = nullptr;
  channels::EnvLookup env;  // ADUAN_* settings: channel secrets, admin token, public base URL
  Clock clock = SystemNowMs;
  bool run_dispatcher = true;   // send outbox rows in the background while serving
  bool run_sla_scanner = true;  // scan service levels every sla.scan_interval_seconds
  // The intake journal (gateway/journal/), opened by the caller; webhooks are acknowledged
  // once their messages are in it and a processor started by Serve() makes the tickets.
  // nullptr: each webhook runs the intake pipeline itself and waits for the commit.
  journal::Journal* journal = nullptr;
  // The journal's id (IntakeJournalId): each message's transaction records its journal
  // position under it, so a record replayed after a crash makes no second ticket.
  std::string journal_id = "";
};

}  // namespace aduan::gateway

#endif  // ADUAN_GATEWAY_SERVER_DEPS_H_
