// The page in a real browser: Debian's Chromium (headless, WebGL 2 on
// SwiftShader) driven by playwright-core. Serves the built site on 127.0.0.1,
// loads it, runs the stitch examples through the viewer and the engine worker,
// and checks what the viewer shows against stock LuaJIT's output.
//   node page_test.js --site DIR --modules DIR --examples DIR --expected DIR --corpus DIR --out DIR
//     --site      the built site (build/wasm/site)
//     --modules   node_modules with playwright-core (setup.cmake installs it)
//     --examples  examples/ (the programs and their header comments)
//     --expected  each example's output from luajit-ref -joff (tests/wasm/examples)
//     --corpus    tests/lua (the type matrix and its stock output)
//     --out       where the screenshot and the browser's log go
// Prints one line per check, the time to the first frame, the gzip size of
// everything the page loaded, and "N passed, N failed"; exits 1 on a failure.
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const {parseOptions, check, colours, runInBrowser} = require('./harness');

const opts = parseOptions('page_test.js', ['site', 'modules', 'examples', 'expected', 'corpus', 'out']);

// The stitch cases: the abort reason in the fixed mode (README's table), and
// the assertion of the unprotected mode. stitch_chain has no failure case.
const STITCH_CASES = [
  ['maxsnap_stitch.lua', 'too many snapshots'],
  ['table_bump_stitch.lua', 'retry recording'],
  ['ir_grow_canon.lua', 'error thrown or hook called during recording'],
  ['snap_grow_stitch.lua', 'error thrown or hook called during recording'],
  ['ir_const_stitch.lua', 'not enough memory'],
];
const ASSERTION = 'unbalanced stack after hot instruction';
const BROKEN_MODE = 'unprotected';
const expectedOutput = (name) =>
  fs.readFileSync(path.join(opts.expected, name.replace(/\.lua$/, '.expected')), 'utf8');

runInBrowser(opts, 'browser.log', async ({browser, url, log}) => {
  let pagePolicy = '';  // the Content-Security-Policy the page came with
  const loaded = new Set();
  // A screen larger than the viewport: with the canvas as large as the
  // screen, Emscripten's GLFW would try to go fullscreen.
  const context = await browser.newContext({viewport: {width: 1280, height: 800},
                                            screen: {width: 1600, height: 1000}});
  const missing = [];  // what the page asked the server for in vain
  context.on('response', (response) => {
    if (!response.url().startsWith(url)) return;
    const where = new URL(response.url()).pathname;
    if (where === '/') pagePolicy = response.headers()['content-security-policy'] || '';
    if (response.ok()) loaded.add(where);
    else missing.push(`${response.status()} ${where}`);
  });
  const page = await context.newPage();
  page.on('console', (m) => log.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => log.push(`pageerror: ${e.message}`));

  // --- Loading -------------------------------------------------------------
  await page.goto(url);
  await page.waitForFunction(() => window.ljplayTest &&
      (window.ljplayTest.firstFrameMs !== null || window.ljplayTest.errors.length), null,
      {timeout: 90000});
  await page.waitForFunction(() => window.ljplayTest.engineReadyMs !== null ||
      window.ljplayTest.errors.length, null, {timeout: 90000});
  const start = await page.evaluate(() => ({
    firstFrameMs: ljplayTest.firstFrameMs, engineReadyMs: ljplayTest.engineReadyMs,
    loadedMs: ljplayTest.loadedMs, errors: ljplayTest.errors, sizes: ljplayTest.sizes,
    loadingShown: getComputedStyle(document.getElementById('loading')).display !== 'none',
    examples: ljplayTest.examples(), canvas: [document.getElementById('canvas').clientWidth,
                                              document.getElementById('canvas').clientHeight],
  }));
  check('the page loads without errors', start.errors.length === 0, start.errors.join('\n'));
  check('the page asks for nothing the site lacks', missing.length === 0, missing.join(', '));
  // Browsers ask for /favicon.ico (which the site lacks: a 404 on every load)
  // unless the page names its icon; headless Chromium does not ask at all.
  const icon = await page.evaluate(() => document.querySelector('link[rel="icon"]')?.href || '');
  check('the page names its icon inline (no favicon.ico request)',
        icon.startsWith('data:image/svg+xml,'), icon.slice(0, 80));
  check('the viewer draws', start.firstFrameMs !== null);
  check('the loading screen gives way to the viewer', !start.loadingShown);
  check('the canvas fills the window below the header',
        start.canvas[0] === 1280 && start.canvas[1] > 700 && start.canvas[1] < 800,
        start.canvas.join('x'));
  const gallery = start.examples.map((e) => e.name);
  const files = fs.readdirSync(opts.examples).filter((f) => f.endsWith('.lua'));
  check('the gallery has every example', files.every((f) => gallery.includes(f)),
        `${gallery.join(' ')} / ${files.join(' ')}`);
  check('the gallery lists the stitch cases first',
        STITCH_CASES.every(([name], i) => gallery[i] === name), gallery.join(' '));
  const maxsnap = start.examples.find((e) => e.name === 'maxsnap_stitch.lua');
  check('a gallery card tells what the example shows', maxsnap &&
        /snapshot limit/.test(maxsnap.title) && maxsnap.about.some((p) => /^Broken in:/.test(p)) &&
        maxsnap.options.join(' ').includes('--opt maxsnap=1'), JSON.stringify(maxsnap));

  // The viewer runs its first example by itself; the tests start after it.
  const first = await page.evaluate(() => window.ljplayTest.whenIdle());
  check('the first example runs at start-up', first.example === 'maxsnap_stitch.lua' &&
        first.output === expectedOutput('maxsnap_stitch.lua'), JSON.stringify(first).slice(0, 400));

  // --- Traces run in the browser (the C VM's trace executor) -------------------
  // The trace after each stitch starts when trace code reaches lj_cont_stitch:
  // the graph shows the chain 1 -> 2 -> 3.
  const chain = await page.evaluate(async () => {
    const state = await window.ljplayTest.runExample('stitch_chain.lua', 'full');
    return {state, graph: window.ljplayTest.dumpPane('graph')};
  });
  check('stitch_chain.lua runs its stitched traces: the graph shows 1 -> 2 -> 3',
        /edge stitch 1 -> 2 /.test(chain.graph) && /edge stitch 2 -> 3 /.test(chain.graph) &&
        chain.state.output === expectedOutput('stitch_chain.lua'), chain.graph);
  // A hot exit starts a side trace; the graph shows the exit edge and the trace
  // list counts the exits.
  const sideSource = 'local n = 0\nfor i = 1, 200 do if i > 60 then n = n + 1 end end\nprint(n)\n';
  const side = await page.evaluate(async (source) => {
    window.ljplayTest.openSource('side.lua', source, 'full');
    const state = await window.ljplayTest.whenIdle(60000);
    return {state, graph: window.ljplayTest.dumpPane('graph'),
            traces: window.ljplayTest.dumpPane('traces'), events: window.ljplayTest.dumpPane('events')};
  }, sideSource);
  check('a hot exit starts a side trace: the graph shows its exit edge',
        /edge side 1 -> 2 \(exit \d+\)/.test(side.graph) && side.state.output === '140\n',
        side.graph + JSON.stringify(side.state).slice(0, 300));
  check('the trace list counts the exits, the event log shows them',
        /trace 1 .* 1[01] exits through 2/.test(side.traces) &&
        /exit +trace 1 exit \d+ \(10; later ones sampled\) -> side\.lua:2 hot: side trace starts/.test(side.events),
        side.traces + side.events.split('\n').filter((l) => / exit /.test(l)).join('\n'));

  // A hot loop runs compiled to WebAssembly: the event log says so and the
  // machine-code pane lists the trace's WebAssembly, IR refs beside it.
  const hotSource = 'local s = 0\nfor i = 1, 100000 do s = s + i % 7 end\nprint(s)\n';
  const hot = await page.evaluate(async (source) => {
    window.ljplayTest.openSource('hot.lua', source, 'full');
    const state = await window.ljplayTest.whenIdle(60000);
    return {state, mcode: window.ljplayTest.dumpPane('mcode'),
            events: window.ljplayTest.dumpPane('events')};
  }, hotSource);
  check('a hot loop runs compiled: the machine-code pane shows its WebAssembly',
        /^WebAssembly of trace 1 \(\d+ bytes, compiled in [0-9.]+ ms/.test(hot.mcode) &&
        /\n0001 +local\.get \$base\n/.test(hot.mcode) &&
        /compiled +trace 1 to WebAssembly: \d+ bytes/.test(hot.events) &&
        hot.state.compiled === 1 && hot.state.output === '300000\n',
        hot.mcode.slice(0, 600) + hot.events.split('\n').filter((l) => /compiled/.test(l)).join('\n'));

  // --- The stitch cases, fixed and broken -------------------------------------
  const runExample = (name, mode) =>
    page.evaluate(([n, m]) => window.ljplayTest.runExample(n, m), [name, mode]);
  const responsive = () => page.evaluate(() => window.ljplayTest.isResponsive());
  const runs = [...STITCH_CASES.map(([name, reason]) => [name, 'full', reason]),
                ['stitch_chain.lua', 'full', null],
                ...STITCH_CASES.map(([name]) => [name, BROKEN_MODE, null])];
  for (const [name, mode, reason] of runs) {
    const t = Date.now();
    let state;
    try {
      state = await runExample(name, mode);
    } catch (err) {
      check(`${name} (${mode}) runs`, false, err.message);
      continue;
    }
    const what = `${name} (${mode}, ${Date.now() - t} ms)`;
    check(`${what}: the viewer shows the example in that mode`,
          state.example === name && state.stitch_mode === mode,
          `${state.example} ${state.stitch_mode}`);
    if (mode === 'full') {
      check(`${what}: ends normally, no assertion`, state.end_status === 'ok' && !state.assertion,
            `${state.end_status} ${state.end_message || ''} ${state.assertion || ''}`);
      if (reason) {
        check(`${what}: aborts with "${reason}"`,
              (state.abort_reasons || []).some((r) => r.includes(reason)),
              JSON.stringify(state.abort_reasons));
      }
      check(`${what}: prints what stock LuaJIT prints`, state.output === expectedOutput(name),
            JSON.stringify(state.output));
    } else {
      check(`${what}: LuaJIT's assertion "${ASSERTION}" is shown`,
            state.end_status === 'assert' && String(state.assertion).includes(ASSERTION),
            `${state.end_status} ${JSON.stringify(state.assertion)}`);
    }
    check(`${what}: the page answers afterwards`, await responsive());
  }

  // --- The gallery and the Share button, clicked -----------------------------------
  await page.click('#examples-button');
  await page.selectOption('#gallery-mode', 'cpcall-2024');
  await page.click('.card[data-name="ir_grow_canon.lua"]');
  const picked = await page.evaluate(async () => ({
    state: await window.ljplayTest.whenIdle(),
    galleryHidden: document.getElementById('gallery').hidden,
  })).catch((err) => ({error: err.message}));
  check('a gallery card runs its example in the stitch mode picked there',
        picked.galleryHidden && picked.state.example === 'ir_grow_canon.lua' &&
        picked.state.stitch_mode === 'cpcall-2024' && picked.state.end_status === 'ok',
        JSON.stringify(picked).slice(0, 400));
  // share() compresses asynchronously: the link is there once the note is.
  await page.evaluate(() => { document.getElementById('share-note').textContent = ''; });
  await page.click('#share-button');
  await page.waitForFunction(() => document.getElementById('share-note').textContent !== '',
                             null, {timeout: 30000});
  const shareLink = await page.inputValue('#share-url');
  const sharedBack = await page.evaluate(async (link) => {
    return window.ljplayTest.decodeShare(link.slice(link.indexOf('#run=') + 5));
  }, shareLink).catch((err) => ({error: err.message}));
  check('Share links the run on screen', shareLink.startsWith(`${url}#run=`) &&
        sharedBack.chunkname === 'ir_grow_canon.lua' && sharedBack.stitch_mode === 'cpcall-2024' &&
        sharedBack.faults.join() === 'ir-grow=canon' &&
        sharedBack.source === fs.readFileSync(path.join(opts.examples, 'ir_grow_canon.lua'), 'utf8'),
        JSON.stringify(sharedBack).slice(0, 400));
  await page.click('#share-close');

  // --- Stop and the time limit: the worker is killed, the page goes on ----------
  const loop = 'local n = 0\nwhile true do n = n + 1 end\n';
  await page.evaluate((source) => window.ljplayTest.openSource('loop.lua', source, 'full'), loop);
  await page.waitForTimeout(1500);
  check('an endless loop leaves the page responsive', await responsive());
  const stopped = await page.evaluate(async () => {
    window.ljplayTest.stop();
    return window.ljplayTest.whenIdle(10000);
  }).catch((err) => ({error: err.message}));
  check('Stop ends the endless loop', stopped.end_status === 'killed' && stopped.stopped,
        JSON.stringify(stopped).slice(0, 400));
  const trapped = await page.evaluate(async (source) => {
    window.ljplayTest.trapNextRun(5);
    window.ljplayTest.openSource('trapped.lua', source, 'full');
    await new Promise((resolve) => setTimeout(resolve, 100));
    return window.ljplayTest.whenIdle(10000);
  }, loop).catch((err) => ({error: err.message}));
  check('an engine that traps mid-run: its lines are shown, the run ends as a crash',
        trapped.end_status === 'crash' && /engine crashed/.test(trapped.end_message) &&
        trapped.events === 5, JSON.stringify(trapped).slice(0, 400));
  const limited = await page.evaluate(async (source) => {
    const t = performance.now();
    window.ljplayTest.openSource('limited.lua', '-- ljplay: --max-time 1\n' + source, 'full');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const state = await window.ljplayTest.whenIdle(20000);
    return {...state, ms: performance.now() - t};
  }, loop).catch((err) => ({error: err.message}));
  check(`a run past its wall-time budget is stopped (${Math.round(limited.ms)} ms), ` +
        'its loop compiled to WebAssembly',
        limited.end_status === 'budget' && /wall-time/.test(limited.end_message) &&
        limited.compiled >= 1,
        JSON.stringify(limited).slice(0, 400));
  // Runtime errors say where, as the CLI does ("deep.lua:1: stack overflow").
  const deep = await page.evaluate(async () => {
    window.ljplayTest.openSource('deep.lua', 'local function f() return f() + 1 end\nf()\n',
                                 'full');
    await new Promise((resolve) => setTimeout(resolve, 100));
    return window.ljplayTest.whenIdle(20000);
  }).catch((err) => ({error: err.message}));
  check('a runtime error keeps its location: deep.lua:1: stack overflow',
        deep.end_status === 'error' && /^deep\.lua:1: stack overflow/.test(deep.end_message),
        JSON.stringify(deep).slice(0, 400));
  const after = await runExample('maxsnap_stitch.lua', 'full').catch((err) => ({error: err.message}));
  check('a run after them works', after.output === expectedOutput('maxsnap_stitch.lua'),
        JSON.stringify(after.output || after.error));

  // --- Every operand type: `io.stdout == io.stderr` once stopped the engine ----
  const matrixName = '70-type-matrix.lua';
  const matrix = await page.evaluate(async ([name, source]) => {
    window.ljplayTest.openSource(name, source, 'full');
    await new Promise((resolve) => setTimeout(resolve, 100));
    return window.ljplayTest.whenIdle(120000);
  }, [matrixName, fs.readFileSync(path.join(opts.corpus, matrixName), 'utf8')])
      .catch((err) => ({error: err.message}));
  check('the type matrix (every operator and library function on every operand type) ' +
        'prints what stock LuaJIT prints',
        matrix.end_status === 'ok' && !matrix.assertion &&
        matrix.output === fs.readFileSync(path.join(opts.corpus, '70-type-matrix.expected'), 'utf8'),
        JSON.stringify({status: matrix.end_status, message: matrix.end_message, error: matrix.error,
                        output: (matrix.output || '').slice(0, 300)}));
  check('the page answers after the type matrix', await responsive());
  const engineState = await page.evaluate(() => window.ljplayTest.engine());
  console.log(`engine: ${engineState.runs} runs in ${engineState.workersStarted} workers`);

  // --- Share links ----------------------------------------------------------------
  const sharedSource = "-- shared\nlocal s = 0\nfor i = 1, 300 do s = s + i % 7 + #os.date('!%d', 0) end\nprint('shared', s)\n";
  const link = await page.evaluate(async (source) => {
    const data = await window.ljplayTest.encodeShare({source, chunkname: 'examples/shared.lua',
        settings: [{kind: 'O', text: 'maxsnap=1'}], faults: ['ir-grow'], stitch_mode: 'cpcall-2024'});
    return {data, back: await window.ljplayTest.decodeShare(data),
            url: window.ljplayTest.shareUrl(data)};
  }, sharedSource);
  check('a share link holds source, options, faults and stitch mode',
        /^[A-Za-z0-9_-]+$/.test(link.data) && link.back.source === sharedSource &&
        link.back.chunkname === 'shared.lua' && link.back.settings[0].text === 'maxsnap=1' &&
        link.back.faults[0] === 'ir-grow' && link.back.stitch_mode === 'cpcall-2024',
        JSON.stringify(link.back));
  const shared = await context.newPage();
  shared.on('pageerror', (e) => log.push(`shared pageerror: ${e.message}`));
  await shared.goto(link.url);
  await shared.waitForFunction(() => window.ljplayTest && window.ljplayTest.firstFrameMs !== null,
                               null, {timeout: 90000});
  const sharedRun = await shared.evaluate(async () => {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const state = await window.ljplayTest.whenIdle(60000);
    const recent = window.ljplayTest.engine().recent;
    return {state, request: JSON.parse(recent[recent.length - 1])};
  }).catch((err) => ({error: err.message}));
  const r = sharedRun.request || {};
  check('opening a share link runs its program with its options, faults and stitch mode',
        r.chunkname === 'shared.lua' && r.stitch_mode === 'cpcall-2024' &&
        (r.faults || [])[0] === 'ir-grow' && (r.settings || []).some((s) => s.text === 'maxsnap=1') &&
        r.source === '-- ljplay: --opt maxsnap=1 --fault ir-grow\n' + sharedSource &&
        sharedRun.state.output === 'shared\t1503\n' &&
        sharedRun.state.abort_reasons.some((a) => /too many snapshots/.test(a)),
        JSON.stringify(sharedRun).slice(0, 800));
  await shared.close();

  // --- Links from anyone: each gives its message, the page goes on ------------------
  const linkOf = (json) => zlib.deflateRawSync(Buffer.from(JSON.stringify(json))).toString('base64url');
  const bomb = linkOf({v: 1, source: '-- ' + 'a'.repeat(100 << 20)});
  const bombed = await context.newPage();
  bombed.on('pageerror', (e) => log.push(`bombed pageerror: ${e.message}`));
  await bombed.goto(`${url}#run=${bomb}`);
  const afterBomb = await bombed.evaluate(async () => {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const until = performance.now() + 60000;
    while (!window.ljplayTest.errors.length && performance.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const state = await window.ljplayTest.whenIdle(60000);
    const notice = document.getElementById('notice');
    return {errors: window.ljplayTest.errors, state,
            notice: notice.hidden ? '' : notice.textContent};
  }).catch((err) => ({error: err.message}));
  check(`a link that inflates to 100 MB (${bomb.length} characters) is refused with its limit`,
        (afterBomb.errors || []).some((e) => /program is larger than 4\.1 MB \(the limit\)/.test(e)) &&
        /larger than 4\.1 MB/.test(afterBomb.notice),
        JSON.stringify(afterBomb).slice(0, 600));
  check('after it the first example runs as usual',
        afterBomb.state && afterBomb.state.example === 'maxsnap_stitch.lua' &&
        afterBomb.state.output === expectedOutput('maxsnap_stitch.lua'),
        JSON.stringify(afterBomb.state || afterBomb).slice(0, 400));
  const hostile = [
    ['a link that is not base64url', '%%not*base64url!', /not base64url text/],
    ['a link that is not deflate data', Buffer.from('plain words, not deflate').toString('base64url'),
     /not deflate-compressed data/],
    ['a link whose JSON is no run', linkOf([1, 2, 3]), /holds a list, not a playground run/],
    ['a link whose source is a number', linkOf({source: 42}), /"source" is a number, not text/],
    ['a link whose options are no list', linkOf({source: 'print(1)', settings: 'maxsnap=1'}),
     /"settings" is a string, not a list/],
    ['a link whose faults are numbers', linkOf({source: 'print(1)', faults: [1, 2]}),
     /faults\[0\] is a number, not text/],
    ['a link with 10000 options', linkOf({source: 'print(1)',
        settings: Array.from({length: 10000}, () => ({kind: 'O', text: 'hotloop=1'}))}),
     /it has 10000 settings; the limit is 64/],
    ['a link whose program is over the viewer\'s 4 MB', linkOf({source: '--' + 'x'.repeat(4150 << 10)}),
     /program\.lua is 4\.1 MB: the playground takes programs of up to 4 MB/],
  ];
  for (const [what, data, message] of hostile) {
    const result = await bombed.evaluate(async (data) => {
      const before = window.ljplayTest.errors.length;
      location.hash = `#run=${data}`;
      const until = performance.now() + 30000;
      while (window.ljplayTest.errors.length === before && performance.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return {error: window.ljplayTest.errors[window.ljplayTest.errors.length - 1] || '',
              new: window.ljplayTest.errors.length > before, path: window.ljplayTest.state().path};
    }, data).catch((err) => ({error: err.message}));
    check(`${what}: "${(result.error || '').replace(/^This link's program cannot be opened: /, '')}"`,
          result.new && message.test(result.error) && result.path === 'examples/maxsnap_stitch.lua',
          JSON.stringify(result).slice(0, 400));
    check(`${what}: the page answers afterwards`,
          await bombed.evaluate(() => window.ljplayTest.isResponsive()));
  }
  const afterAll = await bombed.evaluate(() => window.ljplayTest.runExample('maxsnap_stitch.lua', 'full'))
      .catch((err) => ({error: err.message}));
  check('after every refused link the first example still runs',
        afterAll.output === expectedOutput('maxsnap_stitch.lua'), JSON.stringify(afterAll).slice(0, 300));
  await bombed.close();

  // --- A picture of it -----------------------------------------------------------
  await runExample('maxsnap_stitch.lua', BROKEN_MODE).catch(() => null);
  await page.waitForTimeout(500);
  const shot = path.join(opts.out, 'page.png');
  await page.screenshot({path: shot});
  const n = colours(shot);
  check(`the screenshot is not blank (${n} colours, ${shot})`, n > 20);

  // --- Idle: nothing changes on screen, so nothing is drawn ----------------------
  await page.waitForTimeout(1500);  // the frames after the last change
  const idle = await page.evaluate(async () => {
    const before = window.ljplayTest.state();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const after = window.ljplayTest.state();
    return {frames: after.frame - before.frame, ticks: after.ticks - before.ticks};
  });
  console.log(`idle for 3 s: ${idle.frames} frames drawn of ${idle.ticks} the browser offered`);
  check(`an idle page draws at most a handful of frames in 3 s (${idle.frames})`,
        idle.frames <= 5 && idle.ticks >= 30, JSON.stringify(idle));
  const framesBefore = await page.evaluate(() => window.ljplayTest.state().frame);
  await page.mouse.move(640, 400);
  await page.mouse.move(660, 420);
  await page.waitForTimeout(300);
  const framesAfter = await page.evaluate(() => window.ljplayTest.state().frame);
  check('the mouse wakes it: frames are drawn again', framesAfter > framesBefore,
        `${framesBefore} -> ${framesAfter}`);

  // --- Figures -----------------------------------------------------------------
  loaded.add('/engine-worker.js');  // loaded by the worker, which the page may not report
  loaded.add('/ljplay-engine.js');
  let total = 0;
  const sizes = [];
  for (const p of [...loaded].sort()) {
    const file = path.join(opts.site, p === '/' ? 'index.html' : p);
    if (!fs.existsSync(file)) continue;
    const bytes = fs.readFileSync(file);
    const gz = zlib.gzipSync(bytes, {level: 9}).length;
    total += gz;
    sizes.push(`${p === '/' ? '/index.html' : p} ${bytes.length} B, gzip ${gz} B`);
  }
  console.log(`first interactive frame: ${start.firstFrameMs} ms after navigation ` +
              `(files loaded at ${start.loadedMs} ms, engine ready at ${start.engineReadyMs} ms)`);
  console.log(`everything the page loads: ${(total / 1048576).toFixed(3)} MB gzip (${total} B)`);
  for (const s of sizes) console.log(`  ${s}`);
  check('everything the page loads is at most 1.5 MB gzip', total <= 1.5 * 1048576, total);
  // Everything above ran under the policy the README gives for hosting the page.
  check(`the page works under its Content-Security-Policy (${pagePolicy})`,
        /'wasm-unsafe-eval'/.test(pagePolicy) &&
        !log.some((line) => /Content Security Policy/.test(line)),
        log.filter((line) => /Content Security Policy/.test(line)).join('\n'));
});
