// The page as an everyday tool, in a real browser: the layout at common window
// sizes (and HiDPI), the bars between panes and the layout remembered, a pane
// maximised, copy and paste through the browser's clipboard, the timeline
// saved (downloaded) and opened again, a timeline recorded by the native build
// opened in the page, a program dropped on the page, a file that is no
// timeline refused.
//   node tools_test.js --site DIR --modules DIR --examples DIR --expected DIR --out DIR
//                      [--ljplay PATH]
//     --ljplay  the native build's ljplay, to record the native timeline (the
//               check is skipped, and says so, when it is not built)
// Screenshots at each size go to --out (layout-WxH.png, layout-WxH@2x.png).
'use strict';
const {execFileSync} = require('child_process');
const fs = require('fs');
const path = require('path');
const {parseOptions, check, colours, whenPageReady, runInBrowser} = require('./harness');

const opts = parseOptions('tools_test.js', ['site', 'modules', 'examples', 'expected', 'out']);
const expectedOutput = (name) =>
  fs.readFileSync(path.join(opts.expected, name.replace(/\.lua$/, '.expected')), 'utf8');

// The issue's sizes: laptop, common office screen, full HD, and a HiDPI laptop.
const SIZES = [[1280, 720, 1], [1366, 768, 1], [1920, 1080, 1], [1280, 720, 2]];
const PANES = ['source', 'recorder', 'ir', 'stack', 'traces', 'log'];

// A context whose screen is larger than its window (Emscripten's GLFW would
// try to go fullscreen with a canvas the size of the screen).
function newContext(browser, width, height, scale = 1) {
  return browser.newContext({viewport: {width, height}, screen: {width: width + 320, height: height + 320},
                             deviceScaleFactor: scale, acceptDownloads: true});
}

async function openPage(context, url, log) {
  const page = await context.newPage();
  page.on('console', (m) => log.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => log.push(`pageerror: ${e.message}`));
  await page.goto(url);
  const errors = await whenPageReady(page);
  if (errors.length) throw new Error(`the page failed to start: ${errors.join('; ')}`);
  await page.evaluate(() => window.ljplayTest.whenIdle());
  return page;
}

// The viewer draws a few frames after each change; the layout report is the
// last frame's.
async function layoutAfterFrames(page) {
  await page.waitForTimeout(250);
  return page.evaluate(() => window.ljplayTest.layout());
}

// A point of the viewer (its window's pixels) as page coordinates.
async function toPage(page, [x, y]) {
  const r = await page.evaluate(() => {
    const b = document.getElementById('canvas').getBoundingClientRect();
    return {left: b.left, top: b.top, ratio: window.devicePixelRatio};
  });
  return [r.left + x / r.ratio, r.top + y / r.ratio];
}

const paneOf = (layout, name) => layout.panes.find((p) => p.name === name);

// A file dropped on the canvas, as a user drags one from the desktop.
async function dropFile(page, name, text) {
  const errorsBefore = await page.evaluate(() => window.ljplayTest.errors.length);
  await page.evaluate(([name, text]) => {
    const data = new DataTransfer();
    data.items.add(new File([text], name, {type: 'text/plain'}));
    const canvas = document.getElementById('canvas');
    for (const type of ['dragenter', 'dragover', 'drop'])
      canvas.dispatchEvent(new DragEvent(type, {dataTransfer: data, bubbles: true, cancelable: true}));
  }, [name, text]);
  await page.waitForFunction(([name, before]) =>
      window.ljplayTest.state().path === name || window.ljplayTest.errors.length > before,
      [name, errorsBefore], {timeout: 30000});
  const state = await page.evaluate(() => window.ljplayTest.whenIdle());
  const errors = await page.evaluate((n) => window.ljplayTest.errors.slice(n), errorsBefore);
  return {state, errors};
}

async function layoutAtEachSize(browser, url, log) {
  for (const [width, height, scale] of SIZES) {
    const name = `${width}x${height}${scale > 1 ? `@${scale}x` : ''}`;
    const context = await newContext(browser, width, height, scale);
    try {
      const page = await openPage(context, url, log);
      await page.evaluate(() => window.ljplayTest.runExample('stitch_chain.lua', 'full'));
      const layout = await layoutAfterFrames(page);
      const shot = path.join(opts.out, `layout-${name}.png`);
      await page.screenshot({path: shot});
      const sizes = layout.panes.map((p) => `${p.name} ${Math.round(p.width)}x${Math.round(p.height)}`);
      console.log(`layout ${name}: source ${layout.source_columns} columns; ${sizes.join(', ')}`);
      check(`${name}: the source pane shows at least 60 columns (${layout.source_columns})`,
            layout.source_columns >= 60, JSON.stringify(layout));
      check(`${name}: no table header is cut`, layout.cut_headers.length === 0,
            layout.cut_headers.join(', '));
      check(`${name}: every pane is on screen`,
            PANES.every((n) => paneOf(layout, n) && paneOf(layout, n).height > 40), sizes.join(', '));
      check(`${name}: the screenshot is not blank (${shot})`, colours(shot) > 20);
    } finally {
      await context.close();
    }
  }
}

runInBrowser(opts, 'tools-browser.log', async ({browser, url, log}) => {
  // --- Layout at each window size -------------------------------------------------
  await layoutAtEachSize(browser, url, log);

  const context = await newContext(browser, 1280, 800);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {origin: url});
  let page = await openPage(context, url, log);
  await page.evaluate(async () => {
    await window.ljplayTest.runExample('stitch_chain.lua', 'full');
    window.ljplayTest.moveCursor('first-stitch');
  });
  let layout = await layoutAfterFrames(page);

  // --- Copy: Ctrl+C in a pane, the Copy button ----------------------------------
  const ir = paneOf(layout, 'ir');
  await page.mouse.click(...await toPage(page, [ir.x + ir.width / 2, ir.y + ir.height * 0.6]));
  await page.keyboard.press('Control+C');
  await page.waitForTimeout(300);
  const copiedIr = await page.evaluate(async () => ({
    copied: window.ljplayTest.copiedText(), clipboard: await navigator.clipboard.readText(),
    pane: window.ljplayTest.dumpPane('ir')}));
  check('Ctrl+C in the IR pane puts its text on the clipboard',
        copiedIr.pane.includes('SLOAD') && copiedIr.copied === copiedIr.pane &&
        copiedIr.clipboard === copiedIr.pane, JSON.stringify(copiedIr).slice(0, 600));
  const traces = paneOf(layout, 'traces');
  await page.mouse.click(...await toPage(page, traces.copy));
  await page.waitForTimeout(300);
  const copiedTraces = await page.evaluate(async () => ({
    clipboard: await navigator.clipboard.readText(), pane: window.ljplayTest.dumpPane('traces')}));
  check('the trace list\'s Copy button copies the trace list',
        /trace 3 /.test(copiedTraces.pane) && copiedTraces.clipboard === copiedTraces.pane,
        JSON.stringify(copiedTraces).slice(0, 600));

  // --- Paste (Ctrl+V) into a field: the event log's filter ----------------------
  const events = paneOf(layout, 'log');
  await page.evaluate(() => navigator.clipboard.writeText('stitch'));
  await page.mouse.click(...await toPage(page, [events.x + events.width / 2, events.copy[1] + 25]));
  await page.keyboard.press('Control+V');  // at once: the click may not have reached ImGui yet
  await page.waitForTimeout(300);
  const filtered = (await page.evaluate(() => window.ljplayTest.dumpPane('events')))
      .split('\n').filter((line) => line);
  check('Ctrl+V pastes the clipboard into the field being edited (the event filter)',
        filtered.length > 0 && filtered.every((line) => /stitch/.test(line)),
        filtered.slice(0, 10).join('\n'));
  await page.keyboard.press('Escape');

  // --- Maximise and back ----------------------------------------------------------
  const source = paneOf(layout, 'source');
  await page.mouse.click(...await toPage(page, source.maximise));
  const maximised = await layoutAfterFrames(page);
  check('Max fills the playground with one pane',
        maximised.panes.length === 1 && maximised.panes[0].name === 'source' &&
        maximised.panes[0].width >= source.width + paneOf(layout, 'recorder').width &&
        maximised.panes[0].height >= source.height + ir.height,
        JSON.stringify(maximised.panes));
  await page.mouse.click(...await toPage(page, [source.x + 100, source.y + 200]));
  await page.keyboard.press('Escape');
  const restored = await layoutAfterFrames(page);
  check('Escape brings every pane back', PANES.every((n) => paneOf(restored, n)),
        JSON.stringify(restored.panes.map((p) => p.name)));

  // --- Drag a bar; the layout is remembered --------------------------------------
  const bar = [source.x + source.width + 4, source.y + source.height / 2];
  const [bx, by] = await toPage(page, bar);
  await page.mouse.move(bx, by);
  await page.mouse.down();
  for (let dx = 10; dx <= 120; dx += 10) await page.mouse.move(bx - dx, by);
  await page.mouse.up();
  const dragged = await layoutAfterFrames(page);
  const narrower = paneOf(dragged, 'source').width;
  check(`dragging the bar left of the recorder pane narrows the source pane by 120 px (${source.width} -> ${narrower})`,
        Math.abs(source.width - 120 - narrower) <= 3 &&
        Math.abs(paneOf(dragged, 'recorder').width - paneOf(layout, 'recorder').width - 120) <= 3,
        JSON.stringify(dragged.panes));
  await page.reload();
  await whenPageReady(page);
  await page.evaluate(() => window.ljplayTest.whenIdle());
  const reloaded = await layoutAfterFrames(page);
  check('the page remembers the layout (local storage)',
        Math.abs(paneOf(reloaded, 'source').width - narrower) <= 2, JSON.stringify(reloaded.panes));
  await page.mouse.dblclick(...await toPage(page, [narrower + paneOf(reloaded, 'source').x + 4, bar[1]]));
  const reset = await layoutAfterFrames(page);
  check('a double-click on the bar puts the row back to its default',
        Math.abs(paneOf(reset, 'source').width - source.width) <= 2, JSON.stringify(reset.panes));

  // --- Save the timeline (a download), open it again -----------------------------
  await page.evaluate(() => window.ljplayTest.runExample('stitch_chain.lua', 'full'));
  const before = await page.evaluate(() => ({state: window.ljplayTest.state(),
                                             traces: window.ljplayTest.dumpPane('traces')}));
  await page.mouse.click(...await toPage(page, [640, 40]));  // the canvas has the keyboard
  const [download] = await Promise.all([page.waitForEvent('download', {timeout: 15000}),
                                        page.keyboard.press('Control+S')]);
  const saved = path.join(opts.out, 'saved.jsonl');
  await download.saveAs(saved);
  const lines = fs.readFileSync(saved, 'utf8').split('\n').filter((l) => l);
  check(`Ctrl+S downloads the timeline as ${download.suggestedFilename()}`,
        download.suggestedFilename() === 'stitch_chain.jsonl' &&
        lines.length === before.state.events + 1 && JSON.parse(lines[0]).chunkname !== undefined,
        `${lines.length} lines for ${before.state.events} events`);
  await page.evaluate(() => window.ljplayTest.openSource('other.lua', 'print(1)\n'));
  await page.evaluate(() => window.ljplayTest.whenIdle());
  const [chooser] = await Promise.all([page.waitForEvent('filechooser', {timeout: 15000}),
                                       page.click('#open-button')]);
  await chooser.setFiles(saved);
  await page.waitForFunction(() => window.ljplayTest.state().path === 'saved.jsonl', null,
                             {timeout: 30000});
  const reopened = await page.evaluate(() => ({state: window.ljplayTest.state(),
                                               traces: window.ljplayTest.dumpPane('traces')}));
  check('Open shows a saved timeline as it was', reopened.traces === before.traces &&
        reopened.state.events === before.state.events && /^saved\.jsonl \(recorded by /.test(reopened.state.status),
        `${reopened.state.status}\n${reopened.traces}`);

  // --- A timeline recorded by the native build -----------------------------------
  if (opts.ljplay && fs.existsSync(opts.ljplay)) {
    const native = path.join(opts.out, 'native_stitch_chain.jsonl');
    execFileSync(opts.ljplay, ['run', path.join(opts.examples, 'stitch_chain.lua'), '--timeline', native]);
    const opened = await dropFile(page, 'native_stitch_chain.jsonl', fs.readFileSync(native, 'utf8'));
    const panes = await page.evaluate(() => {
      window.ljplayTest.moveCursor('end');
      return {graph: window.ljplayTest.dumpPane('graph'), mcode: window.ljplayTest.dumpPane('mcode')};
    });
    check('a timeline recorded natively opens in the page: its stitched traces 1 -> 2 -> 3',
          opened.errors.length === 0 && /recorded by LuaJIT .* on (x64|arm64)/.test(opened.state.status) &&
          /edge stitch 1 -> 2 /.test(panes.graph) && /edge stitch 2 -> 3 /.test(panes.graph),
          `${opened.errors.join('\n')}\n${opened.state.status}\n${panes.graph}`);
    check('its machine code shows as bytes, with a note',
          /no disassembler in this build/.test(panes.mcode) &&
          /^[0-9a-f]{12} ( [0-9a-f]{2}){1,16}$/m.test(panes.mcode), panes.mcode.slice(0, 600));
    // F5 runs its program here, with the settings it was recorded with.
    await page.evaluate(() => window.ljplayTest.run());
    const rerun = await page.evaluate(() => window.ljplayTest.whenIdle());
    check('Run (F5) runs the timeline\'s program in the page',
          rerun.output === expectedOutput('stitch_chain.lua') && rerun.traces === 3,
          JSON.stringify(rerun).slice(0, 400));
  } else {
    console.log(`skip: no native ljplay at ${opts.ljplay} (build the native preset first)`);
  }

  // --- Lessons: from the landing view, step by step with the keyboard -------------
  await page.click('#lessons-button');
  const cards = await page.$$eval('#lesson-cards .card', (els) => els.map((e) => e.dataset.lesson));
  const lessonName = cards.find((n) => /snapshot-limit/.test(n)) || cards[0];
  check(`the Lessons button lists the lessons (${cards.length})`, cards.length >= 1 && lessonName,
        cards.join(' '));
  await page.click(`#lesson-cards .card[data-lesson="${lessonName}"]`);
  // The state once the viewer is at `step` and its run is in.
  const waitStep = (step) => page.waitForFunction((step) => {
    const s = window.ljplayTest.state();
    return s.lesson && s.lesson.step === step && !s.lesson.waiting && !s.busy;
  }, step, {timeout: 60000}).then(() => page.evaluate(() => window.ljplayTest.state()));
  let at = await waitStep(1);
  const steps = at.lesson.steps;
  const visited = [];
  let shotTaken = false;
  for (let i = 1; i <= steps; ++i) {
    visited.push(`${at.lesson.step}:${at.lesson.title}${/not in the run/.test(at.status) ? ' (event missing)' : ''}`);
    if (!shotTaken && at.lesson.panes.length) {
      const shot = path.join(opts.out, 'lesson-step.png');
      await page.waitForTimeout(300);
      await page.screenshot({path: shot});
      check(`a lesson step with its panes outlined (${at.lesson.panes.join(', ')}): ${shot}`,
            colours(shot) > 20);
      shotTaken = true;
    }
    if (i < steps) {
      await page.keyboard.press('Control+ArrowRight');
      at = await waitStep(i + 1);
    }
  }
  check(`Ctrl+Right goes through all ${steps} steps of ${lessonName}, each at its event`,
        at.lesson.step === steps && visited.length === steps &&
        visited.every((v, i) => v.startsWith(`${i + 1}:`) && !/event missing/.test(v)),
        visited.join('\n'));
  await page.keyboard.press('Control+ArrowLeft');
  at = await waitStep(steps - 1);
  const back = at.lesson.step;
  await page.click('#share-button');
  const link = await page.inputValue('#share-url');
  check('Ctrl+Left goes back a step, and Share makes a link to it',
        back === steps - 1 && link.endsWith(`#lesson=${lessonName}&step=${back}`), link);
  await page.click('#share-close');
  const other = await context.newPage();
  other.on('console', (m) => log.push(`${m.type()}: ${m.text()}`));
  await other.goto(link);
  await whenPageReady(other);
  const atLink = await other.waitForFunction(() => {
    const s = window.ljplayTest.state();
    return s.lesson && !s.lesson.waiting && !s.busy && s;
  }, null, {timeout: 60000}).then((h) => h.jsonValue());
  check('the link reopens the lesson at that step',
        atLink.lesson.name === lessonName && atLink.lesson.step === back,
        JSON.stringify(atLink.lesson));
  await other.close();

  // --- A program dropped on the page; a file that is no timeline -----------------
  const program = 'table_bump_stitch.lua';
  const dropped = await dropFile(page, program, fs.readFileSync(path.join(opts.examples, program), 'utf8'));
  check('a Lua file dropped on the page opens and runs',
        dropped.errors.length === 0 && dropped.state.path === program &&
        dropped.state.output === expectedOutput(program), JSON.stringify(dropped).slice(0, 400));
  const junk = await dropFile(page, 'junk.jsonl', 'this is no timeline\n');
  check('a .jsonl that is no timeline is refused with a message; the run on screen stays',
        junk.errors.length === 1 && /^junk\.jsonl cannot be opened: /.test(junk.errors[0]) &&
        junk.state.path === program, JSON.stringify(junk).slice(0, 400));
});
