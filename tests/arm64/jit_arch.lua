-- What the running LuaJIT says it is, and whether its error unwinding works
-- (LuaJIT's own check from lj_err.c: prints OK).
print(jit.arch, jit.os, jit.status())
print(select(2, load('OK')):match('OK'))
