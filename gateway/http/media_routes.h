// Media in the agency API:
//   GET /api/v1/tickets/{id}/media/{media_id}: the stored bytes, with their sniffed
//     Content-Type, Content-Disposition (inline for images, attachment otherwise) and
//     X-Content-Type-Options: nosniff; only to the agency owning the ticket and operators,
//     404 for anyone else and for ids that do not belong together; 409 while the file is
//     pending or after it became unavailable.
//   GET /api/v1/media?status=unavailable (operators): files given up on, newest first.
#ifndef ADUAN_GATEWAY_MEDIA_ROUTES_H_
#define ADUAN_GATEWAY_MEDIA_ROUTES_H_

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <string>

#include "storage/store.h"

namespace aduan::gateway {

// Answers the bytes of `ticket`'s media `media_id` (headers as above), or 409 when it has none
// yet or anymore; false, with nothing written, when the ticket has no such media. The caller
// has already decided that the asker may see the ticket.
bool ServeTicketMedia(storage::Store& store, const storage::TicketRecord& ticket,
                      const std::string& media_id, httplib::Response& res);

// The "media" list of GET /api/v1/tickets/{id}: [{"id","content_type","bytes","sha256",
// "message_id","status"}], oldest first.
nlohmann::json TicketMediaJson(storage::Store& store, const std::string& ticket_id);

}  // namespace aduan::gateway

#endif  // ADUAN_GATEWAY_MEDIA_ROUTES_H_
