#include "json_writer.h"

#include <charconv>
#include <clocale>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace ljp {

namespace {

// The length of the valid UTF-8 sequence at s[i], or 0 (RFC 3629: no
// overlong forms, no surrogates, nothing above U+10FFFF).
size_t Utf8Length(std::string_view s, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  size_t n;
  unsigned char lo = 0x80, hi = 0xbf;  // bounds of the second byte
  if (c < 0x80) return 1;
  if (c >= 0xc2 && c <= 0xdf) {
    n = 2;
  } else if (c >= 0xe0 && c <= 0xef) {
    n = 3;
    if (c == 0xe0) lo = 0xa0;
    if (c == 0xed) hi = 0x9f;
  } else if (c >= 0xf0 && c <= 0xf4) {
    n = 4;
    if (c == 0xf0) lo = 0x90;
    if (c == 0xf4) hi = 0x8f;
  } else {
    return 0;
  }
  if (i + n > s.size() || byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (size_t k = 2; k < n; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xbf) return 0;
  }
  return n;
}

}  // namespace

void JsonWriter::Key(std::string_view name) {
  Separate();
  out_ += '"';
  out_ += name;
  out_ += "\":";
  need_comma_ = false;
}

void JsonWriter::Null() {
  Separate();
  out_ += "null";
}

void JsonWriter::Bool(bool v) {
  Separate();
  out_ += v ? "true" : "false";
}

void JsonWriter::Int(int64_t v) {
  Separate();
  char buf[24];
  out_.append(buf, std::to_chars(buf, buf + sizeof(buf), v).ptr);
}

void JsonWriter::Uint(uint64_t v) {
  Separate();
  char buf[24];
  out_.append(buf, std::to_chars(buf, buf + sizeof(buf), v).ptr);
}

void JsonWriter::Double(double v) {
  if (!std::isfinite(v)) return Null();
  Separate();
  char buf[32];
#if defined(__cpp_lib_to_chars)
  const int n = static_cast<int>(std::to_chars(buf, buf + sizeof(buf), v).ptr - buf);
#else
  // No floating-point to_chars in this C++ library (Emscripten's): the
  // shorter of 15 and 17 digits that reads back the same, with the C
  // locale's decimal point whatever a program set with os.setlocale().
  int n = std::snprintf(buf, sizeof(buf), "%.15g", v);
  if (std::strtod(buf, nullptr) != v) n = std::snprintf(buf, sizeof(buf), "%.17g", v);
  const char point = *std::localeconv()->decimal_point;
  for (int i = 0; i < n; ++i) {
    if (buf[i] == point) buf[i] = '.';
  }
#endif
  out_.append(buf, n);
  // Written as a number with a fraction, as nlohmann writes it, so that it
  // reads back as a double: "-0" would read as the integer 0.
  if (std::string_view(buf, n).find_first_of(".e") == std::string_view::npos) out_ += ".0";
}

void JsonWriter::String(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  Separate();
  out_ += '"';
  size_t plain = 0;  // start of the run of bytes copied as they are
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
      ++i;
      continue;
    }
    const size_t n = c < 0x80 ? 1 : Utf8Length(s, i);
    if (n > 1) {  // valid multi-byte UTF-8: as it is
      i += n;
      continue;
    }
    out_.append(s.data() + plain, i - plain);
    switch (c) {
      case '"':
        out_ += "\\\"";
        break;
      case '\\':
        out_ += "\\\\";
        break;
      case '\n':
        out_ += "\\n";
        break;
      case '\r':
        out_ += "\\r";
        break;
      case '\t':
        out_ += "\\t";
        break;
      case '\b':
        out_ += "\\b";
        break;
      case '\f':
        out_ += "\\f";
        break;
      default:
        if (c < 0x20) {
          out_ += "\\u00";
          out_ += kHex[c >> 4];
          out_ += kHex[c & 15];
        } else {
          out_ += "\xef\xbf\xbd";  // not UTF-8: U+FFFD, as nlohmann's replace
        }
    }
    plain = ++i;
  }
  out_.append(s.data() + plain, s.size() - plain);
  out_ += '"';
}

}  // namespace ljp
