// Converts Reuters-21578 SGML to JSON Lines that `dyad ingest` reads (id, published, title,
// text), for whole-pipeline runs on a real dated corpus.
//
//   build/reuters_to_jsonl ../shared/corpora/reuters21578 > reuters.jsonl
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "corpus.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s REUTERS21578_DIR > out.jsonl\n", argv[0]);
    return 1;
  }
  auto docs = dyad::bench::LoadReuters(argv[1]);
  if (docs.empty()) {
    std::fprintf(stderr, "%s: no reut2-*.sgm stories found\n", argv[1]);
    return 1;
  }
  for (const auto& d : docs) {
    nlohmann::json j = {{"id", "reuters-" + d.id},
                        {"published", d.date},
                        {"title", d.title},
                        {"source", "Reuters"},
                        {"text", d.text}};
    std::cout << j.dump() << '\n';
  }
  std::fprintf(stderr, "%zu stories\n", docs.size());
  return 0;
}
