// The CAMEO table against the published code list and the CAMEO-to-PLOVER mapping in
// ../shared (skipped when it is absent): same codes, same Goldstein scores, same PLOVER types.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "dyad/cameo.h"

namespace dyad {
namespace {

const std::string kShared = DYAD_SHARED_DIR;

TEST(CameoReferenceTest, GoldsteinScoresMatchThePublishedList) {
  std::ifstream in(kShared + "/reference/cameo/cameo-codes.csv");
  if (!in) GTEST_SKIP() << "../shared/reference/cameo/cameo-codes.csv not present";
  std::string line;
  std::getline(in, line);  // header
  int checked = 0;
  while (std::getline(in, line)) {
    // Columns: "row",id,"name","code",goldstein,... The code is the 4th field, quoted.
    std::vector<std::string> f;
    std::string cur;
    bool q = false;
    for (char c : line) {
      if (c == '"') {
        q = !q;
      } else if (c == ',' && !q) {
        f.push_back(cur);
        cur.clear();
      } else {
        cur.push_back(c);
      }
    }
    f.push_back(cur);
    if (f.size() < 5) continue;
    const CameoCode* c = LookupCameo(f[3]);
    ASSERT_NE(c, nullptr) << f[3];
    EXPECT_EQ(c->code, f[3]);
    EXPECT_DOUBLE_EQ(c->goldstein, std::stod(f[4])) << f[3];
    ++checked;
  }
  EXPECT_GE(checked, 300);
  std::printf("checked %d codes against cameo-codes.csv\n", checked);
}

TEST(CameoReferenceTest, PloverTypesMatchTheMapping) {
  std::ifstream in(kShared + "/reference/plover/CAMEO2PLOVER-2021.txt");
  if (!in) GTEST_SKIP() << "../shared/reference/plover/CAMEO2PLOVER-2021.txt not present";
  std::string line;
  int checked = 0;
  while (std::getline(in, line)) {
    // "0311: AGREE,  ,   economic # ..."
    size_t colon = line.find(':');
    if (colon == std::string::npos || colon < 2 || colon > 4) continue;
    std::string code = line.substr(0, colon);
    if (code.find_first_not_of("0123456789") != std::string::npos) continue;
    std::string rest = line.substr(colon + 1);
    std::string type = rest.substr(0, rest.find(','));
    type.erase(0, type.find_first_not_of(' '));
    type.erase(type.find_last_not_of(' ') + 1);
    if (type.empty() || type.find('#') != std::string::npos) continue;
    const CameoCode* c = LookupCameo(code);
    ASSERT_NE(c, nullptr) << code;
    if (c->code.size() == 2) continue;  // roots may map to several types
    EXPECT_EQ(c->plover_type, type) << code;
    ++checked;
  }
  EXPECT_GE(checked, 200);
  std::printf("checked %d codes against CAMEO2PLOVER-2021.txt\n", checked);
}

}  // namespace
}  // namespace dyad
