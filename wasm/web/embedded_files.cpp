#include "embedded_files.h"

namespace ljp::web {
namespace examples {
#include "embedded_examples.inc"
}  // namespace examples

namespace lessons {
#include "embedded_lessons.inc"
}  // namespace lessons

#ifdef LJP_VIEWER_HAVE_FONT
namespace font {
#include "embedded_font.inc"
}  // namespace font
#endif

std::span<const EmbeddedFile> EmbeddedExamples() { return examples::kEmbeddedFiles; }

std::span<const EmbeddedFile> EmbeddedLessons() { return lessons::kEmbeddedFiles; }

std::span<const EmbeddedFile> EmbeddedFont() {
#ifdef LJP_VIEWER_HAVE_FONT
  return font::kEmbeddedFiles;
#else
  return {};
#endif
}

}  // namespace ljp::web
