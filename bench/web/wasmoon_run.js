// Runs one benchmark program on wasmoon (PUC Lua 5.4 compiled to WebAssembly)
// the way `lua5.4 FILE SIZE` would: arg[0] and arg[1] set, print() to stdout.
//   node wasmoon_run.js NODE_MODULES FILE SIZE
'use strict';
const fs = require('fs');
const path = require('path');

const [modules, file, size] = process.argv.slice(2);
const {LuaFactory} = require(path.join(path.resolve(modules), 'wasmoon'));

(async () => {
  const lua = await new LuaFactory().createEngine();
  const out = [];
  // The programs print strings only (string.format); joined as Lua's print does.
  lua.global.set('print', (...values) => { out.push(values.join('\t')); });
  await lua.doString(`arg = {[0] = ${JSON.stringify(file)}, ${JSON.stringify(size)}}`);
  await lua.doString(fs.readFileSync(file, 'utf8'));
  process.stdout.write(out.map((line) => line + '\n').join(''));
  lua.global.close();
})().catch((err) => {
  console.error(`wasmoon: ${err.message || err}`);
  process.exit(1);
});
