#include "output_capture.h"

#include <unistd.h>

#include "fd_redirect.h"

namespace ljp {

OutputCapture::OutputCapture(bool enabled) {
  if (!enabled) return;
  std::fflush(stdout);
  file_ = std::tmpfile();
  if (!file_) return;
  saved_ = DupFd(STDOUT_FILENO);
  RedirectFd(fileno(file_), STDOUT_FILENO);
  counted_ = CountWrites(STDOUT_FILENO, &writes_);
}

OutputCapture::~OutputCapture() {
  if (saved_ < 0) return;
  std::fflush(stdout);
  RedirectFd(saved_, STDOUT_FILENO);
  CloseDupFd(saved_);
  std::fclose(file_);
}

std::string OutputCapture::Drain() {
  if (saved_ < 0) return {};
  std::fflush(stdout);
  if (counted_) {
    if (writes_ == drained_writes_) return {};
    drained_writes_ = writes_;
  }
  std::string out;
  char buf[8192];
  ssize_t n;
  while ((n = pread(fileno(file_), buf, sizeof(buf), offset_)) > 0) {
    out.append(buf, n);
    offset_ += n;
  }
  return out;
}

void OutputCapture::Echo(const std::string& text) {
  if (saved_ < 0 || text.empty()) return;
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = write(saved_, text.data() + done, text.size() - done);
    if (n <= 0) break;
    done += n;
  }
}

}  // namespace ljp
