/* LuaJIT's jit.* Lua modules (jit.v, jit.dump, jit.vmdef, disassemblers),
** compiled into the program so that -jv and -jdump need no LUA_PATH.
*/
#ifndef LJP_JIT_MODULES_H
#define LJP_JIT_MODULES_H

#ifdef __cplusplus
extern "C" {
#endif

#include "lua.h"

/* Register a package.preload loader for each embedded module. */
void ljp_preload_jit_modules(lua_State *L);

#ifdef __cplusplus
}
#endif

#endif
