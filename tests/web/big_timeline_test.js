// A big timeline in the page: one the native build records from a
// recording-heavy program (bench/capture/many_traces.lua, --events of them),
// opened in the page as a file; then stepping one recorded bytecode per
// frame, as holding the step key does. Prints the load time, the frames per
// second while stepping and the viewer's memory per event; checks that the
// timeline arrives whole and that stepping keeps --min-fps frames per second
// (headless Chromium's software renderer, 1280x720; the best of three runs),
// or, on a machine whose software renderer is slower than that for a small
// timeline of the same program, 90% of the small timeline's rate.
//   node big_timeline_test.js --site DIR --modules DIR --out DIR --ljplay NATIVE_LJPLAY
//        --program many_traces.lua --chunks N --min-events E [--min-fps 30] [--frames 120]
'use strict';
const {execFileSync} = require('child_process');
const fs = require('fs');
const path = require('path');
const {parseOptions, check, whenPageReady, runInBrowser} = require('./harness');

const opts = parseOptions('big_timeline_test.js',
                          ['site', 'modules', 'out', 'ljplay', 'program', 'chunks', 'min-events']);
const minFps = Number(opts['min-fps'] || 30);
if (!fs.existsSync(opts.ljplay)) {  // the native preset records the timeline (test.sh builds it first)
  console.log(`skipped: no native ljplay at ${opts.ljplay}`);
  process.exit(77);
}
const frames = Number(opts.frames || 120);

// The timeline, recorded natively, served beside the page (a copy of the site).
const site = path.join(opts.out, 'big-site');
fs.rmSync(site, {recursive: true, force: true});
fs.cpSync(opts.site, site, {recursive: true});
// A small timeline of the same program too: the machine's own frame rate for
// the page, to tell the viewer's per-event cost from a slow software renderer.
const record = (name, chunks) => {
  const file = path.join(site, name);
  execFileSync(opts.ljplay, ['run', opts.program, String(chunks), '--timeline', file,
                             '--timeline-cap', String(4 * 1024 ** 3), '--max-time', '600'],
               {stdio: ['ignore', 'ignore', 'inherit']});
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l).length - 1;
};
const smallEvents = record('small.jsonl', 100);
const events = record('big.jsonl', opts.chunks);
const megabytes = fs.statSync(path.join(site, 'big.jsonl')).size / (1 << 20);
console.log(`recorded: ${events} events, ${megabytes.toFixed(1)} MB (and ${smallEvents} in the small one)`);
check(`the native build recorded at least ${opts['min-events']} events (${events})`,
      events >= Number(opts['min-events']));

runInBrowser({...opts, site}, 'big_timeline_page.log', async ({browser, url, log}) => {
  const context = await browser.newContext({viewport: {width: 1280, height: 720}});
  const page = await context.newPage();
  page.on('console', (m) => log.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => log.push(`pageerror: ${e.message}`));
  await page.goto(url);
  const startErrors = await whenPageReady(page);
  check('the page starts', startErrors.length === 0, startErrors.join('; '));
  await page.evaluate(() => window.ljplayTest.whenIdle());

  // --- Open a timeline file served beside the page --------------------------------
  const open = (name) => page.evaluate(async (name) => {
    const t0 = performance.now();
    const blob = await (await fetch(name)).blob();
    const fetched = performance.now();
    const ok = await window.ljplayTest.openFile(new File([blob], name));
    const state = await window.ljplayTest.whenIdle(600000);
    return {ok, fetchMs: fetched - t0, openMs: performance.now() - fetched, state,
            errors: window.ljplayTest.errors.slice(),
            wasmBytes: window.ljplayTest.wasmMemoryBytes()};
  }, name);

  // --- Step through the open timeline: one recorded bytecode per frame ------------
  // The best of up to three runs of `frames` steps, each from the start: on a
  // 2-core machine another process can take a frame's time now and then, and
  // the question is what the viewer can keep up, not how busy the machine is.
  const stepOnce = () => page.evaluate(async (n) => {
    const test = window.ljplayTest;
    const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
    test.moveCursor('start');
    await nextFrame();
    await nextFrame();
    const before = test.state();
    const t0 = performance.now();
    for (let i = 0; i < n; ++i) {
      test.moveCursor('next-step');
      await nextFrame();
    }
    const ms = performance.now() - t0;
    const after = test.state();
    return {ms, drawn: after.frame - before.frame, from: before.cursor, to: after.cursor};
  }, frames);
  const step = async (what, enough) => {
    let best = {fps: 0};
    for (let run = 1; run <= 3 && best.fps < enough; ++run) {
      const s = await stepOnce();
      s.fps = s.drawn / (s.ms / 1000);
      console.log(`stepping ${what}, run ${run}: ${frames} steps in ${(s.ms / 1000).toFixed(2)} s, ` +
                  `${s.drawn} frames drawn: ${s.fps.toFixed(1)} frames/s (cursor ${s.from} -> ${s.to})`);
      if (s.fps > best.fps) best = s;
    }
    check(`stepping ${what}: each step moved the cursor and drew a frame ` +
          `(${best.drawn} frames for ${frames} steps)`, best.to > best.from && best.drawn >= frames);
    return best;
  };

  const small = await open('small.jsonl');
  check('the page opens the small timeline', small.ok && small.state.events === smallEvents,
        JSON.stringify({ok: small.ok, events: small.state.events, errors: small.errors}));
  const smallStepped = await step('the small timeline', Infinity);

  const opened = await open('big.jsonl');
  console.log(`opened in ${(opened.openMs / 1000).toFixed(1)} s (fetch ${(opened.fetchMs / 1000).toFixed(1)} s): ` +
              `${opened.state.events} events, the viewer's memory ${(opened.wasmBytes / (1 << 20)).toFixed(0)} MB ` +
              `(${Math.round(opened.wasmBytes / opened.state.events)} bytes per event)`);
  check('the page opens the whole timeline', opened.ok && opened.state.events === events &&
        opened.errors.length === 0, JSON.stringify({ok: opened.ok, events: opened.state.events,
                                                    errors: opened.errors}));
  // Where this machine's software renderer draws the page under minFps even
  // for the small timeline, the big one must step as fast as the small one.
  const floor = Math.min(minFps, 0.9 * smallStepped.fps);
  const stepped = await step('the big timeline', floor);
  check(`stepping the big timeline keeps at least ${floor.toFixed(1)} frames/s (${stepped.fps.toFixed(1)}; ` +
        `${minFps}, or 90% of the small timeline's ${smallStepped.fps.toFixed(1)} where that is lower)`,
        stepped.fps >= floor);
  await page.screenshot({path: path.join(opts.out, 'big-timeline.png')});
  await context.close();
});
