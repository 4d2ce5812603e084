-- What the running LuaJIT is: its target, its OS, whether the JIT is on, and
-- whether the FFI is built in (the portable target has none, so the x86
-- builds it is compared with leave it out too).
print(jit.arch, jit.os, (jit.status()), (pcall(require, "ffi")))
