// Sums the self time of a V8 CPU profile (node --cpu-prof) by where it goes in
// the C VM: compiled traces, the interpreter, the trace executor, the trace
// compiler, LuaJIT's recorder, memory and GC, other runtime, JavaScript.
//   node profile_summary.js FILE.cpuprofile
'use strict';
const fs = require('fs');

const profile = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const CATEGORIES = [
  // Each compiled trace is function 0 of its own module.
  ['compiled traces', (n) => /^wasm-function\[0\]$/.test(n)],
  ['trace compiler', (n) => /^(wasm_|emit_|cvt_wasm)/.test(n)],
  ['trace executor', (n) => /^(cvt_|lj_cvm_trace)/.test(n)],
  ['interpreter', (n) => /^(cvm_|lj_cvm|ff_|lj_ff|lj_vm_)/.test(n)],
  ['memory and GC', (n) => /^(lj_gc|gc_|propagatemark|lj_mem|mem_|dl|lj_alloc|newtab|lj_func_free)/.test(n)],
  ['recorder, optimiser', (n) => /^(lj_record|rec_|lj_opt|lj_ir|lj_snap|lj_trace|lj_asm|asm_|snap_|lj_ffrecord|recff_)/.test(n)],
  ['JavaScript, start-up', (n) => !/^[a-z_]/.test(n) || /^(\(|Module|invoke_|_)/.test(n)],
];
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const total = new Map();
let sum = 0;
profile.samples.forEach((id, i) => {
  const name = byId.get(id).callFrame.functionName || '(anonymous)';
  const dt = profile.timeDeltas[i] || 0;
  const cat = (CATEGORIES.find(([, test]) => test(name)) || ['other runtime'])[0];
  total.set(cat, (total.get(cat) || 0) + dt);
  sum += dt;
});
for (const [cat] of [...CATEGORIES, ['other runtime']]) {
  const t = total.get(cat) || 0;
  console.log(`${cat.padEnd(22)} ${(100 * t / sum).toFixed(1).padStart(5)}%`);
}
