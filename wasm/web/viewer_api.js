// Appended to ljplay-viewer.js (--post-js): the page's side of the exports,
// with strings of any size (ccall would copy them onto the 5 MB stack).
//   viewer.timelineLine(line)           one timeline line (or several, '\n'-separated)
//   viewer.runFinished(crashed, message) the end of a run
//   viewer.state()                      ljp_viewer_state_json(), parsed
function ljpWithString(text, call) {
  var size = lengthBytesUTF8(text) + 1;
  var ptr = _malloc(size);
  stringToUTF8(text, ptr, size);
  try {
    return call(ptr);
  } finally {
    _free(ptr);
  }
}
Module['timelineLine'] = function(line) {
  ljpWithString(String(line), function(ptr) { _ljp_viewer_timeline_line(ptr); });
};
Module['runFinished'] = function(crashed, message) {
  ljpWithString(String(message || ''), function(ptr) {
    _ljp_viewer_run_finished(crashed ? 1 : 0, ptr);
  });
};
Module['state'] = function() {
  return JSON.parse(UTF8ToString(_ljp_viewer_state_json()));
};
