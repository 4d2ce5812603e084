// printf into a std::string (up to 511 characters), for the text renderings.
#pragma once

#include <string>

namespace ljp {

std::string Format(const char* fmt, ...) __attribute__((format(printf, 1, 2)));

}  // namespace ljp
