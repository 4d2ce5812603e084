// A streaming JSON writer for the timeline: values are appended to a string
// as they are visited, without building a document first (the timeline's
// events are written once each, and there can be millions).
//
// Output is what nlohmann::json reads back to the same values: numbers in the
// shortest form that round-trips, non-finite numbers as null, strings escaped
// with invalid UTF-8 replaced by U+FFFD (Lua strings are bytes).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ljp {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  // An object member's name: a plain identifier, written as it is.
  void Key(std::string_view name);
  // The same, already written as "name": (a literal, see LJP_JSON_WRITER).
  void QuotedKey(std::string_view quoted) {
    Separate();
    out_ += quoted;
    need_comma_ = false;
  }

  void Null();
  void Bool(bool v);
  void Int(int64_t v);
  void Uint(uint64_t v);
  void Double(double v);
  void String(std::string_view s);

 private:
  void Separate() {
    if (need_comma_) out_ += ',';
    need_comma_ = true;
  }
  void Open(char c) {
    Separate();
    out_ += c;
    need_comma_ = false;
  }
  void Close(char c) {
    out_ += c;
    need_comma_ = true;
  }

  std::string& out_;
  bool need_comma_ = false;
};

// Write(w, value) for the value types the timeline uses; structs get theirs
// from LJP_JSON_WRITER below.
inline void Write(JsonWriter& w, bool v) { w.Bool(v); }
inline void Write(JsonWriter& w, int v) { w.Int(v); }
inline void Write(JsonWriter& w, int64_t v) { w.Int(v); }
inline void Write(JsonWriter& w, uint32_t v) { w.Uint(v); }
inline void Write(JsonWriter& w, uint64_t v) { w.Uint(v); }
inline void Write(JsonWriter& w, double v) { w.Double(v); }
inline void Write(JsonWriter& w, const std::string& v) { w.String(v); }

template <class T>
void Write(JsonWriter& w, const std::vector<T>& values) {
  w.BeginArray();
  for (const T& v : values) Write(w, v);
  w.EndArray();
}

}  // namespace ljp

// Defines WriteMembers(JsonWriter&, const Type&), the named members in this
// order, and Write(JsonWriter&, const Type&), them as an object (used beside
// nlohmann's macro of the same members, which reads them back).
#define LJP_JSON_WRITE_MEMBER(member) \
  w.QuotedKey("\"" #member "\":");    \
  Write(w, o.member);
#define LJP_JSON_WRITER(Type, ...)                                                \
  inline void WriteMembers(JsonWriter& w, const Type& o) {                        \
    NLOHMANN_JSON_EXPAND(NLOHMANN_JSON_PASTE(LJP_JSON_WRITE_MEMBER, __VA_ARGS__)) \
  }                                                                               \
  inline void Write(JsonWriter& w, const Type& o) {                               \
    w.BeginObject();                                                              \
    WriteMembers(w, o);                                                           \
    w.EndObject();                                                                \
  }
