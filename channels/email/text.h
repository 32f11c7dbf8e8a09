// Turning an email body into the complaint text a resident wrote.
#ifndef ADUAN_CHANNELS_EMAIL_TEXT_H_
#define ADUAN_CHANNELS_EMAIL_TEXT_H_

#include <string>
#include <string_view>

namespace aduan::channels {

// HTML to plain text: tags dropped, block elements and <br> become line breaks, entities decoded,
// <script>/<style>/<head> and quoted replies (<blockquote>) left out, whitespace collapsed.
std::string HtmlToText(std::string_view html);

// Cuts what follows the resident's own text: the first reply attribution (Gmail's Indonesian
// "Pada <tanggal> ... menulis:" and English "On <date> ... wrote:", either may wrap onto the next
// lines), an Outlook "-----Original Message-----" / "-----Pesan Asli-----" or underscore
// separator, a "-- " signature delimiter, or a client footer ("Dikirim dari ...",
// "Sent from my ..."). Remaining '>' quoted lines are dropped. Line endings become '\n' and the
// result is trimmed.
std::string StripQuotedReply(std::string_view text);

}  // namespace aduan::channels

#endif  // ADUAN_CHANNELS_EMAIL_TEXT_H_
