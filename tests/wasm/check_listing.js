// The trace compiler's text listing against the bytes it emitted, decoded by
// an independent decoder (wabt's wasm-objdump): every module validates, and
// every instruction the listing prints is the instruction in the module, with
// the same immediates, the same locals (one name per local index) and the
// same local declarations.
//
//   node check_listing.js ENGINE.js WORKDIR PROGRAM.lua...
//
// Each program runs with every trace compiled at once (-Ohotloop=1
// hotwasm=0), -jdump=m writing the listings to a file and LJPLAY_WASM_DIR
// keeping a copy of each module; the k-th listing belongs to the k-th module.
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const [engine, workdir, ...programs] = process.argv.slice(2);
if (!engine || !workdir || programs.length === 0) {
  console.error('usage: node check_listing.js ENGINE.js WORKDIR PROGRAM.lua...');
  process.exit(2);
}

// "0x1.8p+1", "-0x0p+0", "inf", "nan:0x8000000000000" as wasm-objdump prints f64s.
function parseHexFloat(text) {
  const m = /^([+-]?)0x([0-9a-f]+)(?:\.([0-9a-f]*))?p([+-]\d+)$/i.exec(text);
  if (!m) {
    const special = /^([+-]?)(inf|nan)/.exec(text);
    if (!special) throw new Error(`not a hex float: ${text}`);
    if (special[2] === 'nan') return NaN;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  const frac = m[3] || '';
  const mantissa = parseInt(m[2] + frac, 16) / Math.pow(16, frac.length);
  const value = mantissa * Math.pow(2, parseInt(m[4], 10));
  return m[1] === '-' ? -value : value;
}

// Our printer's numbers: C's %.17g (inf, -inf, nan included).
function parseDecimal(text) {
  if (/^[+-]?nan/.test(text)) return NaN;
  if (/^[+-]?inf/.test(text)) return text[0] === '-' ? -Infinity : Infinity;
  return Number(text);
}

function sameFloat(a, b) {
  return (Number.isNaN(a) && Number.isNaN(b)) || Object.is(a, b);
}

// Integers compared in the instruction's width (wasm-objdump prints i32s unsigned).
function sameInt(a, b, bits) {
  const mask = (1n << BigInt(bits)) - 1n;
  return (BigInt(a) & mask) === (BigInt(b) & mask);
}

// wasm-objdump -d: the declared local groups and the instructions of func[0].
function decode(file) {
  const r = spawnSync('wasm-objdump', ['-d', file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`wasm-objdump failed on ${file}: ${r.stderr}`);
  const locals = [];
  const code = [];
  for (const line of r.stdout.split('\n')) {
    const bar = line.indexOf(' | ');
    if (bar < 0) continue;
    const text = line.slice(bar + 3).trim();
    const local = /^local\[(\d+)(?:\.\.(\d+))?\] type=(\w+)$/.exec(text);
    if (local) {
      const first = Number(local[1]);
      const last = local[2] === undefined ? first : Number(local[2]);
      if (last >= first) locals.push(`${local[3]} x${last - first + 1}`);
    } else {
      code.push(text);
    }
  }
  return { locals, code };
}

// Our listing: "(local TYPE xN)" lines, then "REF   <indent>instruction  ;; note".
function parseListing(text) {
  const locals = [];
  const code = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('(func')) continue;
    const local = /^\s+\(local (\w+) x(\d+)\)$/.exec(line);
    if (local) {
      locals.push(`${local[1]} x${local[2]}`);
      continue;
    }
    const m = /^(\d{4}|----)  (.*)$/.exec(line);
    if (!m) throw new Error(`listing line not understood: ${JSON.stringify(line)}`);
    code.push(m[2].replace(/\s*;;.*$/, '').trim());
  }
  return { locals, code };
}

// One instruction: ours against wasm-objdump's. Returns an error or ''.
function compare(ours, theirs, names) {
  const a = ours.split(/\s+/);
  const b = theirs.split(/\s+/);
  if (a[0] !== b[0]) return 'different instruction';
  const op = a[0];
  if (op.startsWith('local.')) {
    const index = Number(b[1]);
    if (names.byName.has(a[1]) && names.byName.get(a[1]) !== index)
      return `${a[1]} was local ${names.byName.get(a[1])}`;
    if (names.byIndex.has(index) && names.byIndex.get(index) !== a[1])
      return `local ${index} was ${names.byIndex.get(index)}`;
    names.byName.set(a[1], index);
    names.byIndex.set(index, a[1]);
    return '';
  }
  if (op === 'i32.const' || op === 'i64.const')
    return sameInt(a[1], b[1], op === 'i32.const' ? 32 : 64) ? '' : 'different constant';
  if (op === 'f64.const')
    return sameFloat(parseDecimal(a[1]), parseHexFloat(b[1])) ? '' : 'different constant';
  if (/^(i32|i64|f64|f32)\.(load|store)/.test(op)) {
    const offset = a[1] ? Number(a[1].replace('offset=', '')) : 0;
    return b[1] === '0' && Number(b[2]) === offset ? '' : 'different alignment or offset';
  }
  if (op === 'call_indirect') {
    const type = /\(type (\d+)\)/.exec(ours);
    return b[1] === '0' && type && theirs.endsWith(`(type ${type[1]})`) ? '' : 'different call';
  }
  if (op === 'block' || op === 'loop' || op === 'if') {
    const result = /\(result (\w+)\)/.exec(ours);
    return (result ? result[1] : undefined) === b[1] ? '' : 'different block type';
  }
  return a.slice(1).join(' ') === b.slice(1).join(' ') ? '' : 'different immediates';
}

fs.rmSync(workdir, { recursive: true, force: true });
let modules = 0;
let instructions = 0;
const failures = [];
for (const program of programs) {
  const dir = path.join(workdir, path.basename(program, '.lua'));
  const mods = path.join(dir, 'modules');
  fs.mkdirSync(mods, { recursive: true });
  const dump = path.join(dir, 'dump.txt');
  const run = spawnSync(
    'node',
    [engine, 'run', program, '--opt', 'hotloop=1', '--opt', 'hotwasm=0', '--seed', '1',
     `-jdump=m,${dump}`],
    { encoding: 'utf8', env: { ...process.env, LJPLAY_WASM_DIR: mods } });
  if (run.status !== 0) {
    failures.push(`${program}: the engine exited with ${run.status}: ${run.stderr}`);
    continue;
  }
  const blocks = fs.readFileSync(dump, 'utf8').split(/^---- TRACE /m).slice(1)
    .filter((b) => / wasm | not compiled: /.test(b.split('\n')[0]));
  const files = fs.readdirSync(mods).sort();
  if (blocks.length !== files.length) {
    failures.push(`${program}: ${blocks.length} listings but ${files.length} modules`);
    continue;
  }
  blocks.forEach((block, k) => {
    const where = `${program}, module ${k + 1}`;
    const header = /^(\d+) wasm (\d+)\n/.exec(block);
    if (!header) {
      failures.push(`${where}: not compiled: ${block.split('\n')[0]}`);
      return;
    }
    const file = path.join(mods, files[k]);
    const bytes = fs.readFileSync(file);
    if (bytes.length !== Number(header[2]))
      failures.push(`${where}: listed as ${header[2]} bytes, the module has ${bytes.length}`);
    if (!WebAssembly.validate(bytes)) failures.push(`${where}: does not validate`);
    const text = block.slice(header[0].length);
    if (text.includes('(listing cut)')) return;  // Too long to list in full.
    const ours = parseListing(text);
    const theirs = decode(file);
    ++modules;
    if (ours.locals.join(', ') !== theirs.locals.join(', '))
      failures.push(`${where}: locals ${ours.locals} listed, ${theirs.locals} declared`);
    if (ours.code.length !== theirs.code.length)
      failures.push(`${where}: ${ours.code.length} instructions listed, ` +
                    `${theirs.code.length} in the module`);
    const names = { byName: new Map(), byIndex: new Map() };
    const n = Math.min(ours.code.length, theirs.code.length);
    for (let i = 0; i < n; ++i) {
      const error = compare(ours.code[i], theirs.code[i], names);
      if (error) {
        failures.push(`${where}, instruction ${i + 1}: ${error}: ` +
                      `listed "${ours.code[i]}", module has "${theirs.code[i]}"`);
        break;
      }
    }
    instructions += n;
  });
}
console.log(`${modules} modules, ${instructions} instructions compared`);
if (modules === 0) failures.push('no module was compiled');
for (const f of failures) console.error(`FAIL ${f}`);
process.exit(failures.length ? 1 : 0);
