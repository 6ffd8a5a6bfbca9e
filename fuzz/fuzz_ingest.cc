// Outside input end to end through the text stages: the text, JSON Lines, HTML and WARC
// readers (the first byte picks the reader; gzip is detected from content; HTML goes through
// main-text extraction), the cleaner, the sentence splitter and the tokenizer. Checks that every span stays inside its text and that the
// offset map stays inside the original.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/clean.h"
#include "dyad/diagnostics.h"
#include "dyad/ingest.h"
#include "dyad/text.h"
#include "fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const char* const kNames[] = {"fuzz.txt", "fuzz.jsonl", "fuzz.html", "fuzz.warc"};
  const char* name = kNames[data[0] % 4];
  std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  dyad::CountingSink diag(nullptr);
  dyad::IngestOptions opt;
  opt.max_record_bytes = 1 << 20;
  static const dyad::SentenceSplitter splitter;
  std::vector<dyad::Span> sentences;
  std::vector<dyad::Token> tokens;
  (void)dyad::ReadBuffer(
      name, bytes, opt,
      [&](dyad::SourceRecord&& r) {
        DYAD_FUZZ_CHECK(r.body_offset <= r.original.size());
        dyad::CleanedText c = dyad::Clean(r.original, r.body_offset);
        for (uint32_t i = 0; i <= c.text.size(); i += 7) {
          DYAD_FUZZ_CHECK(c.map.ToOriginal(i) <= r.original.size());
          DYAD_FUZZ_CHECK(c.map.ToOriginalEnd(i) <= r.original.size());
        }
        sentences.clear();
        splitter.Split(c.text, &sentences);
        uint32_t prev_end = 0;
        for (const auto& s : sentences) {
          DYAD_FUZZ_CHECK(s.begin < s.end && s.end <= c.text.size());
          DYAD_FUZZ_CHECK(s.begin >= prev_end);
          prev_end = s.end;
          tokens.clear();
          std::string_view sv(c.text.data() + s.begin, s.end - s.begin);
          dyad::Tokenize(sv, &tokens, s.begin);
          for (const auto& t : tokens) DYAD_FUZZ_CHECK(t.begin < t.end && t.end <= s.end);
        }
        return dyad::Status::OK();
      },
      diag);
  return 0;
}
