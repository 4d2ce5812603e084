// The playground's page: loads the viewer (ImGui in WebAssembly, main thread)
// and the engine (LuaJIT in WebAssembly, a Web Worker: engine-worker.js), and
// carries requests and timelines between them. The engine never runs on this
// thread, so a program that loops, a LuaJIT assertion or a crash never freezes
// the page: Stop, a run past its time limit and a dead engine all end in
// worker.terminate() and a fresh worker.
//
// Contract with the viewer (wasm/web/):
//   the page provides  window.ljplayEngine = {start(requestJson), stop()}
//   the viewer exports ljp_viewer_timeline_line(lines)         timeline lines ('\n'-separated)
//                      ljp_viewer_run_finished(crashed, message) the run is over
//                      ljp_viewer_open_example(name, stitch_mode)  the gallery
//                      ljp_viewer_open_source(chunkname, source, stitch_mode)  share links
//                      ljp_viewer_state_json(), ljp_viewer_stop()  tests
// Also here: the example gallery, share links (#run=...) and window.ljplayTest
// (README.md beside this file).
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);

  // The stitch modes and the examples in menu order, from the viewer (the same
  // code as its Examples menu): filled once the viewer has started.
  const catalog = {stitchModes: ['full'], examples: [], lessons: []};
  // A run without a wall-time budget of its own still ends after this long.
  const DEFAULT_RUN_LIMIT_S = 60;
  // How long past a run's wall-time budget the page kills the worker itself:
  // later than the viewer, which stops such a run first (kDeadlineGraceSeconds
  // in page_engine_client.cpp); this is the page's backstop.
  const KILL_GRACE_S = 5;

  const test = {
    firstFrameMs: null,   // first frame the viewer drew, from navigation start
    engineReadyMs: null,  // the first engine worker could take a run
    loadedMs: null,       // every file loaded
    sizes: {},            // bytes of each file this script loaded, by name
    errors: [],           // what went wrong (also shown on the page)
    timings: {},          // milliseconds since navigation at each step of the start-up
  };
  const mark = (what) => { test.timings[what] = Math.round(performance.now()); };

  // --- Loading, with a progress bar in bytes ---------------------------------
  const progress = {total: 0, done: 0, known: new Set()};
  function showProgress() {
    const mb = (n) => (n / 1048576).toFixed(1);
    $('progress').style.width = progress.total ? `${(100 * progress.done) / progress.total}%` : '0';
    $('progress-text').textContent = progress.total
      ? `Loading… ${mb(progress.done)} of ${mb(progress.total)} MB`
      : 'Loading…';
  }
  function fail(message) {
    test.errors.push(message);
    console.error(message);
    const loading = $('loading');
    if (!loading.hidden) {
      loading.classList.add('failed');
      $('progress-text').textContent = message;
    } else {
      $('notice-text').textContent = message;
      $('notice').title = message;
      $('notice').hidden = false;
    }
  }

  // Fetches a file and counts its bytes as they arrive. A .wasm file is also
  // compiled while it arrives: {bytes, module}.
  async function fetchWasm(name) {
    const response = await fetch(name);
    if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
    const [counted, compiled] = response.body.tee();
    const module = WebAssembly.compileStreaming(
        new Response(compiled, {headers: {'Content-Type': 'application/wasm'}}));
    const bytes = await readCounting(name, new Response(counted, {headers: response.headers}));
    return {bytes, module: await module};
  }
  async function fetchBytes(name) {
    const response = await fetch(name);
    if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
    return readCounting(name, response);
  }
  async function readCounting(name, response) {
    const length = Number(response.headers.get('Content-Length')) || 0;
    if (length && !progress.known.has(name)) {
      progress.known.add(name);
      progress.total += length;
      showProgress();
    }
    const chunks = [];
    let size = 0;
    const reader = response.body.getReader();
    for (;;) {
      const {done, value} = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
      progress.done += value.length;
      if (!length) progress.total += value.length;
      showProgress();
    }
    const bytes = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.length;
    }
    test.sizes[name] = size;
    return bytes;
  }

  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = src;
      script.onload = resolve;
      script.onerror = () => reject(new Error(`cannot load ${src}`));
      document.head.appendChild(script);
    });
  }

  // --- Status line ----------------------------------------------------------
  function setStatus(text) { $('engine-status').textContent = text; }

  // --- The viewer module ----------------------------------------------------
  // createLjplayViewer({canvas, arguments, wasmBinary}) makes the module; the
  // page calls the exports below.
  const viewer = {
    module: null,
    // Calls an export with string arguments copied to the heap (not the stack:
    // a source or a timeline line can be large).
    // A C++ exception inside the call comes back as an Error with the
    // viewer's message (ljp_viewer_take_error); a trap as one naming the call.
    call(name, returnType, args) {
      const m = this.module;
      const pointers = [];
      let result;
      try {
        const values = args.map((a) => {
          if (typeof a !== 'string') return a;
          const size = m.lengthBytesUTF8(a) + 1;
          const p = m._malloc(size);
          if (!p) throw new Error(`no memory for ${size} bytes`);
          m.stringToUTF8(a, p, size);
          pointers.push(p);
          return p;
        });
        result = m['_' + name](...values);
        if (returnType === 'string') result = m.UTF8ToString(result);
      } catch (err) {
        const what = typeof err === 'number' ? 'an uncaught C++ exception' : (err.message || String(err));
        throw new Error(`the viewer failed in ${name}: ${what}`);
      } finally {
        for (const p of pointers) m._free(p);
      }
      const error = m.UTF8ToString(m._ljp_viewer_take_error());
      if (error) throw new Error(`the viewer failed in ${error}`);
      return result;
    },
    // Several lines at once, '\n'-separated.
    timelineLines(text) { this.call('ljp_viewer_timeline_line', null, [text]); },
    runFinished(crashed, message) {
      this.call('ljp_viewer_run_finished', null, [crashed ? 1 : 0, message || '']);
    },
    openExample(name, mode) { return this.call('ljp_viewer_open_example', 'number', [name, mode]); },
    openSource(chunkname, source, mode) {
      return this.call('ljp_viewer_open_source', 'number', [chunkname, source, mode]);
    },
    state() {
      return this.module ? JSON.parse(this.call('ljp_viewer_state_json', 'string', [])) : null;
    },
  };

  async function startViewer(script, wasmModule, args) {
    // Right clicks belong to the viewer (no inline handler: the page's
    // Content-Security-Policy allows none).
    $('canvas').addEventListener('contextmenu', (e) => e.preventDefault());
    await loadScript(URL.createObjectURL(new Blob([script], {type: 'text/javascript'})));
    mark('viewerScript');
    viewer.module = await window.createLjplayViewer({
      canvas: $('canvas'),
      arguments: args,
      // Compiled while it downloaded: only instantiated here.
      instantiateWasm: (imports, receiveInstance) => {
        WebAssembly.instantiate(wasmModule, imports).then((instance) => {
          mark('viewerInstantiated');
          receiveInstance(instance, wasmModule);
        }, (err) => fail(`The viewer could not start: ${err.message || err}`));
        return {};
      },
      print: (text) => console.log(text),
      printErr: (text) => console.warn(text),
      onAbort: (what) => fail(`The viewer stopped: ${what}`),
    });
  }

  // Records the time of the viewer's first frame (the viewer counts its frames).
  function watchFirstFrame() {
    const check = () => {
      const state = viewer.state();
      if (state && state.frame >= 1) test.firstFrameMs = Math.round(performance.now());
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  }

  // --- The engine: one Web Worker at a time -----------------------------------
  // What the worker sends goes to the viewer in slices of a few milliseconds
  // (lines joined into one call), so a long timeline never holds up a frame.
  // Items carry their run's id: once the viewer stopped a run, nothing more of
  // it reaches the viewer, which may already be running the next one.
  const delivery = {queue: [], head: 0, scheduled: false, channel: new MessageChannel()};
  delivery.channel.port1.onmessage = () => drain();
  function deliver(item) {
    delivery.queue.push(item);
    if (!delivery.scheduled) {
      delivery.scheduled = true;
      delivery.channel.port2.postMessage(0);
    }
  }
  function drain() {
    delivery.scheduled = false;
    const until = performance.now() + 8;
    const q = delivery.queue;
    while (delivery.head < q.length && performance.now() < until) {
      const item = q[delivery.head];
      try {
        if (item.runId !== engine.deliverable) {
          delivery.head++;
        } else if (item.line !== undefined) {
          let text = '';
          while (delivery.head < q.length && q[delivery.head].line !== undefined &&
                 q[delivery.head].runId === item.runId && text.length < (1 << 20)) {
            text += q[delivery.head++].line + '\n';
          }
          viewer.timelineLines(text);
        } else {
          delivery.head++;
          engine.deliverable = null;
          viewer.runFinished(item.crashed, item.message);
          for (const waiter of engine.finishWaiters.splice(0)) waiter(item);
        }
      } catch (err) {
        fail(`The viewer failed on the timeline: ${err.message || err}`);
      }
    }
    if (delivery.head < q.length) {
      delivery.scheduled = true;
      delivery.channel.port2.postMessage(0);
    } else {
      q.length = 0;
      delivery.head = 0;
    }
  }

  const engine = {
    wasmModule: null,     // ljplay-engine.wasm, compiled once; each worker instantiates it
    scriptUrl: null,      // ljplay-engine.js, loaded once (a blob: URL)
    worker: null,
    ready: false,
    queued: null,         // a request waiting for the worker to be ready
    run: null,            // the run in progress: {id, ended, timer}
    deliverable: null,    // the id of the run whose lines the viewer takes
    nextId: 1,
    recent: [],           // the last requests (share links), newest last
    finishWaiters: [],    // called once the viewer has the end of a run
    runs: 0,
    workersStarted: 0,
    trapNext: 0,          // tests: the next run traps after this many lines
  };

  function spawnWorker() {
    const worker = new Worker('engine-worker.js');
    engine.worker = worker;
    engine.ready = false;
    engine.workersStarted++;
    worker.onmessage = (event) => onWorkerMessage(worker, event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      if (worker !== engine.worker) return;
      const message = `the engine worker failed: ${event.message || 'error'}`;
      if (engine.run) endRun(true, message);
      else fail(message);
      replaceWorker();
    };
    worker.postMessage({type: 'init', wasmModule: engine.wasmModule, scriptUrl: engine.scriptUrl});
  }

  function replaceWorker() {
    if (engine.worker) engine.worker.terminate();
    engine.worker = null;
    engine.ready = false;
    spawnWorker();
  }

  function onWorkerMessage(worker, message) {
    if (worker !== engine.worker) return;  // a worker already replaced
    const run = engine.run;
    switch (message.type) {
      case 'ready':
        engine.ready = true;
        if (test.engineReadyMs === null) test.engineReadyMs = Math.round(performance.now());
        if (!run) setStatus('engine ready');
        if (engine.queued) {
          const request = engine.queued;
          engine.queued = null;
          send(request);
        }
        break;
      case 'init-failed':
        fail(`The engine could not start: ${message.message}`);
        break;
      case 'line':
        if (!run || message.id !== run.id) return;
        if (message.line.includes('"type":"end"')) run.ended = true;
        deliver({runId: run.id, line: message.line});
        break;
      case 'done':
        if (!run || message.id !== run.id) return;
        if (message.error) {
          endRun(true, `the engine refused the request: ${message.error}`);
        } else if (run.ended && message.status === 3) {
          // LuaJIT asserted (the only end with status 3 a finished run has):
          // the engine was abandoned mid-run, the next run gets a fresh worker.
          // The viewer shows the assertion.
          endRun(false, '', 'engine stopped on a LuaJIT assertion');
          replaceWorker();
        } else if (!run.ended) {
          endRun(true, 'the engine ended without finishing the timeline');
        } else {
          endRun(false, '');
        }
        break;
      case 'crash':
        if (run && message.id === run.id) endRun(true, `the engine crashed: ${message.message}`);
        replaceWorker();
        break;
      case 'log':
        console.log(`engine: ${message.text}`);
        break;
    }
  }

  // The run in progress is over: the viewer gets its end after its last line.
  // crashed: the worker died (the viewer ends the timeline as a crash, with
  // message); not after an assertion, whose timeline has its end.
  function endRun(crashed, message, status = null) {
    const run = engine.run;
    if (!run) return;
    clearTimeout(run.timer);
    engine.run = null;
    setStatus(status || (crashed ? `engine stopped: ${message}` : 'engine ready'));
    deliver({runId: run.id, crashed, message});
  }

  // Kills the run in progress; the viewer hears nothing more of it.
  function abandonRun() {
    if (!engine.run) return;
    clearTimeout(engine.run.timer);
    engine.run = null;
    engine.deliverable = null;
    replaceWorker();
  }

  function send(requestJson) {
    let budget = 0;
    try {
      budget = (JSON.parse(requestJson).budgets || {}).wall_seconds || 0;
    } catch { /* the engine reports a bad request */ }
    const run = {id: engine.nextId++, ended: false};
    engine.run = run;
    engine.deliverable = run.id;
    engine.runs++;
    // The viewer stops a run past its wall-time budget itself and ends its
    // timeline (page_engine_client.cpp). This is only the page's backstop, for a
    // viewer that cannot: the run ends as the worker's death, with this message.
    const limit = budget > 0 ? budget + KILL_GRACE_S : DEFAULT_RUN_LIMIT_S;
    run.timer = setTimeout(() => {
      if (engine.run !== run) return;
      endRun(true, `the page stopped the engine worker ${limit} s after the run started`);
      replaceWorker();
    }, limit * 1000);
    setStatus('running…');
    engine.worker.postMessage({type: 'run', id: run.id, request: requestJson,
                               trapAfterLines: engine.trapNext});
    engine.trapNext = 0;
  }

  // What the viewer calls (page_engine_client.cpp). One run at a time.
  window.ljplayEngine = {
    start(requestJson) {
      requestJson = String(requestJson);
      engine.recent = [...engine.recent.slice(-3), requestJson];
      abandonRun();
      engine.queued = null;
      if (engine.ready) {
        send(requestJson);
      } else {
        engine.queued = requestJson;
        setStatus('starting the engine…');
      }
    },
    stop() {
      engine.queued = null;
      engine.deliverable = null;  // the viewer ended the run: nothing more of it
      if (engine.run) {
        abandonRun();
        setStatus('stopped');
      }
    },
  };

  // --- Examples: the gallery --------------------------------------------------
  // Cards for the viewer's examples (title, explanation, header options).
  function buildGallery() {
    const list = JSON.parse(viewer.call('ljp_viewer_catalog_json', 'string', []));
    catalog.stitchModes = list.stitch_modes;
    catalog.examples = list.examples;
    buildLessonCards(list.lessons);
    const select = $('gallery-mode');
    for (const mode of catalog.stitchModes) select.add(new Option(mode, mode));
    select.value = 'full';
    const cards = $('gallery-cards');
    for (const example of catalog.examples) {
      const card = document.createElement('div');
      card.className = 'card';
      card.tabIndex = 0;
      card.dataset.name = example.name;
      const add = (tag, cls, text) => {
        const el = document.createElement(tag);
        el.className = cls;
        el.textContent = text;
        card.appendChild(el);
        return el;
      };
      add('div', 'name', example.name);
      add('div', 'title', example.title);
      const about = add('div', 'about', '');
      for (const paragraph of example.about) {
        const p = document.createElement('p');
        if (/^(Broken|Fixed)/.test(paragraph)) p.className = 'note';
        p.textContent = paragraph;
        about.appendChild(p);
      }
      if (example.options.length) add('div', 'options', `ljplay run ${example.name} ${example.options.join(' ')}`);
      const open = () => {
        showPanel(null);
        openExample(example.name, select.value);
      };
      card.addEventListener('click', open);
      card.addEventListener('keydown', (e) => { if (e.key === 'Enter') open(); });
      cards.appendChild(card);
    }
  }

  // "Start here": one card per lesson, above the examples.
  function buildLessonCards(lessons) {
    catalog.lessons = lessons;
    const cards = $('lesson-cards');
    lessons.forEach((lesson, i) => {
      const card = document.createElement('div');
      card.className = 'card';
      card.tabIndex = 0;
      card.dataset.lesson = lesson.name;
      for (const [cls, text] of [['name', `Lesson ${i + 1} · ${lesson.steps} steps`],
                                 ['title', lesson.title], ['about', lesson.summary]]) {
        const el = document.createElement('div');
        el.className = cls;
        el.textContent = text;
        card.appendChild(el);
      }
      const open = () => {
        showPanel(null);
        openLesson(lesson.name, 1);
      };
      card.addEventListener('click', open);
      card.addEventListener('keydown', (e) => { if (e.key === 'Enter') open(); });
      cards.appendChild(card);
    });
  }

  function openLesson(name, step) {
    const ok = viewer.call('ljp_viewer_open_lesson', 'number', [name, step]);
    if (!ok) fail(`The viewer has no lesson ${name}.`);
    $('canvas').focus();
    return ok;
  }

  function openExample(name, mode) {
    const ok = viewer.openExample(name, mode || 'full');
    if (!ok) fail(`The viewer has no example ${name} (or no stitch mode ${mode}).`);
    $('canvas').focus();
    return ok;
  }

  function showPanel(id) {
    for (const panel of ['gallery', 'share']) $(panel).hidden = panel !== id;
    if (id === null) $('canvas').focus();
  }

  // --- Share links: #run=<base64url(deflate-raw(JSON))> -------------------------
  // The program, its options (-j/-O settings), faults and stitch mode; nothing
  // else of the request (budgets, capture) travels. A link comes from anyone:
  // everything in it is checked against these limits (README.md) before the
  // viewer sees it, and inflating stops as soon as it passes its limit.
  const LINK_LIMITS = {
    chars: 2 << 20,         // the #run= part of the address
    inflated: 4200 << 10,   // its JSON: a 4 MB program (the viewer's limit) and the rest
    chunkname: 200,         // characters
    settings: 64,           // options, each up to `item` characters
    faults: 32,             // faults, each up to `item` characters
    item: 200,
  };
  class LinkError extends Error {}
  function base64url(bytes) {
    let text = '';
    for (let i = 0; i < bytes.length; i += 0x8000) {
      text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }
    return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  function fromBase64url(text) {
    if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new LinkError('it is not base64url text');
    const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(b64 + '==='.slice((b64.length + 3) % 4));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }
  async function pipeBytes(bytes, transform) {
    const stream = new Blob([bytes]).stream().pipeThrough(transform);
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }
  function shareable(request) {
    const text = (v) => String(v);
    return {
      v: 1,
      // The examples' path in the viewer ("examples/x.lua") would shadow the
      // example itself: a shared program goes by its file name.
      chunkname: text(request.chunkname || 'program.lua').replace(/^.*\//, '') || 'program.lua',
      source: text(request.source || ''),
      settings: (request.settings || []).map((s) => ({kind: s.kind === 'j' ? 'j' : 'O', text: text(s.text)})),
      faults: (request.faults || []).map(text),
      stitch_mode: catalog.stitchModes.includes(request.stitch_mode) ? request.stitch_mode : 'full',
    };
  }
  async function encodeShare(request) {
    const json = new TextEncoder().encode(JSON.stringify(shareable(request)));
    return base64url(await pipeBytes(json, new CompressionStream('deflate-raw')));
  }
  // Inflates at most `limit` bytes: a small link may hold a huge program.
  async function inflateLimited(bytes, limit) {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    const reader = stream.getReader();
    const chunks = [];
    let total = 0;
    try {
      for (;;) {
        const {done, value} = await reader.read();
        if (done) break;
        total += value.length;
        if (total > limit) {
          reader.cancel().catch(() => {});
          throw new LinkError(`its program is larger than ${mb(limit)} (the limit)`);
        }
        chunks.push(value);
      }
    } catch (err) {
      if (err instanceof LinkError) throw err;
      throw new LinkError('it is not deflate-compressed data');
    }
    const out = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
  const mb = (n) => `${(n / 1048576).toFixed(1)} MB`;
  const typeOf = (v) => (Array.isArray(v) ? 'a list' : v === null ? 'null' : `a ${typeof v}`);
  // The link's JSON, checked field by field: a clear message for each way it
  // can be wrong, never a half-read request.
  function checkShared(shared) {
    const L = LINK_LIMITS;
    if (!shared || typeof shared !== 'object' || Array.isArray(shared)) {
      throw new LinkError(`it holds ${typeOf(shared)}, not a playground run`);
    }
    if (typeof shared.source !== 'string') {
      throw new LinkError(`its "source" is ${typeOf(shared.source)}, not text`);
    }
    for (const [key, type] of [['chunkname', 'string'], ['stitch_mode', 'string']]) {
      if (shared[key] !== undefined && typeof shared[key] !== type) {
        throw new LinkError(`its "${key}" is ${typeOf(shared[key])}, not text`);
      }
    }
    if ((shared.chunkname || '').length > L.chunkname) {
      throw new LinkError(`its file name is longer than ${L.chunkname} characters`);
    }
    if (shared.stitch_mode !== undefined && !catalog.stitchModes.includes(shared.stitch_mode)) {
      throw new LinkError(`its stitch mode "${shared.stitch_mode.slice(0, 40)}" is none of ${catalog.stitchModes.join(', ')}`);
    }
    const list = (key, max, check) => {
      const v = shared[key];
      if (v === undefined) return;
      if (!Array.isArray(v)) throw new LinkError(`its "${key}" is ${typeOf(v)}, not a list`);
      if (v.length > max) throw new LinkError(`it has ${v.length} ${key}; the limit is ${max}`);
      v.forEach((item, i) => check(item, `${key}[${i}]`));
    };
    const text = (v, where) => {
      if (typeof v !== 'string') throw new LinkError(`its ${where} is ${typeOf(v)}, not text`);
      if (v.length > L.item) throw new LinkError(`its ${where} is longer than ${L.item} characters`);
    };
    list('settings', L.settings, (s, where) => {
      if (!s || typeof s !== 'object' || Array.isArray(s)) {
        throw new LinkError(`its ${where} is ${typeOf(s)}, not an option`);
      }
      text(s.text, `${where}.text`);
    });
    list('faults', L.faults, text);
    return shareable(shared);
  }
  async function decodeShare(text) {
    if (text.length > LINK_LIMITS.chars) {
      throw new LinkError(`it is ${text.length} characters long; the limit is ${LINK_LIMITS.chars}`);
    }
    const json = await inflateLimited(fromBase64url(text), LINK_LIMITS.inflated);
    let shared;
    try {
      shared = JSON.parse(new TextDecoder().decode(json));
    } catch {
      throw new LinkError('it holds no JSON');
    }
    return checkShared(shared);
  }
  function shareUrl(data) {
    return `${location.origin}${location.pathname}#run=${data}`;
  }

  // The viewer reads a program's options from its '-- ljplay:' header: a
  // shared program gets one header line with the shared settings and faults,
  // in place of the first header line it had (so its line numbers stay), or
  // above its first line when it had none.
  const HEADER = /^-- ljplay:.*$/;
  function withHeader(shared) {
    const args = [];
    for (const s of shared.settings) {
      if (/\s/.test(s.text)) continue;  // a header splits at whitespace
      args.push(s.kind === 'j' ? `-j${s.text}` : `--opt ${s.text}`);
    }
    for (const f of shared.faults) if (!/\s/.test(f)) args.push(`--fault ${f}`);
    const header = args.length ? `-- ljplay: ${args.join(' ')}` : '--';
    const lines = shared.source.split('\n');
    let replaced = false;
    for (let i = 0; i < lines.length && (lines[i].startsWith('--') || lines[i].startsWith('#!')); i++) {
      if (!HEADER.test(lines[i].replace(/\r$/, ''))) continue;
      lines[i] = replaced ? '--' : header;
      replaced = true;
    }
    if (!replaced && args.length) lines.unshift(header);
    return lines.join('\n');
  }

  // The request of the run the viewer shows (of a comparison: the main run).
  function shownRequest() {
    const state = viewer.state();
    const parsed = engine.recent.map((r) => JSON.parse(r)).reverse();
    return parsed.find((r) => state && r.chunkname === state.path &&
                              (r.stitch_mode || 'full') === state.stitch_mode) || parsed[0] || null;
  }

  // A lesson's step: #lesson=NAME&step=N.
  const lessonUrl = (name, step) =>
    `${location.origin}${location.pathname}#lesson=${encodeURIComponent(name)}&step=${step}`;
  function parseLessonLink(hash) {
    const m = /^#lesson=([^&]+)&step=(\d+)$/.exec(hash);
    return m ? {name: decodeURIComponent(m[1]), step: Number(m[2])} : null;
  }

  async function share() {
    const lesson = viewer.state().lesson;
    if (lesson) {
      const url = lessonUrl(lesson.name, lesson.step);
      history.replaceState(null, '', url);
      $('share-url').value = url;
      let note = `Lesson ${lesson.name}, step ${lesson.step} of ${lesson.steps}.`;
      try {
        await navigator.clipboard.writeText(url);
        note += ' Copied to the clipboard.';
      } catch { /* not allowed here: the field can be copied by hand */ }
      $('share-note').textContent = note;
      showPanel('share');
      $('share-url').select();
      return;
    }
    const request = shownRequest();
    if (!request) {
      $('share-url').value = '';
      $('share-note').textContent = 'Run a program first: the link holds the run on screen.';
      showPanel('share');
      return;
    }
    const data = await encodeShare(request);
    if (data.length > LINK_LIMITS.chars) {
      $('share-url').value = '';
      $('share-note').textContent = `This program makes a link of ${data.length} characters: ` +
          `pages take links of up to ${LINK_LIMITS.chars}. Share a smaller program.`;
      showPanel('share');
      return;
    }
    const url = shareUrl(data);
    history.replaceState(null, '', url);
    $('share-url').value = url;
    const shared = shareable(request);
    let note = `${shared.chunkname}, stitch mode ${shared.stitch_mode}` +
               `${shared.faults.length ? ', faults ' + shared.faults.join(' ') : ''}` +
               `${shared.settings.length ? ', options ' + shared.settings.map((s) => s.text).join(' ') : ''}` +
               ` (${url.length} characters).`;
    try {
      await navigator.clipboard.writeText(url);
      note += ' Copied to the clipboard.';
    } catch { /* not allowed here: the field can be copied by hand */ }
    $('share-note').textContent = note;
    showPanel('share');
    $('share-url').select();
  }

  // Opens a link's program. A link the page cannot take says why and leaves
  // the viewer as it was; at start-up (nothing on screen yet) the first
  // example opens instead.
  async function openShared(text, atStartup = false) {
    try {
      const shared = await decodeShare(text);
      if (!viewer.openSource(shared.chunkname, withHeader(shared), shared.stitch_mode)) {
        const state = viewer.state();
        throw new LinkError((state && state.load_error) || 'the viewer did not take its program');
      }
      return true;
    } catch (err) {
      fail(`This link's program cannot be opened: ${err.message}.`);
      if (atStartup) {
        try {
          openExample(catalog.examples[0].name, 'full');
        } catch (again) {
          fail(`The first example cannot be opened either: ${again.message}.`);
        }
      }
      return false;
    }
  }

  // --- Files: open a program or a timeline, save the timeline -----------------------
  // A Lua program opens as a share link's does; a timeline (.jsonl, e.g.
  // recorded natively with `ljplay run --timeline`) shows as the main run. The
  // limits keep a huge file from holding up the page before the viewer refuses it.
  const FILE_LIMITS = {program: 64 << 20, timeline: 256 << 20};
  const isTimelineName = (name) => /\.jsonl?$/i.test(name);

  async function openFile(file) {
    const timeline = isTimelineName(file.name);
    const limit = timeline ? FILE_LIMITS.timeline : FILE_LIMITS.program;
    try {
      if (file.size > limit) {
        throw new Error(`it is ${(file.size / (1 << 20)).toFixed(1)} MB: the page opens ` +
                        `${timeline ? 'timelines' : 'files'} of up to ${limit >> 20} MB` +
                        (timeline ? ' (`ljplay timeline FILE --explain` reads any size)' : ''));
      }
      const text = await file.text();
      showPanel(null);
      const ok = timeline ? viewer.call('ljp_viewer_open_timeline', 'number', [file.name, text])
                          : viewer.openSource(file.name, text, '');
      if (!ok) throw new Error(viewer.state().load_error || 'the viewer did not take it');
      return true;
    } catch (err) {
      fail(`${file.name} cannot be opened: ${err.message}.`);
      return false;
    }
  }

  function pickFile() {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.lua,.jsonl,.txt,text/plain';
    input.addEventListener('change', () => { if (input.files.length) openFile(input.files[0]); });
    input.click();
  }

  function saveFile(name, text) {
    const url = URL.createObjectURL(new Blob([text], {type: 'application/x-ndjson'}));
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }
  // The viewer's File menu calls these (viewer_main.cpp).
  window.ljplayFiles = {pick: pickFile, save: saveFile};

  // --- window.ljplayTest: what the browser tests use ------------------------------
  function nextFrame() { return new Promise((resolve) => requestAnimationFrame(() => resolve())); }
  // The main thread answers: two animation frames come within `ms`, and the
  // viewer's frame callback ran in them (it draws only when something changed).
  async function isResponsive(ms = 1000) {
    const before = viewer.state().ticks;
    const start = performance.now();
    const frames = nextFrame().then(nextFrame);
    const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), ms));
    if ((await Promise.race([frames, timeout])) === 'timeout') return false;
    return viewer.state().ticks > before && performance.now() - start < ms;
  }

  // Resolves with the viewer's state once no run is busy.
  async function whenIdle(what, timeoutMs) {
    const until = performance.now() + timeoutMs;
    for (;;) {
      await nextFrame();
      const state = viewer.state();
      if (state && !state.busy) return state;
      if (performance.now() > until) throw new Error(`${what}: no result in ${timeoutMs} ms`);
    }
  }

  // Opens an example in the viewer (as a gallery card does) and resolves with
  // the viewer's state once the run is over and the viewer has its end.
  async function runExample(name, mode = 'full', timeoutMs = 120000) {
    if (!openExample(name, mode)) throw new Error(`no example ${name} in mode ${mode}`);
    return whenIdle(`${name} (${mode})`, timeoutMs);
  }

  Object.assign(test, {
    runExample,
    isResponsive,
    whenIdle: (timeoutMs = 120000) => whenIdle('the viewer', timeoutMs),
    state: () => viewer.state(),
    encodeShare,
    decodeShare,
    shareUrl,
    withHeader,
    openSource: (chunkname, source, mode = '') => viewer.openSource(chunkname, source, mode),
    // What a dropped or picked file does (a File from the test's DataTransfer).
    openFile,
    stop: () => viewer.call('ljp_viewer_stop', null, []),  // the viewer's Stop (Shift+F5)
    run: () => viewer.call('ljp_viewer_run', null, []),    // Run (F5)
    // "start", "end", "next-step", "first-stitch", ... (ljp_viewer_move_cursor)
    moveCursor: (where) => viewer.call('ljp_viewer_move_cursor', 'number', [where]),
    lessons: () => catalog.lessons.slice(),
    lessonUrl,
    // A pane's text at the cursor, as `ljplay gui --dump-pane` prints it.
    dumpPane: (pane) => viewer.call('ljp_viewer_dump_pane', 'string', [pane]),
    // The panes' sizes in the last frame and any table header cut (ui::LayoutJson).
    layout: () => JSON.parse(viewer.call('ljp_viewer_layout_json', 'string', [])),
    // The text the viewer's last Copy put on the clipboard.
    copiedText: () => viewer.module.copiedText,
    // The viewer's WebAssembly memory, in bytes (it only grows).
    wasmMemoryBytes: () => viewer.module.HEAPU8.length,
    // The engine traps in the next run after its n-th timeline line.
    trapNextRun: (n = 5) => { engine.trapNext = n; },
    engine: () => ({runs: engine.runs, workersStarted: engine.workersStarted, ready: engine.ready,
                    busy: !!engine.run, recent: engine.recent.slice()}),
    examples: () => catalog.examples.map(({name, title, about, options}) => ({name, title, about, options})),
  });
  window.ljplayTest = test;

  // --- Start-up --------------------------------------------------------------------
  $('examples-button').addEventListener('click', () => showPanel($('gallery').hidden ? 'gallery' : null));
  $('lessons-button').addEventListener('click', () => {
    showPanel($('gallery').hidden ? 'gallery' : null);
    if (!$('gallery').hidden) {
      $('gallery').scrollTop = 0;
      const first = document.querySelector('#lesson-cards .card');
      if (first) first.focus();
    }
  });
  $('gallery-close').addEventListener('click', () => showPanel(null));
  $('share-button').addEventListener('click', () => share().catch((err) => fail(String(err))));
  $('share-close').addEventListener('click', () => showPanel(null));
  $('notice-close').addEventListener('click', () => { $('notice').hidden = true; });
  $('open-button').addEventListener('click', pickFile);
  // A file dropped anywhere on the page opens as File > Open file... would.
  document.addEventListener('dragover', (e) => {
    if (e.dataTransfer && [...e.dataTransfer.types].includes('Files')) e.preventDefault();
  });
  document.addEventListener('drop', (e) => {
    if (!e.dataTransfer || !e.dataTransfer.files.length) return;
    e.preventDefault();
    openFile(e.dataTransfer.files[0]);
  });
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape') showPanel(null); });
  // Ctrl+V: a page reads the clipboard only in a paste event; the text goes to
  // the viewer's field being edited (the program editor, a jit.opt value).
  document.addEventListener('paste', (e) => {
    const text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
    if (!text || !viewer.module || document.activeElement !== $('canvas')) return;
    // Kept for ImGui's Ctrl+V, which reads it as the clipboard's text.
    if (viewer.call('ljp_viewer_paste', 'number', [text])) e.preventDefault();
  });

  async function main() {
    showProgress();
    // Everything is fetched at once, with the progress bar; the viewer starts
    // as soon as its files are in, the engine's worker as soon as its are (the
    // viewer's first run waits for it).
    const viewerFiles = Promise.all([fetchBytes('ljplay-viewer.js'), fetchWasm('ljplay-viewer.wasm')]);
    const engineStarted = Promise.all([fetchBytes('ljplay-engine.js'), fetchWasm('ljplay-engine.wasm')])
        .then(([script, wasm]) => {
          engine.scriptUrl = URL.createObjectURL(new Blob([script], {type: 'text/javascript'}));
          engine.wasmModule = wasm.module;
          mark('engineCompiled');
          spawnWorker();
        });
    Promise.all([viewerFiles, engineStarted]).then(() => {
      test.loadedMs = Math.round(performance.now());
    }, () => {});
    engineStarted.catch((err) => fail(`The engine could not start: ${err.message || err}`));

    // The viewer opens the first example and runs it, unless a link brings a program.
    const shared = location.hash.startsWith('#run=') ? location.hash.slice(5) : null;
    const lessonLink = parseLessonLink(location.hash);
    const [viewerScript, viewerWasm] = await viewerFiles;
    mark('viewerFiles');
    await startViewer(viewerScript, viewerWasm.module, shared || lessonLink ? ['--no-run'] : []);
    mark('viewerStarted');
    try {
      buildGallery();
    } catch (err) {
      fail(`No examples: ${err.message}`);
    }
    $('loading').hidden = true;
    if (!engine.ready) setStatus('starting the engine…');
    watchFirstFrame();
    $('canvas').focus();
    if (shared) await openShared(shared, true);
    if (lessonLink && !openLesson(lessonLink.name, lessonLink.step))
      openExample(catalog.examples[0].name, 'full');
    // A link pasted into the address bar of the open page.
    window.addEventListener('hashchange', () => {
      if (location.hash.startsWith('#run=')) openShared(location.hash.slice(5));
      const link = parseLessonLink(location.hash);
      if (link) openLesson(link.name, link.step);
    });
  }
  main().catch((err) => fail(`The playground could not start: ${err.message || err}`));
})();
