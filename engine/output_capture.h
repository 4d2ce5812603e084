// Sends the program's stdout (fd 1) to a temporary file while it runs, so that
// output can be put in the timeline in order with the recorder's events.
#pragma once

#include <sys/types.h>

#include <cstdio>
#include <string>

namespace ljp {

class OutputCapture {
 public:
  explicit OutputCapture(bool enabled);
  ~OutputCapture();
  OutputCapture(const OutputCapture&) = delete;
  OutputCapture& operator=(const OutputCapture&) = delete;

  // Output written since the last call.
  std::string Drain();
  // Writes to the real stdout (the one before capture).
  void Echo(const std::string& text);

 private:
  FILE* file_ = nullptr;
  int saved_ = -1;
  off_t offset_ = 0;
  // Where writes to fd 1 are counted (CountWrites), Drain() reads the file
  // only when the count moved.
  bool counted_ = false;
  volatile unsigned writes_ = 0;
  unsigned drained_writes_ = 0;
};

}  // namespace ljp
