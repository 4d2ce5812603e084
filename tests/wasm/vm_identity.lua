-- What the running LuaJIT is: its target, its OS, whether the JIT is on, and
-- whether the FFI is built in.
print(jit.arch, jit.os, (jit.status()), (pcall(require, "ffi")))
