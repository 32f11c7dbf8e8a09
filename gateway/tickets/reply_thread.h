// How every message aduan sends about a ticket joins the resident's own conversation: email
// replies carry In-Reply-To, References and the ticket number in the subject; Twilio replies
// leave from the number the resident wrote to. The first message of a ticket leaves its thread
// facts on the ticket (details "thread"), so notifications sent days later thread the same way
// as the acknowledgement did.
#ifndef ADUAN_GATEWAY_REPLY_THREAD_H_
#define ADUAN_GATEWAY_REPLY_THREAD_H_

#include <nlohmann/json.hpp>
#include <string>

#include "core/message.h"
#include "storage/records.h"

namespace aduan::gateway {

// True for the channels whose replies are emails.
bool IsEmailChannel(const std::string& channel);

// "Re: <subject> [ADU-...]": any stack of reply prefixes the subject already has ("Re: re:",
// "RE[2]:", "Aw:", "Balas:") becomes one "Re: ", and the ticket number is added once.
std::string ReplySubject(const std::string& subject, const std::string& ticket);

// The thread facts of an inbound message: {"message_id", "references" (oldest first),
// "subject", "our_address"}, only the members that are set.
nlohmann::json ThreadOf(const core::InboundMessage& in);

// Outbox details for a message on `channel` answering the thread `thread` (as ThreadOf made
// it) about `ticket`: in_reply_to, references and subject for email, our_address for all.
nlohmann::json ReplyDetails(const nlohmann::json& thread, const std::string& channel,
                            const std::string& ticket);

// ReplyDetails for a notification about `ticket` to (channel, address): the ticket's stored
// thread when the address is the one that wrote it; else only the subject for email.
nlohmann::json NotificationDetails(const storage::TicketRecord& ticket, const std::string& channel,
                                   const std::string& address);

}  // namespace aduan::gateway

#endif  // ADUAN_GATEWAY_REPLY_THREAD_H_
