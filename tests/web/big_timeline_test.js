// A big timeline in the page: one the native build records from a
// recording-heavy program (bench/capture/many_traces.lua, --events of them),
// opened in the page as a file; then stepping one recorded bytecode per
// frame, as holding the step key does. Prints the load time, the frames per
// second while stepping and the viewer's memory per event; checks that the
// timeline arrives whole and that stepping keeps --min-fps frames per second
// (headless Chromium's software renderer, 1280x720).
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
const file = path.join(site, 'big.jsonl');
execFileSync(opts.ljplay, ['run', opts.program, opts.chunks, '--timeline', file,
                           '--timeline-cap', String(4 * 1024 ** 3), '--max-time', '600'],
             {stdio: ['ignore', 'ignore', 'inherit']});
const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l).length;
const megabytes = fs.statSync(file).size / (1 << 20);
console.log(`recorded: ${lines - 1} events, ${megabytes.toFixed(1)} MB`);
check(`the native build recorded at least ${opts['min-events']} events (${lines - 1})`,
      lines - 1 >= Number(opts['min-events']));

runInBrowser({...opts, site}, 'big_timeline_page.log', async ({browser, url, log}) => {
  const context = await browser.newContext({viewport: {width: 1280, height: 720}});
  const page = await context.newPage();
  page.on('console', (m) => log.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => log.push(`pageerror: ${e.message}`));
  await page.goto(url);
  const startErrors = await whenPageReady(page);
  check('the page starts', startErrors.length === 0, startErrors.join('; '));
  await page.evaluate(() => window.ljplayTest.whenIdle());

  // --- Open it ---------------------------------------------------------------------
  const opened = await page.evaluate(async () => {
    const t0 = performance.now();
    const blob = await (await fetch('big.jsonl')).blob();
    const fetched = performance.now();
    const ok = await window.ljplayTest.openFile(new File([blob], 'big.jsonl'));
    const state = await window.ljplayTest.whenIdle(600000);
    return {ok, fetchMs: fetched - t0, openMs: performance.now() - fetched, state,
            errors: window.ljplayTest.errors.slice(),
            wasmBytes: window.ljplayTest.wasmMemoryBytes()};
  });
  console.log(`opened in ${(opened.openMs / 1000).toFixed(1)} s (fetch ${(opened.fetchMs / 1000).toFixed(1)} s): ` +
              `${opened.state.events} events, the viewer's memory ${(opened.wasmBytes / (1 << 20)).toFixed(0)} MB ` +
              `(${Math.round(opened.wasmBytes / opened.state.events)} bytes per event)`);
  check('the page opens the whole timeline', opened.ok && opened.state.events === lines - 1 &&
        opened.errors.length === 0, JSON.stringify({ok: opened.ok, events: opened.state.events,
                                                    errors: opened.errors}));

  // --- Step through it: one recorded bytecode per frame ---------------------------
  const stepped = await page.evaluate(async (n) => {
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
  const fps = stepped.drawn / (stepped.ms / 1000);
  console.log(`stepping: ${frames} steps in ${(stepped.ms / 1000).toFixed(2)} s, ${stepped.drawn} frames ` +
              `drawn: ${fps.toFixed(1)} frames/s (cursor ${stepped.from} -> ${stepped.to})`);
  check(`each step moved the cursor and drew a frame (${stepped.drawn} frames for ${frames} steps)`,
        stepped.to > stepped.from && stepped.drawn >= frames);
  check(`stepping keeps at least ${minFps} frames/s (${fps.toFixed(1)})`, fps >= minFps);
  await page.screenshot({path: path.join(opts.out, 'big-timeline.png')});
  await context.close();
});
