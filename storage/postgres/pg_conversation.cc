// Issue 5's Store methods on PostgreSQL: declared so the merge of main builds; they refuse
// until the port that follows this merge implements them.
#include "storage/postgres/pg_store_internal.h"

namespace aduan::storage {
namespace {
[[noreturn]] void NotYet(const char* method) {
  throw StoreError(std::string("postgresql: ") + method + " is not ported yet");
}
}  // namespace

std::optional<ConversationRecord> PgStore::GetConversation(const std::string&, const std::string&) {
  NotYet("GetConversation");
}
int64_t PgStore::CountMessagesSince(const std::string&, const std::string&, int64_t) {
  NotYet("CountMessagesSince");
}
std::vector<TicketRecord> PgStore::FindTickets(const RecentTicketQuery&) { NotYet("FindTickets"); }
void PgStore::PutCadre(const CadreRecord&) { NotYet("PutCadre"); }
std::optional<CadreRecord> PgStore::FindCadre(const std::string&, const std::string&) {
  NotYet("FindCadre");
}
std::vector<CadreRecord> PgStore::ListCadres() { NotYet("ListCadres"); }

}  // namespace aduan::storage
