/* Dynamic loading for a wasm program without it. Emscripten's dlopen() and
** dlsym() abort the program unless it is built for dynamic linking; LuaJIT's
** package library (built for a POSIX target) calls dlsym() on every require()
** that misses: package.preload looks for a luaJIT_BC_<name> symbol. These two
** fail the way they do on a system that has no such library, so require()
** reports "module 'x' not found" with the paths it tried, as natively.
*/
#include <dlfcn.h>
#include <stddef.h>

/* musl's (Emscripten's libc): the message dlerror() returns next. */
void __dl_seterr(const char* fmt, ...);

void* dlopen(const char* file, int mode) {
  (void)mode;
  __dl_seterr("%s: dynamic libraries are not supported in wasm", file ? file : "(null)");
  return NULL;
}

void* dlsym(void* restrict handle, const char* restrict name) {
  (void)handle;
  __dl_seterr("%s: symbol not found", name);
  return NULL;
}
