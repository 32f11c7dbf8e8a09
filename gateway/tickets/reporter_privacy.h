// What an agency may read of a confidential (ANONIM) reporter: nothing that identifies them.
//
// Every text that leaves aduan for an agency or an external desk (the complaint, follow-ups,
// event notes, the escalation export) goes through AgencyVisibleText(). For a confidential
// ticket it cuts the reporter's name (whole, and each of its words alone: a follow-up says
// "saya Budi" as often as "Budi Santoso"), their sender address, and every phone number
// however it is spelled ("0812 3456 7891", "+62 812-3456-7891", "62812.3456.7891"); for every
// ticket it masks 16-digit NIKs (the masking itself is core/privacy.h). Pure functions,
// thread-safe.
#ifndef ADUAN_GATEWAY_REPORTER_PRIVACY_H_
#define ADUAN_GATEWAY_REPORTER_PRIVACY_H_

#include <string>
#include <string_view>

#include "storage/records.h"

namespace aduan::gateway {

// `text` as an agency may read it for ticket `t` (see the file comment).
std::string AgencyVisibleText(std::string_view text, const storage::TicketRecord& t);

}  // namespace aduan::gateway

#endif  // ADUAN_GATEWAY_REPORTER_PRIVACY_H_
