// The store's schema as a list of migrations. Migration i (1-based) brings a store from
// user_version i-1 to i. Never edit a released migration; append a new one.
#ifndef DYAD_STORE_SCHEMA_H_
#define DYAD_STORE_SCHEMA_H_

#include <string_view>
#include <vector>

namespace dyad {

const std::vector<std::string_view>& Migrations();

}  // namespace dyad

#endif  // DYAD_STORE_SCHEMA_H_
