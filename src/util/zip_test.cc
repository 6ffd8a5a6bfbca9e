#include "util/zip.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace dyad {
namespace {

TEST(Zip, ReadsTheCountryInfoArchive) {
  DYAD_REQUIRE_SHARED();
  auto members = ReadZip(testing::SharedDir() +
                         "/reference/tabari-dictionaries/CountryInfo.120116.actors.zip");
  ASSERT_TRUE(members.ok()) << members.status().ToString();
  ASSERT_EQ(members->size(), 1u);
  EXPECT_EQ((*members)[0].name, "CountryInfo.120116.actors");
  EXPECT_EQ((*members)[0].data.size(), 1442865u);
  EXPECT_EQ((*members)[0].data.substr(0, 1), "#");
}

TEST(Zip, RejectsWhatIsNotAZip) {
  testing::TempDir dir;
  EXPECT_FALSE(ReadZip(dir.Write("x.zip", "PK but not really")).ok());
  EXPECT_FALSE(ReadZip(dir.File("missing.zip")).ok());
  std::string truncated = "PK\x03\x04" + std::string(26, '\0');
  truncated[18] = 100;  // compressed size past the end
  EXPECT_FALSE(ReadZip(dir.Write("t.zip", truncated)).ok());
}

}  // namespace
}  // namespace dyad
