#include "gateway/http/request_framing.h"

#include <gtest/gtest.h>

#include <string>

namespace aduan::gateway {
namespace {

using Step = RequestFramer::Step;

RequestFramer Framer(size_t limit = 1000) {
  return RequestFramer(8192, [limit](std::string_view, std::string_view path) {
    return path == "/big" ? limit * 10 : limit;
  });
}

TEST(RequestFramingTest, ContentLengthRequestIsCompleteOnceItsBodyIsIn) {
  RequestFramer f = Framer();
  std::string in = "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhel";
  EXPECT_EQ(f.Advance(&in, false), Step::kNeedMore);
  EXPECT_TRUE(f.reading_body());
  in += "loGET";  // the rest of the body and the start of a pipelined request
  ASSERT_EQ(f.Advance(&in, false), Step::kComplete);
  EXPECT_EQ(f.TakeRequest(), "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
  EXPECT_EQ(in, "GET");
  EXPECT_FALSE(f.started());
}

TEST(RequestFramingTest, ChunkedBodyIsDecodedAndReframed) {
  RequestFramer f = Framer();
  std::string in =
      "POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
      "4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\nTrailer: x\r\n\r\n";
  ASSERT_EQ(f.Advance(&in, false), Step::kComplete);
  EXPECT_EQ(f.TakeRequest(), "POST /a HTTP/1.1\r\nContent-Length: 9\r\n\r\nWikipedia");
  EXPECT_TRUE(in.empty());
}

TEST(RequestFramingTest, ChunkedBodyArrivingByteByByteIsStillFramed) {
  RequestFramer f = Framer();
  std::string all = "POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n";
  std::string in;
  Step last = Step::kNeedMore;
  for (char c : all) {
    in.push_back(c);
    last = f.Advance(&in, false);
    if (last != Step::kNeedMore) break;
  }
  ASSERT_EQ(last, Step::kComplete);
  EXPECT_NE(f.TakeRequest().find("Content-Length: 3\r\n\r\nabc"), std::string::npos);
}

TEST(RequestFramingTest, ChunkedBodyOverThePathLimitIsRefusedBeforeItIsRead) {
  RequestFramer f = Framer(100);
  std::string in = "POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4000000\r\n";
  ASSERT_EQ(f.Advance(&in, false), Step::kError);
  EXPECT_EQ(f.error().status, 413);
  EXPECT_EQ(f.error().code, "body_too_large");
}

TEST(RequestFramingTest, ManySmallChunksAddUpToTheLimit) {
  RequestFramer f = Framer(10);
  std::string in = "POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 11; ++i) in += "1\r\nx\r\n";
  ASSERT_EQ(f.Advance(&in, false), Step::kError);
  EXPECT_EQ(f.error().status, 413);
}

TEST(RequestFramingTest, EachPathHasItsOwnLimit) {
  RequestFramer f = Framer(100);
  std::string in = "POST /big HTTP/1.1\r\nContent-Length: 900\r\n\r\n";
  EXPECT_EQ(f.Advance(&in, false), Step::kNeedMore);
  RequestFramer g = Framer(100);
  std::string small = "POST /small?x=1 HTTP/1.1\r\nContent-Length: 900\r\n\r\n";
  EXPECT_EQ(g.Advance(&small, false), Step::kError);
  EXPECT_EQ(g.error().status, 413);
}

TEST(RequestFramingTest, AbsurdOrNegativeLengthsAreRefusedAtOnce) {
  for (std::string length : {"99999999999", "-5", "12abc", "", "1 2"}) {
    RequestFramer f = Framer();
    std::string in = "POST /a HTTP/1.1\r\nContent-Length: " + length + "\r\n\r\n";
    ASSERT_EQ(f.Advance(&in, false), Step::kError) << length;
    EXPECT_TRUE(f.error().status == 400 || f.error().status == 413) << length;
  }
}

TEST(RequestFramingTest, ConflictingFramingIsRefused) {
  for (std::string headers :
       {"Content-Length: 3\r\nTransfer-Encoding: chunked\r\n",
        "Content-Length: 3\r\nContent-Length: 4\r\n", "Transfer-Encoding: gzip, chunked\r\n"}) {
    RequestFramer f = Framer();
    std::string in = "POST /a HTTP/1.1\r\n" + headers + "\r\nabc";
    ASSERT_EQ(f.Advance(&in, false), Step::kError) << headers;
    EXPECT_NE(f.error().status, 200);
  }
}

TEST(RequestFramingTest, PostWithoutLengthHasAnEmptyBody) {
  // curl -X POST with no -d sends neither Content-Length nor a body.
  RequestFramer f = Framer();
  std::string in = "POST /api/v1/queue/lease HTTP/1.1\r\nHost: x\r\n\r\n";
  ASSERT_EQ(f.Advance(&in, false), Step::kComplete);
  EXPECT_NE(f.TakeRequest().find("Content-Length: 0\r\n\r\n"), std::string::npos);
}

TEST(RequestFramingTest, ExpectContinueIsReportedAndNotPassedOn) {
  RequestFramer f = Framer();
  std::string in = "POST /a HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n";
  ASSERT_EQ(f.Advance(&in, false), Step::kExpectContinue);
  in += "ok";
  ASSERT_EQ(f.Advance(&in, false), Step::kComplete);
  std::string request = f.TakeRequest();
  EXPECT_EQ(request.find("Expect"), std::string::npos);
  EXPECT_NE(request.find("\r\n\r\nok"), std::string::npos);
}

TEST(RequestFramingTest, OversizedHeadersAre431) {
  RequestFramer f = Framer();
  std::string in = "GET / HTTP/1.1\r\nX: " + std::string(9000, 'a');
  ASSERT_EQ(f.Advance(&in, false), Step::kError);
  EXPECT_EQ(f.error().status, 431);
}

TEST(RequestFramingTest, BrokenRequestLinesAndHeadersAre400) {
  for (std::string head :
       {"GARBAGE\r\n\r\n", "GET /\r\n\r\n", "GET / HTTP/2.0\r\n\r\n",
        "GET / HTTP/1.1\r\nNoColon\r\n\r\n", "GET / HTTP/1.1\r\nA: b\r\n folded\r\n\r\n"}) {
    RequestFramer f = Framer();
    std::string in = head;
    ASSERT_EQ(f.Advance(&in, false), Step::kError) << head;
    EXPECT_EQ(f.error().status, 400) << head;
  }
}

TEST(RequestFramingTest, EndOfStreamInsideARequestIsAnError) {
  RequestFramer f = Framer();
  std::string in = "POST /a HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc";
  EXPECT_EQ(f.Advance(&in, true), Step::kError);
  RequestFramer g = Framer();
  std::string nothing;
  EXPECT_EQ(g.Advance(&nothing, true), Step::kNeedMore);  // a clean close between requests
  EXPECT_FALSE(g.started());
}

TEST(RequestFramingTest, CompleteRequestFollowedByEndOfStreamIsStillComplete) {
  // A client that half-closes after sending still gets its answer.
  RequestFramer f = Framer();
  std::string in = "POST /a HTTP/1.1\r\nContent-Length: 2\r\n\r\nok";
  EXPECT_EQ(f.Advance(&in, true), Step::kComplete);
}

}  // namespace
}  // namespace aduan::gateway
