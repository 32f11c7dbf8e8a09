// Issue 6's Store methods on PostgreSQL: declared so the merge of main builds; they refuse
// until the port that follows this merge implements them.
#include "storage/postgres/pg_store_internal.h"

namespace aduan::storage {
namespace {
[[noreturn]] void NotYet(const char* method) {
  throw StoreError(std::string("postgresql: ") + method + " is not ported yet");
}
}  // namespace

ChangeOutcome PgStore::ChangeTicket(const TicketChange&) { NotYet("ChangeTicket"); }
std::vector<TicketRecord> PgStore::ListTickets(const TicketQuery&) { NotYet("ListTickets"); }
std::vector<QueueEntryRecord> PgStore::ListQueueEntries(int, int) { NotYet("ListQueueEntries"); }
std::vector<ApiKeyRecord> PgStore::ListApiKeys() { NotYet("ListApiKeys"); }
bool PgStore::RevokeApiKey(const std::string&, int64_t) { NotYet("RevokeApiKey"); }

}  // namespace aduan::storage
