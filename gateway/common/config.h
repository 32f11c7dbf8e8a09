// The gateway's configuration: config/aduan.json (comments allowed) plus the data files it
// names (agencies, reply templates, classifier rules). Secrets never live here: they come
// from the environment variables listed in README.md.
#ifndef ADUAN_GATEWAY_CONFIG_H_
#define ADUAN_GATEWAY_CONFIG_H_

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "classifier/classifier.h"
#include "gateway/common/working_days.h"
#include "storage/store.h"

namespace aduan::gateway {

// Service-level targets in working days (SP4N-LAPOR!'s chain by default).
struct SlaTargets {
  int route_days = 3;        // a new ticket verified and routed (or the triage desk is late)
  int response_days = 5;     // the agency's first response after routing
  int auto_close_days = 10;  // a resolved ticket closes this long after the last response
};

struct AgencyConfig {
  std::string code;  // "PUPR"; what the classifier emits and agency keys are bound to
  std::string name;  // "Dinas Pekerjaan Umum dan Penataan Ruang", shown to residents
  // Optional: where newly routed tickets are POSTed (its secret is the environment
  // variable ADUAN_PUSH_SECRET_<CODE>), the inspectorate overdue tickets escalate to, and
  // this agency's own targets (defaults: sla.* in aduan.json).
  std::string push_url;
  std::string inspektorat;
  SlaTargets sla;
};

struct SlaConfig {
  SlaTargets defaults;
  // Working days past a missed target at which each escalation step fires, in chain order:
  // the agency itself, its Inspektorat, the operator.
  std::vector<int> escalation_after_days = {0, 2, 5};
  int scan_interval_seconds = 300;  // 0 disables the background scanner
  // Where the operator is told (once) that a ticket reached them; empty: the log only.
  std::string operator_channel;
  std::string operator_address;
  WorkingCalendar calendar;
};

// Reply texts by key ("ack", "ack_triage", "urgent_note", ...), with {ticket}-style fields.
using ReplyTemplates = std::map<std::string, std::string>;

struct GatewayConfig {
  std::string path;  // the file this came from, for messages

  std::string listen = "127.0.0.1:8080";
  std::string storage_url = "sqlite:data/aduan.db";
  int storage_max_batch = 256;
  int storage_pool_size = 8;  // PostgreSQL read connections per instance (plus one writer)
  // PostgreSQL deadlines (see storage::StoreOptions): a frozen database costs a request this
  // long, then 503.
  int storage_connect_timeout_ms = 2000;
  int storage_statement_timeout_ms = 3000;

  storage::StoreOptions StoreOptions() const;

  // Workers run whole requests only (the connection front reads them, http_front.h). Requests
  // wait on the group commit, and a batch is as large as the requests in flight, so size the
  // pool for the concurrent requests expected, not the core count.
  int http_threads = 256;
  // Threads that read requests (http_front.h); 0: one per core.
  int http_event_threads = 0;
  size_t max_body_bytes = 1 << 20;
  // Webhooks of channels that carry attachments (email) take bodies up to this; mail
  // providers post messages of up to 25 MiB.
  size_t max_email_body_bytes = 25 << 20;
  int keep_alive_seconds = 5;
  int keep_alive_max_requests = 10000;
  int read_timeout_seconds = 10;    // a response write that makes no progress for this long
  int header_timeout_seconds = 10;  // a request's first byte to the end of its headers
  int body_timeout_seconds = 60;    // the end of the headers to the last body byte
  int max_connections = 4096;
  // Behind a reverse proxy every client has the proxy's address: raise this there.
  int max_connections_per_address = 512;

  size_t max_text_chars = 4000;

  int default_lease_seconds = 60;
  int max_lease_seconds = 3600;
  int max_lease_batch = 100;
  int max_abandoned_leases = 5;  // a ticket leased more often without an ack is flagged

  SlaConfig sla;

  // Conversations and cadres: the "conversation" section of aduan.json.
  struct Conversation {
    int followup_window_seconds = 300;   // a photo or more text this soon joins the last ticket
    int duplicate_window_seconds = 600;  // the same text again this soon is the same complaint
    int location_wait_seconds = 3600;    // how long the answer to "where is it?" is awaited
    int rate_limit_messages = 20;        // per sender within rate_limit_window_seconds
    int rate_limit_window_seconds = 600;
    std::vector<std::string> place_agencies = {"PUPR",     "DLH", "DISHUB", "PERKIM",
                                               "SATPOLPP", "PLN", "PDAM",   "KEWILAYAHAN"};
    int link_window_hours = 72;  // complaints this recent may be linked as "the same thing"
    int link_min_shared_terms = 3;
    int link_radius_meters = 250;  // when both complaints carry coordinates
    std::string cadres_path;       // optional file of cadres, put into storage at start
    struct Cadre {
      std::string id, channel, sender, name, area;
      bool active = true;
    };
    std::vector<Cadre> cadres;  // read from cadres_path
  } conversation;

  // Photos and documents residents send (gateway/media_worker.h).
  struct Media {
    size_t max_file_bytes = size_t{16} << 20;  // a larger file is recorded, not kept: "unavailable"
    size_t max_ticket_bytes = size_t{64} << 20;  // all files kept for one ticket together
    int max_attempts = 6;            // fetch tries before the row is dead ("unavailable")
    int fetch_timeout_seconds = 20;  // per provider call
  } media;
  // The intake journal (README "Intake journal"): a webhook is answered once its messages are
  // on local disk; a processor turns them into tickets behind it.
  struct Intake {
    bool journal = true;      // false: each webhook runs the pipeline and waits for the commit
    std::string journal_dir;  // "": "<sqlite file>.journal"; PostgreSQL needs one per instance
    size_t journal_max_bytes = size_t{1} << 30;  // full: webhooks get 503 with Retry-After
    size_t journal_segment_bytes = size_t{8} << 20;
    // Segment files are written full of zeros before records go in, so a sync flushes data
    // only. false for a copy-on-write file system (btrfs, ZFS), where rewriting in place is a
    // new allocation anyway and the zeros would only double the writes.
    bool journal_prewrite = true;
    // A message its own request makes into a ticket is answered from the commit; its journal
    // record may wait this long for a sync it shares with others (0: synced at once).
    int journal_lazy_sync_ms = 10;
    int reply_wait_ms = 1000;     // the generic webhook waits this long for its ticket, else 202
    int provider_wait_ms = 1000;  // other webhooks wait this long, then 200 (the message is safe)
    int batch_records = 256;      // records the processor takes at once
    int lanes = 16;               // senders processed in parallel within a batch
    // How the processor's threads are scheduled beside the request threads.
    enum class ProcessorPriority {
      kIdle,    // only CPU the request threads leave (SCHED_IDLE): acknowledgements first
      kLow,     // nice +10: under load about a tenth of a request thread's share (default)
      kNormal,  // the same as the request threads
    };
    ProcessorPriority processor_priority = ProcessorPriority::kLow;
  } intake;

  classifier::ClassifierOptions classifier;
  std::vector<AgencyConfig> agencies;
  ReplyTemplates replies;

  const AgencyConfig* FindAgency(const std::string& code) const;
};

// Loads and validates `path`. On any problem returns nullopt and sets *error to one line that
// names the file, the place in it and the problem, e.g.
//   config/aduan.json: http.threads: must be an integer from 1 to 4096, got "many"
std::optional<GatewayConfig> LoadConfig(const std::string& path, std::string* error);

// The default --config: config/aduan.json under the working directory.
std::string DefaultConfigPath();

}  // namespace aduan::gateway

#endif  // ADUAN_GATEWAY_CONFIG_H_
