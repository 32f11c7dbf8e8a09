// Charset decoding for the channels: every string an adapter hands the gateway is valid UTF-8,
// whatever the provider sent. Walking UTF-8 itself (validating, cutting) is core/utf8.h.
#ifndef ADUAN_CHANNELS_CHARSET_H_
#define ADUAN_CHANNELS_CHARSET_H_

#include <string>
#include <string_view>

namespace aduan::channels {

// Converts bytes in the charset named by `label` (a MIME/HTTP charset name, any case) to UTF-8.
// Known: UTF-8, US-ASCII, ISO-8859-1/Latin-1, Windows-1252, ISO-8859-15. Following the WHATWG
// Encoding Standard, US-ASCII and ISO-8859-1 labels decode as Windows-1252, because Outlook and
// friends put 0x91-0x97 curly quotes and dashes in text they label Latin-1. An empty or unknown
// label is read as UTF-8 when the bytes are valid UTF-8, else as Windows-1252. Every other label
// glibc's iconv knows is decoded by iconv (GBK/GB2312 as GB18030, Shift_JIS as CP932,
// ISO-2022-JP as ISO-2022-JP-2, the supersets mail clients really send), and unlabelled bytes
// with ISO-2022-JP escape sequences are read as ISO-2022-JP, so no ESC byte survives. Bytes
// iconv cannot read become U+FFFD. Never fails.
std::string ToUtf8(std::string_view bytes, std::string_view label);

}  // namespace aduan::channels

#endif  // ADUAN_CHANNELS_CHARSET_H_
