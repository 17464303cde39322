// Small text helpers shared by the printers and reports.
#pragma once

#include <string>
#include <string_view>

namespace qb {

// Appends `item` to a separated list: "a" -> "a, b".
inline void AppendListItem(std::string& list, std::string_view item, std::string_view separator = ", ") {
  if (!list.empty()) list.append(separator);
  list.append(item);
}

}  // namespace qb
