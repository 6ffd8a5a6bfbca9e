// Coding one article: the work CodeStore's workers do, also done ahead by `dyad run` while it
// ingests the article (src/pipeline/run_ahead.h), so that both give the same events.
#ifndef DYAD_CODING_CODE_ARTICLE_H_
#define DYAD_CODING_CODE_ARTICLE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "dyad/geo.h"
#include "dyad/store.h"
#include "dyad/tabari.h"

namespace dyad::tabari {

// What coding an article gives, before its events are merged into the store.
struct CodedArticle {
  int64_t article_id = 0;
  std::vector<EventRow> rows;               // in sentence order; event_set_id left 0
  std::vector<std::string> sentence_texts;  // to compare with other articles
  int64_t sentences = 0, discarded = 0, complex = 0;
};

// Whether an article is in a language the dictionaries code: English, or not stated (metadata
// "language", from CLD2 for HTML pages or the input's own field).
bool CodedLanguage(const std::string& metadata_json);

// Codes the sentences of `article` (id, published, metadata and text are read), dates its
// events from the article's date expressions and places them with `gazetteer` (null: events
// are not located). The rows name `article.id` and each sentence's `id`; the sentences' texts
// move into `sentence_texts`. Safe to call from several threads at once.
CodedArticle CodeArticle(const DictionarySet& dicts, const geo::Gazetteer* gazetteer,
                         const ArticleRow& article, std::vector<SentenceRow>& sentences);

}  // namespace dyad::tabari

#endif  // DYAD_CODING_CODE_ARTICLE_H_
