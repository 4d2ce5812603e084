// The engine's Web Worker: LuaJIT (with its assertions) runs here, never on the
// page's main thread. app.js creates it, sends the compiled ljplay-engine.wasm
// and then one request per run; the worker answers with the run's timeline,
// one JSON Lines line per message, as the engine makes them.
//
// page -> worker  {type: 'init', wasmModule, scriptUrl}
//                                                wasmModule: the compiled ljplay-engine.wasm
//                                                (none: fetch it); scriptUrl: ljplay-engine.js
//                                                as the page loaded it (none: load it here)
//                 {type: 'run', id, request}     (request: the EngineRequest JSON text)
//                                                tests add trapAfterLines: N, and the engine
//                                                traps after its N-th line
// worker -> page  {type: 'ready'}                the engine can take a run
//                 {type: 'init-failed', message}
//                 {type: 'line', id, line}       one timeline line (docs/timeline-protocol.md)
//                 {type: 'done', id, status, error}  ExitCodeFor's status; error: a bad request
//                 {type: 'crash', id, message}   the engine trapped or aborted: this worker
//                                                is dead, the page terminates it
//                 {type: 'log', text}            the engine's stdout/stderr outside a program
//
// A run is synchronous: while it runs this worker answers nothing, so the page
// enforces the wall-time limit (and Stop) with worker.terminate(). Each line
// is posted before the engine goes on, so the lines made before an assertion,
// a trap or a kill have all left.
'use strict';

let engine = null;
let runId = null;
let requestError = '';
let trapAfterLines = 0;  // tests

// A C++ exception that escaped the engine arrives as a bare number.
function describe(err) {
  if (typeof err === 'number') return 'an uncaught C++ exception in the engine';
  return String((err && err.message) || err);
}

function fail(type, err) {
  self.postMessage({type, id: runId, message: describe(err)});
}

function init(wasmModule, scriptUrl) {
  importScripts(scriptUrl || 'ljplay-engine.js');
  const options = {
    onTimelineLine: (line) => {
      self.postMessage({type: 'line', id: runId, line});
      if (trapAfterLines && --trapAfterLines === 0) {
        throw new WebAssembly.RuntimeError('unreachable (a trap the tests asked for)');
      }
    },
    onEngineError: (text) => { requestError = text; },
    print: (text) => self.postMessage({type: 'log', text}),
    printErr: (text) => self.postMessage({type: 'log', text}),
    onAbort: (what) => fail('crash', 'the engine aborted: ' + what),
  };
  if (wasmModule) {
    // Compiled once by the page: a fresh worker only instantiates it.
    options.instantiateWasm = (imports, receiveInstance) => {
      WebAssembly.instantiate(wasmModule, imports)
          .then((instance) => receiveInstance(instance, wasmModule))
          .catch((err) => fail('init-failed', err));
      return {};
    };
  }
  createLjplayEngine(options).then((module) => {
    engine = module;
    self.postMessage({type: 'ready'});
  }, (err) => fail('init-failed', err));
}

function run(id, request) {
  runId = id;
  requestError = '';
  let status;
  try {
    // The request is on the heap, not the stack: it holds the whole source.
    const size = engine.lengthBytesUTF8(request) + 1;
    const text = engine._malloc(size);
    engine.stringToUTF8(request, text, size);
    status = engine._ljp_engine_run(text);
    engine._free(text);
  } catch (err) {
    // A trap (out of bounds, unreachable, stack overflow) or abort(): the
    // module's state is undefined from here on.
    fail('crash', err);
    engine = null;
    return;
  }
  self.postMessage({type: 'done', id, status, error: requestError});
}

self.onmessage = (event) => {
  const message = event.data;
  if (message.type === 'init') {
    try {
      init(message.wasmModule, message.scriptUrl);
    } catch (err) {
      fail('init-failed', err);
    }
  } else if (message.type === 'run') {
    if (!engine) {
      runId = message.id;
      fail('crash', 'the engine is not running');
      return;
    }
    trapAfterLines = message.trapAfterLines || 0;
    run(message.id, message.request);
  }
};
