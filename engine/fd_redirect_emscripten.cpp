// fd_redirect.h for Emscripten. Its dup() opens the file again by its path (the
// standard streams have none, so dup(1) fails) and its dup2() closes the file
// the target descriptor had - with NODERAWFS that is node's own stdout, gone for
// good. Here a descriptor is an entry in the file system's stream table:
// DupFd and RedirectFd copy a stream object into another entry, so both refer
// to the same open file (each with its own position; output goes to the end
// anyway). Such a shared copy never closes the file: closing it only frees the
// entry, and the file stays open for the descriptor it was copied from, which
// closes it. (So a copy left behind - by an engine stopped on an assertion -
// costs nothing and does not close node's stdout when the program exits.)
#include <emscripten.h>

#include "fd_redirect.h"

// clang-format off
// (EM_JS bodies are JavaScript.)
// dup(fd) when to < 0, else dup2(fd, to); returns the new descriptor or -1.
EM_JS(int, ljp_share_stream, (int fd, int to), {
  var stream = FS.getStream(fd);
  if (!stream) return -1;
  if (!FS.ljpSharedStreams) {
    FS.ljpSharedStreams = true;
    var close = FS.close;
    FS.close = function(stream) {
      if (stream.ljpShared) return FS.closeStream(stream.fd);
      return close.apply(this, arguments);
    };
  }
  if (to >= 0) FS.closeStream(to);  // frees the entry; its file stays open
  var copy = to < 0 ? FS.createStream(stream) : FS.createStream(stream, to, to);
  copy.ljpShared = true;
  return copy.fd;
});

EM_JS(void, ljp_forget_stream, (int fd), { FS.closeStream(fd); });

// Counts the writes to this descriptor's stream in wasm memory, which C reads
// without calling JavaScript. Every write goes through FS.write (NODERAWFS
// replaces the streams' own write operations, MEMFS uses them).
EM_JS(int, ljp_count_writes, (int fd, unsigned* counter), {
  var stream = FS.getStream(fd);
  if (!stream) return 0;
  if (!FS.ljpCountedWrites) {
    FS.ljpCountedWrites = true;
    var write = FS.write;
    FS.write = function(stream) {
      if (stream && stream.ljpWriteCounter) {
        var at = stream.ljpWriteCounter >> 2;
        HEAPU32[at] = (HEAPU32[at] + 1) >>> 0;
      }
      return write.apply(this, arguments);
    };
  }
  stream.ljpWriteCounter = counter;
  return 1;
});
// clang-format on

namespace ljp {

int DupFd(int fd) { return ljp_share_stream(fd, -1); }

bool RedirectFd(int from, int to) { return ljp_share_stream(from, to) == to; }

void CloseDupFd(int fd) { ljp_forget_stream(fd); }

bool CountWrites(int fd, volatile unsigned* counter) {
  return ljp_count_writes(fd, const_cast<unsigned*>(counter)) != 0;
}

}  // namespace ljp
