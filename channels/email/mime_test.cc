#include "channels/email/mime.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "channels/email/text.h"
#include "channels/test_util.h"
#include "core/message.h"
#include "core/utf8.h"

namespace aduan::channels {
namespace {

using nlohmann::json;
using testing::ReadTestdata;

std::string Eml(const std::string& name) { return ReadTestdata("email/testdata/" + name); }

TEST(MimeTest, QuotedPrintableLatin1Fixture) {
  auto [raw, meta] = testing::LoadFixture("email/testdata/email_qp_latin1", "eml");
  json expected = meta["expected_decoded (python3 email, policy=default)"];
  ParsedEmail email = ParseEmail(raw);
  EXPECT_EQ(email.from.display_name, meta["expected_from_display"]);
  EXPECT_EQ(email.from.address, "andre.w@mail.example.co.id");
  EXPECT_EQ(email.subject, meta["expected_subject"]);
  EXPECT_EQ("<" + email.message_id + ">", expected["message_id"]);
  EXPECT_TRUE(email.in_reply_to.empty());
  // Soft breaks joined, =3D is '=', =20 keeps its space, Latin-1 bytes transcoded.
  EXPECT_EQ(email.text_plain, expected["text_plain"]);
  EXPECT_TRUE(email.text_html.empty());
  EXPECT_TRUE(email.attachments.empty());
  EXPECT_EQ(email.date_ms, 1717377330000);  // 08:15:30 +0700
  // The folded Received header was unfolded into one value.
  std::string received = HeaderValue(email.headers, "received");
  EXPECT_NE(received.find("ESMTPS id 4F1A2B3C4D\tfor <pengaduan"), std::string::npos) << received;

  core::InboundMessage msg = EmailToInboundMessage(email, "mailgun");
  EXPECT_EQ(msg.provider_message_id, "20240603011530.4F1A2B3C4D@mail.example.co.id");
  EXPECT_EQ(msg.sender, "andre.w@mail.example.co.id");
  EXPECT_EQ(msg.text.find("Yth. Bapak/Ibu Petugas Pengaduan,\n\nSaya André Wijaya"), 0u);
  EXPECT_NE(msg.text.find("(skala 1-5) = 5. Suhu badan anak saya 38°C karena diare"),
            std::string::npos);
  EXPECT_EQ(msg.text.find('\r'), std::string::npos);
}

TEST(MimeTest, MultipartAlternativeFixturePrefersPlainAndStripsTheQuote) {
  auto [raw, meta] = testing::LoadFixture("email/testdata/email_multipart_alt", "eml");
  json expected = meta["expected_decoded (python3 email, policy=default)"];
  ParsedEmail email = ParseEmail(raw);
  EXPECT_EQ(email.subject, meta["expected_subject"]);  // two B-words, folding dropped
  EXPECT_EQ(email.from.display_name, meta["expected_from_display"]);
  EXPECT_EQ(email.from.address, "siti.nurhaliza@gmail.com");
  EXPECT_EQ("<" + email.message_id + ">", expected["message_id"]);
  EXPECT_EQ(email.in_reply_to,
            std::vector<std::string>{"tiket-LPR-2024-000123@lapor.example.go.id"});
  EXPECT_EQ(email.text_plain, expected["text_plain"]);                        // base64 then UTF-8
  EXPECT_NE(email.text_html.find("<div dir=\"ltr\">"), std::string::npos);    // QP =3D decoded
  EXPECT_NE(email.text_html.find("sedalam \u00b120 cm"), std::string::npos);  // soft break + =C2=B1
  EXPECT_EQ(email.date_ms, 1717392667000);
  EXPECT_EQ(EmailBodyText(email),
            "Selamat siang,\n\nJalan di depan SDN 3 Cilegon rusak parah sudah 3 bulan tidak "
            "diperbaiki. Lubangnya sekarang\nsedalam \u00b120 cm dan kemarin ada pengendara motor "
            "yang jatuh. Mohon segera ditangani.\n\nSalam,\nSiti Nurhaliza");
  // Without the text/plain part the HTML gives the same words, quote dropped.
  email.text_plain.clear();
  EXPECT_EQ(EmailBodyText(email),
            "Selamat siang,\n\nJalan di depan SDN 3 Cilegon rusak parah sudah 3 bulan tidak "
            "diperbaiki. Lubangnya sekarang sedalam \u00b120 cm dan kemarin ada pengendara motor "
            "yang jatuh. Mohon segera ditangani.\n\nSalam,\nSiti Nurhaliza");
}

TEST(MimeTest, MislabeledLatin1IsReadAsWindows1252) {
  ParsedEmail email = ParseEmail(Eml("email_mislabeled_cp1252.eml"));
  EXPECT_NE(email.text_plain.find("\u201cmampet\u201d lagi \u2013 sudah 2 minggu\u2026"),
            std::string::npos)
      << email.text_plain;
  EXPECT_NE(email.text_plain.find("caf\u00e9"), std::string::npos);
  EXPECT_EQ(email.from.display_name, "Hartono, Budi");
  EXPECT_EQ(email.from.address, "budi.hartono@example.co.id");  // lowercased
  // In-Reply-To first, then References newest first, without duplicates.
  EXPECT_EQ(email.in_reply_to,
            (std::vector<std::string>{"tiket-LPR-2024-000200@lapor.example.go.id",
                                      "ack-LPR-2024-000200@lapor.example.go.id"}));
  // "Sent from my iPhone" and the Outlook original are cut.
  EXPECT_EQ(EmailBodyText(email),
            "Selamat siang,\n\nSaluran di depan rumah saya \u201cmampet\u201d lagi \u2013 sudah 2 "
            "minggu\u2026 Mohon dicek, caf\u00e9 sebelah juga kebanjiran.");
}

TEST(MimeTest, MixedWithNestedAlternativeAndAttachments) {
  std::string raw = Eml("email_multipart_mixed_attachment.eml");
  ASSERT_EQ(raw.find('\r'), std::string::npos);  // LF-only line endings
  ParsedEmail email = ParseEmail(raw);
  EXPECT_EQ(email.from.display_name, "Andr\u00e9 Wijaya");
  EXPECT_EQ(email.text_plain,
            "Jalan di depan SDN 3 berlubang besar, foto terlampir.\n> kutipan lama\n");
  EXPECT_EQ(EmailBodyText(email), "Jalan di depan SDN 3 berlubang besar, foto terlampir.");
  EXPECT_NE(email.text_html.find("<p>Jalan"), std::string::npos);
  ASSERT_EQ(email.attachments.size(), 2u);
  const core::Media& png = email.attachments[0];
  EXPECT_EQ(png.kind, "image");
  EXPECT_EQ(png.mime_type, "image/png");
  EXPECT_EQ(png.filename, "foto jalan rusak \u2013 SDN 3.png");  // RFC 2231 wins
  EXPECT_EQ(png.size_bytes, 72);
  EXPECT_EQ(png.content_id, "foto1@mail.example.co.id");
  EXPECT_EQ(png.reference, "foto1@mail.example.co.id");
  const core::Media& pdf = email.attachments[1];
  EXPECT_EQ(pdf.kind, "file");
  EXPECT_EQ(pdf.filename, "foto jalan rusak \u2013 SDN 3.png");  // from the RFC 2047 name=
  EXPECT_EQ(pdf.size_bytes, 9);
  // Attachments never leak into the text.
  EXPECT_EQ(EmailToInboundMessage(email, "sendgrid").media.size(), 2u);
}

TEST(MimeTest, EncodedWordsSplitInsideACharacter) {
  ParsedEmail email = ParseEmail(Eml("email_split_encoded_words.eml"));
  EXPECT_EQ(email.subject, "Trotoar rusak \u2013 parah \U0001F64F (lanjutan)");
  EXPECT_EQ(email.from.display_name, "Siti Nurhaliza \u2013 RT 02");  // E2 80 | 93
  EXPECT_EQ(email.from.address, "siti@example.id");
  EXPECT_EQ(email.reply_to.address, "siti.kantor@example.id");
  EXPECT_EQ(email.date_ms, 1717572600000);  // 07:30 GMT
  EXPECT_TRUE(email.text_plain.empty());
  // HTML only: entities decoded, style/script/blockquote and the attribution gone.
  EXPECT_EQ(EmailBodyText(email),
            "Trotoar di Jl. Merdeka & Jl. Pahlawan rusak parah.\n\nUkuran lubang \u00b130 cm "
            "\u2013 bahaya <anak-anak>.");
  core::InboundMessage msg = EmailToInboundMessage(email, "mailgun");
  EXPECT_EQ(msg.reply_address, "siti.kantor@example.id");
}

TEST(MimeTest, BrokenInputIsReplacedNeverFatal) {
  ParsedEmail email = ParseEmail(Eml("email_broken.eml"));
  EXPECT_TRUE(core::IsValidUtf8(email.subject));
  EXPECT_EQ(email.subject, "caf\u00e9 \u00ff\u00fe raw");  // unknown charset -> cp1252 fallback
  EXPECT_EQ(email.message_id, "broken-0001@example.id");
  // Each byte of a broken sequence becomes one U+FFFD.
  EXPECT_EQ(email.text_plain, "Air \uFFFD( mati \uFFFD\uFFFD sejak kemarin");
  ASSERT_EQ(email.attachments.size(), 1u);  // the unterminated last part still counts
  EXPECT_EQ(email.attachments[0].filename, "x.bin");
}

TEST(MimeTest, EncodedWordRules) {
  EXPECT_EQ(DecodeEncodedWords("=?ISO-8859-1?Q?Andr=E9_Wijaya?="), "Andr\u00e9 Wijaya");
  // Whitespace between adjacent encoded words is dropped, but not between a word and text.
  EXPECT_EQ(DecodeEncodedWords("=?UTF-8?Q?a?=  \r\n =?UTF-8?Q?b?= c =?UTF-8?Q?d?="), "ab c d");
  // Different charsets are decoded separately and then joined.
  EXPECT_EQ(DecodeEncodedWords("=?iso-8859-1?Q?=E9?= =?utf-8?B?w6k=?="), "\u00e9\u00e9");
  // Lowercase encoding letter and RFC 2231 language suffix.
  EXPECT_EQ(DecodeEncodedWords("=?utf-8*id?q?Jalan_rusak?="), "Jalan rusak");
  // Not encoded words: left as text.
  EXPECT_EQ(DecodeEncodedWords("=?UTF-8?X?abc?= and =? lone"), "=?UTF-8?X?abc?= and =? lone");
  EXPECT_EQ(DecodeEncodedWords("=?UTF-8?Q?unterminated"), "=?UTF-8?Q?unterminated");
  EXPECT_EQ(DecodeEncodedWords("plain caf\xe9"), "plain caf\u00e9");
}

TEST(MimeTest, AddressForms) {
  EmailAddress a = ParseAddress("\"Siti Nurhaliza (warga)\" <Siti@Gmail.com>");
  EXPECT_EQ(a.display_name, "Siti Nurhaliza (warga)");
  EXPECT_EQ(a.address, "siti@gmail.com");
  EmailAddress b = ParseAddress("budi@example.id (Budi S)");
  EXPECT_EQ(b.display_name, "Budi S");
  EXPECT_EQ(b.address, "budi@example.id");
  EmailAddress c = ParseAddress("<only@example.id>");
  EXPECT_EQ(c.display_name, "");
  EXPECT_EQ(c.address, "only@example.id");
  EmailAddress d = ParseAddress("\"Tricky <not@this>\" <real@example.id>");
  EXPECT_EQ(d.address, "real@example.id");
  EXPECT_EQ(ParseAddress("").address, "");
}

TEST(MimeTest, MessageIdLists) {
  EXPECT_EQ(ParseMessageIds("<a@x> <b@y>\r\n\t<c@z>"),
            (std::vector<std::string>{"a@x", "b@y", "c@z"}));
  EXPECT_EQ(ParseMessageIds("bare@x, other@y"), (std::vector<std::string>{"bare@x", "other@y"}));
  EXPECT_TRUE(ParseMessageIds("").empty());
}

TEST(MimeTest, QuotedPrintableRules) {
  EXPECT_EQ(DecodeQuotedPrintable("a=3Db=\r\nc=20\r\nd"), "a=bc \r\nd");
  EXPECT_EQ(DecodeQuotedPrintable("trailing pad   \nx"), "trailing pad\nx");
  EXPECT_EQ(DecodeQuotedPrintable("bad =ZZ and =4"), "bad =ZZ and =4");
  EXPECT_EQ(DecodeQuotedPrintable("soft with pad= \nnext"), "soft with padnext");
}

TEST(MimeTest, CrlfAndLfBoundariesAndCaseInsensitiveHeaders) {
  std::string lf =
      "message-id: <x@y>\nCONTENT-TYPE: Multipart/Alternative; BOUNDARY=zz\n\n--zz\ncontent-type: "
      "text/plain\n\nhalo\n--zz--\n";
  std::string crlf;
  for (char c : lf) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  for (const std::string& raw : {lf, crlf}) {
    ParsedEmail email = ParseEmail(raw);
    EXPECT_EQ(email.message_id, "x@y");
    EXPECT_EQ(EmailBodyText(email), "halo");
  }
}

// Found by tests/fuzz/sendgrid_fuzz.cc: a stray byte in a part's Content-Type went into the
// attachment's mime_type as sent, against this parser's promise of UTF-8 only.
TEST(MimeTest, AttachmentTypeWithStrayBytesIsReplaced) {
  ParsedEmail email = ParseEmail(
      "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nhalo\n"
      "--b\nContent-Type: text/html\xee; charset=UTF-8\n\n<p>x</p>\n--b--\n");
  ASSERT_EQ(email.attachments.size(), 1u);
  EXPECT_EQ(email.attachments[0].mime_type, "text/html\uFFFD");
}

TEST(MimeTest, DeepNestingAndHugeInputDoNotBlowUp) {
  std::string raw = "Content-Type: multipart/mixed; boundary=b0\n\n";
  for (int i = 0; i < 200; ++i) {
    raw += "--b" + std::to_string(i) + "\nContent-Type: multipart/mixed; boundary=b" +
           std::to_string(i + 1) + "\n\n";
  }
  raw += "--b200\nContent-Type: text/plain\n\ndalam\n";
  ParsedEmail nested = ParseEmail(raw);  // must return, whatever it extracts
  EXPECT_TRUE(core::IsValidUtf8(nested.text_plain));
  std::string big = "Subject: besar\n\n" + std::string(5'000'000, 'x');
  EXPECT_EQ(ParseEmail(big).text_plain.size(), 5'000'000u);
}

TEST(TextTest, ReplyAttributionsAndSignatures) {
  EXPECT_EQ(StripQuotedReply(
                "Halo\r\n\r\nOn Mon, Jun 3, 2024 at 9:00 AM Admin <a@b>\r\nwrote:\r\n> lama"),
            "Halo");
  EXPECT_EQ(StripQuotedReply("Isi laporan\n-- \nBudi\n0812"), "Isi laporan");
  EXPECT_EQ(StripQuotedReply("Isi\n\nDikirim dari Yahoo Mail di Android"), "Isi");
  EXPECT_EQ(StripQuotedReply("Isi\n________________________________\nFrom: x"), "Isi");
  EXPECT_EQ(StripQuotedReply("Atas\n> kutip\nBawah"), "Atas\nBawah");
  // "Pada ..." that is not an attribution stays.
  EXPECT_EQ(StripQuotedReply("Pada hari Senin jalan banjir.\n\nmohon dicek"),
            "Pada hari Senin jalan banjir.\n\nmohon dicek");
}

TEST(TextTest, HtmlEntitiesAndBlocks) {
  EXPECT_EQ(HtmlToText("<p>a&amp;b</p><p>c&#x2013;d &#233; &unknown; &#0;</p>"),
            "a&b\n\nc\u2013d \u00e9 &unknown; \uFFFD");
  EXPECT_EQ(HtmlToText("<ul><li>satu</li><li>dua</li></ul><!-- <p>x</p> -->"), "satu\ndua");
  EXPECT_EQ(HtmlToText("<table><tr><td>a</td><td>b</td></tr></table>"), "a b");
  EXPECT_EQ(HtmlToText("unclosed <b"), "unclosed");
}

}  // namespace
}  // namespace aduan::channels
