// CAMEO event codes and what analysts aggregate them by: root, quad class, Goldstein score,
// and the PLOVER event type, mode and context each code maps to. The table is
// data/cameo/cameo.tsv (documented in docs/cameo.md), compiled into the library.
#ifndef DYAD_CAMEO_H_
#define DYAD_CAMEO_H_

#include <string>
#include <string_view>
#include <vector>

namespace dyad {

struct CameoCode {
  std::string code;   // "0331"
  std::string root;   // "03"
  std::string label;  // a short description
  double goldstein = 0;
  // 1 verbal cooperation (roots 01-05), 2 material cooperation (06-08), 3 verbal conflict
  // (09-13), 4 material conflict (14-20).
  int quad_class = 0;
  std::string plover_type;     // "AGREE"; empty when PLOVER drops the code
  std::string plover_mode;     // may be empty
  std::string plover_context;  // may be empty; several joined by '|'
};

// Every code in the table, in code order.
const std::vector<CameoCode>& CameoCodes();

// Looks an event code up. A code the table does not list (a dictionary's own refinement such
// as "0871" or "1121A") resolves to its longest listed prefix; nullptr when not even its root
// is a CAMEO root.
const CameoCode* LookupCameo(std::string_view code);

// The quad class of a root ("01".."20"); 0 for anything else.
int CameoQuadClass(std::string_view root);

}  // namespace dyad

#endif  // DYAD_CAMEO_H_
