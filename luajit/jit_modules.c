/* Loaders for LuaJIT's embedded jit.* modules. */
#include <string.h>

#include "jit_modules.h"
#include "lauxlib.h"

typedef struct EmbeddedModule {
  const char *name;
  const unsigned char *source;
  size_t size;
} EmbeddedModule;

#include "jit_modules_data.inc"

/* package.preload loader: require passes the module name as argument 1. */
static int load_embedded(lua_State *L)
{
  const char *name = luaL_checkstring(L, 1);
  const EmbeddedModule *m;
  for (m = embedded_modules; m->name; m++) {
    if (strcmp(m->name, name) == 0) {
      char chunkname[64];
      const char *file = m->name + 4; /* Skip "jit.". */
      snprintf(chunkname, sizeof(chunkname), "@jit/%s.lua", file);
      if (luaL_loadbuffer(L, (const char *)m->source, m->size, chunkname))
        return lua_error(L);
      lua_pushvalue(L, 1);
      lua_call(L, 1, 1);
      return 1;
    }
  }
  return luaL_error(L, "no embedded module '%s'", name);
}

void ljp_preload_jit_modules(lua_State *L)
{
  const EmbeddedModule *m;
  lua_getglobal(L, "package");
  lua_getfield(L, -1, "preload");
  for (m = embedded_modules; m->name; m++) {
    lua_pushcfunction(L, load_embedded);
    lua_setfield(L, -2, m->name);
  }
  lua_pop(L, 2);
}
