// What the browser tests share: their options, the checks they count, the
// site's server on 127.0.0.1 and Debian's Chromium (headless, WebGL 2 on
// SwiftShader) driven by playwright-core.
'use strict';
const {spawn, execFileSync} = require('child_process');
const fs = require('fs');
const path = require('path');

// "--key value" pairs; exits 2 naming the first required key that is missing.
function parseOptions(script, required) {
  const opts = {};
  for (let i = 2; i < process.argv.length; i += 2) opts[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
  for (const key of required) {
    if (!opts[key]) {
      console.error(`${script}: --${key} is missing`);
      process.exit(2);
    }
  }
  fs.mkdirSync(opts.out, {recursive: true});
  return opts;
}

// Chromium's flags for WebGL 2 without a GPU (ARCHITECTURE.md, toolchain facts).
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--use-gl=angle', '--use-angle=swiftshader',
                       '--enable-unsafe-swiftshader', '--disable-background-networking',
                       '--disable-component-update', '--disable-sync', '--no-first-run'];

function launchChromium(modules) {
  const {chromium} = require(path.join(path.resolve(modules), 'playwright-core'));
  return chromium.launch({executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS});
}

// One line per check; finish() prints the count and exits 1 after a failure.
const results = {passed: 0, failed: 0};
function check(what, ok, detail) {
  if (ok) {
    results.passed++;
    console.log(`ok: ${what}`);
  } else {
    results.failed++;
    console.log(`FAIL: ${what}${detail === undefined ? '' : `\n    ${String(detail).replace(/\n/g, '\n    ')}`}`);
  }
  return ok;
}
function finish(extraFailures = 0) {
  console.log(`${results.passed} passed, ${results.failed + extraFailures} failed`);
  process.exit(results.failed + extraFailures ? 1 : 0);
}

// scripts/serve-site.js on a free port: resolves with the process and its URL.
function startServer(site) {
  const serverScript = path.join(__dirname, '..', '..', 'scripts', 'serve-site.js');
  return new Promise((resolve, reject) => {
    const server = spawn(process.execPath, [serverScript, site, '--port', '0'],
                         {stdio: ['ignore', 'pipe', 'inherit']});
    let text = '';
    server.stdout.on('data', (data) => {
      text += data;
      const m = /at (http:\/\/\S+)/.exec(text);
      if (m) resolve({server, url: m[1]});
    });
    server.on('exit', (code) => reject(new Error(`the server exited (${code})`)));
  });
}

// The number of colours in a PNG (a blank screenshot has one or two).
function colours(png) {
  // The real ImageMagick (a stand-in convert may sit earlier in PATH).
  const convert = fs.existsSync('/usr/bin/convert') ? '/usr/bin/convert' : 'convert';
  return Number(execFileSync(convert, [png, '-format', '%k', 'info:']).toString().trim());
}

// Waits until the page's viewer drew its first frame and the engine is ready;
// resolves with window.ljplayTest.errors.
async function whenPageReady(page) {
  await page.waitForFunction(() => window.ljplayTest &&
      (window.ljplayTest.firstFrameMs !== null || window.ljplayTest.errors.length), null,
      {timeout: 90000});
  await page.waitForFunction(() => window.ljplayTest.engineReadyMs !== null ||
      window.ljplayTest.errors.length, null, {timeout: 90000});
  return page.evaluate(() => window.ljplayTest.errors.slice());
}

// Serves the site, starts Chromium and runs body({browser, url, log}); then
// writes what the pages logged (the body pushes to log) to OUT/logName, stops
// both and exits with the checks' count (an exception counts as a failure).
function runInBrowser(opts, logName, body) {
  (async () => {
    const {server, url} = await startServer(opts.site);
    const browser = await launchChromium(opts.modules);
    const log = [];
    try {
      await body({browser, url, log});
    } finally {
      fs.writeFileSync(path.join(opts.out, logName), log.join('\n') + '\n');
      await browser.close();
      server.kill();
    }
    finish();
  })().catch((err) => {
    console.error(err);
    finish(1);
  });
}

module.exports = {parseOptions, CHROMIUM_ARGS, check, colours, whenPageReady, runInBrowser};
