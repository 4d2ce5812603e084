// ljplay-node sees node's environment (os.getenv, LUA_PATH), as ljplay sees
// its own; Emscripten starts programs with a fixed one.
Module['preRun'] = (Module['preRun'] || []).concat(function() {
  Object.assign(ENV, process.env);
});
