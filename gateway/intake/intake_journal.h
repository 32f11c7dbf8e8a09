// Where a gateway keeps its intake journal and how it is opened from configuration.
#ifndef ADUAN_GATEWAY_INTAKE_JOURNAL_H_
#define ADUAN_GATEWAY_INTAKE_JOURNAL_H_

#include <memory>
#include <string>

#include "gateway/common/clock.h"
#include "gateway/common/config.h"
#include "gateway/intake/intake.h"
#include "gateway/intake/journal/journal.h"

namespace aduan::gateway {

// The journal directory for `storage_url`: intake.journal_dir when set, else
// "<sqlite file>.journal" beside a SQLite database; "" when there is none to use (journal off,
// or PostgreSQL without intake.journal_dir: instances sharing a database must each name
// their own directory, so none is guessed).
std::string JournalDirFor(const GatewayConfig& config, const std::string& storage_url);

// Opens the journal JournalDirFor() names. nullptr with *error empty: no journal (intake is
// synchronous); nullptr with *error set: it could not be opened (the gateway must not start,
// since what it would acknowledge could not be kept).
std::unique_ptr<journal::Journal> OpenIntakeJournal(const GatewayConfig& config,
                                                    const std::string& storage_url, Clock clock,
                                                    std::string* error);

// The id of the journal in `dir` (which Open() created and holds): read from its file
// "journal-id", or drawn at random and written there (synced) when the directory has none.
// It names the journal in the database's record of what was stored from it, so a new
// directory is a new journal and two instances never share an id. "" with *error set when the
// file cannot be read or written.
std::string IntakeJournalId(const std::string& dir, std::string* error);

}  // namespace aduan::gateway

#endif  // ADUAN_GATEWAY_INTAKE_JOURNAL_H_
