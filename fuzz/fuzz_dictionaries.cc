// The dictionary parsers on arbitrary text: TABARI actors, agents, verbs and options, and
// PETRARCH-2 actors, agents, verbs and discards (the first byte picks the parser). Bad lines
// must be reported and skipped, never crash; a parsed verbs file is then used to code a
// sentence.
#include <cstdint>
#include <string>
#include <string_view>

#include "coding/petrarch_dict.h"
#include "coding/tabari_dict.h"
#include "dyad/diagnostics.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  dyad::CountingSink diag(nullptr);
  dyad::tabari::Dictionaries d;
  dyad::tabari::Options o;
  dyad::tabari::Reader tabari(diag, false);
  dyad::petrarch::Reader petrarch(diag, false);
  switch (data[0] % 8) {
    case 0:
      (void)tabari.ReadActorsText("fuzz.actors", text, &d);
      break;
    case 1:
      (void)tabari.ReadAgentsText("fuzz.agents", text, &d);
      break;
    case 2:
      (void)tabari.ReadVerbsText("fuzz.verbs", text, &d);
      break;
    case 3:
      (void)tabari.ReadOptionsText("fuzz.options", text, &o);
      break;
    case 4:
      (void)petrarch.ReadActorsText("fuzz_actors.txt", text, &d);
      break;
    case 5:
      (void)petrarch.ReadAgentsText("fuzz_agents.txt", text, &d);
      break;
    case 6:
      (void)petrarch.ReadVerbsText("fuzz_verbs.txt", text, &d);
      break;
    default:
      (void)petrarch.ReadDiscardsText("fuzz_discards.txt", text, &d);
      break;
  }
  return 0;
}
