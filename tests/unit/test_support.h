// Helpers shared by the engine tests: files, the reference luajit, event lookup.
#pragma once

#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "timeline.h"

namespace ljp::test {

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Runs stock LuaJIT (built from the same pinned source) and returns its stdout.
inline std::string RunReference(const std::string& dir, const std::string& args) {
  const std::string cmd = "cd '" + dir + "' && LUA_PATH='" LJP_TEST_LUA_PATH "' '" +
                          LJP_TEST_LUAJIT_REF "' " + args + " 2>/dev/null";
  std::string out;
  if (FILE* p = popen(cmd.c_str(), "r")) {
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof(buf), p)) > 0) out.append(buf, n);
    pclose(p);
  }
  return out;
}

// Addresses and hash slots differ from process to process.
inline std::string MaskAddresses(const std::string& text) {
  static const std::regex addresses("@[0-9]+|0x[0-9a-f]+|[-+]0x1\\.[0-9a-f]+p-10[0-9][0-9]");
  return std::regex_replace(text, addresses, "<masked>");
}

// "" when equal, else the first differing line of each with some context.
inline std::string FirstDifference(const std::string& actual, const std::string& expected) {
  if (actual == expected) return "";
  auto lines = [](const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
  };
  const std::vector<std::string> a = lines(actual), e = lines(expected);
  size_t i = 0;
  while (i < a.size() && i < e.size() && a[i] == e[i]) ++i;
  std::string msg = "first difference at line " + std::to_string(i + 1) + "\n";
  for (size_t j = i >= 3 ? i - 3 : 0; j < i; ++j) msg += "   " + a[j] + "\n";
  msg += "got:      " + (i < a.size() ? a[i] : "<end>") + "\n";
  msg += "expected: " + (i < e.size() ? e[i] : "<end>") + "\n";
  return msg;
}

template <typename T>
std::vector<const T*> EventsOf(const Timeline& t) {
  std::vector<const T*> out;
  for (const Event& e : t.events)
    if (const T* body = std::get_if<T>(&e.body)) out.push_back(body);
  return out;
}

inline std::string OutputOf(const Timeline& t) {
  std::string out;
  for (const Output* o : EventsOf<Output>(t)) out += o->text;
  return out;
}

inline const RunEnd& EndOf(const Timeline& t) { return std::get<RunEnd>(t.events.back().body); }

}  // namespace ljp::test
