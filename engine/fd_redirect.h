// File descriptor redirection, as OutputCapture (session.cpp) uses it to send
// the program's stdout elsewhere: dup(), dup2() and close() on POSIX
// (fd_redirect_posix.cpp). Emscripten's own dup() and dup2() cannot redirect
// stdout, so the wasm build has its own implementation (engine/fd_redirect_emscripten.cpp).
#pragma once

namespace ljp {

// A second descriptor for fd's open file (dup), or -1.
int DupFd(int fd);
// Makes descriptor `to` refer to from's open file (dup2); false on failure.
bool RedirectFd(int from, int to);
// Closes a descriptor made by DupFd.
void CloseDupFd(int fd);
// Makes every write to descriptor fd add 1 to *counter, where that costs less
// than asking the file whether it grew; false where it does not (POSIX).
bool CountWrites(int fd, volatile unsigned* counter);

}  // namespace ljp
