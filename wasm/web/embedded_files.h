// Files the web viewer carries inside its .wasm (it has no file system to read
// them from): the example programs, the lessons and the monospace font. CMake writes them
// as C arrays at build time (embed-files.cmake).
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

namespace ljp::web {

struct EmbeddedFile {
  const char* name;  // the file name: "maxsnap_stitch.lua"
  const unsigned char* data;
  size_t size;  // data[size] is 0: text files are C strings

  std::string_view text() const { return {reinterpret_cast<const char*>(data), size}; }
};

// examples/*.lua, in no particular order.
std::span<const EmbeddedFile> EmbeddedExamples();
// lessons/*.md, by name.
std::span<const EmbeddedFile> EmbeddedLessons();

// The font the panes use (DejaVu Sans Mono where the build machine has it);
// empty when the build has none and ImGui's own font serves.
std::span<const EmbeddedFile> EmbeddedFont();

}  // namespace ljp::web
