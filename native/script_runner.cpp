#include "script_runner.h"

#include <cstdio>
#include <string_view>

#include "jit_modules.h"
#include "lua.hpp"

namespace ljp {
namespace {

void ReportError(std::string_view message) {
  std::fflush(stdout);
  std::fprintf(stderr, "ljplay: %.*s\n", static_cast<int>(message.size()), message.data());
  std::fflush(stderr);
}

// Error handler: turn the error value into text and append a traceback.
int AddTraceback(lua_State* L) {
  if (!lua_isstring(L, 1)) {
    if (lua_isnoneornil(L, 1) || !luaL_callmeta(L, 1, "__tostring") || !lua_isstring(L, -1)) {
      lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    }
  }
  luaL_traceback(L, L, lua_tostring(L, -1), 1);
  return 1;
}

enum class Traceback { kNo, kYes };

// Calls the function below `nargs` arguments on the stack; reports an error.
bool CallReporting(lua_State* L, int nargs, Traceback traceback) {
  if (traceback == Traceback::kNo) {
    if (lua_pcall(L, nargs, 0, 0) == 0) return true;
    ReportError(lua_tostring(L, -1));
    lua_pop(L, 1);
    return false;
  }
  const int base = lua_gettop(L) - nargs;
  lua_pushcfunction(L, AddTraceback);
  lua_insert(L, base);
  const int status = lua_pcall(L, nargs, 0, base);
  lua_remove(L, base);
  if (status != 0) {
    const char* message = lua_tostring(L, -1);
    ReportError(message ? message : "(error object is not a string)");
    lua_pop(L, 1);
    return false;
  }
  return true;
}

// Pushes the comma-separated arguments of "name=a,b,c"; returns their count.
int PushCommaArgs(lua_State* L, std::string_view text) {
  int count = 0;
  while (!text.empty()) {
    const size_t comma = text.find(',');
    const std::string_view item = text.substr(0, comma);
    lua_pushlstring(L, item.data(), item.size());
    ++count;
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return count;
}

// "-jcmd=args": a function of the jit library (on, off, flush) or the start()
// of module jit.cmd (v, dump, p, ...).
bool ApplyJitCommand(lua_State* L, std::string_view command) {
  const size_t eq = command.find('=');
  const std::string name(command.substr(0, eq));
  const std::string_view args =
      eq == std::string_view::npos ? std::string_view() : command.substr(eq + 1);

  lua_getglobal(L, "jit");
  lua_getfield(L, -1, name.c_str());
  lua_remove(L, -2);
  if (!lua_isfunction(L, -1)) {
    lua_pop(L, 1);
    lua_getglobal(L, "require");
    lua_pushstring(L, ("jit." + name).c_str());
    if (lua_pcall(L, 1, 1, 0) != 0) {
      ReportError("unknown -j command '" + name + "': " + lua_tostring(L, -1));
      lua_pop(L, 1);
      return false;
    }
    lua_getfield(L, -1, "start");
    lua_remove(L, -2);
    if (!lua_isfunction(L, -1)) {
      ReportError("module jit." + name + " has no start function");
      lua_pop(L, 1);
      return false;
    }
  }
  return CallReporting(L, PushCommaArgs(L, args), Traceback::kNo);
}

// "-Oparams": jit.opt.start(params...).
bool ApplyOptimization(lua_State* L, std::string_view params) {
  lua_getfield(L, LUA_REGISTRYINDEX, "_LOADED");
  lua_getfield(L, -1, "jit.opt");
  lua_getfield(L, -1, "start");
  lua_replace(L, -3);
  lua_pop(L, 1);
  return CallReporting(L, PushCommaArgs(L, params), Traceback::kNo);
}

// Binary (precompiled) chunks are refused: they bypass the parser's checks.
bool IsBinaryChunk(const std::string& path) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;  // luaL_loadfile reports the open error.
  const int first = std::fgetc(f);
  std::fclose(f);
  return first == LUA_SIGNATURE[0];
}

int Run(lua_State* L, const ScriptRun& run) {
  lua_gc(L, LUA_GCSTOP, 0);
  luaL_openlibs(L);
  ljp_preload_jit_modules(L);
  lua_gc(L, LUA_GCRESTART, -1);

  // arg[0] is the script, arg[1..n] its arguments, as in the stock front end.
  lua_createtable(L, static_cast<int>(run.args.size()), 2);
  lua_pushstring(L, "ljplay");
  lua_rawseti(L, -2, -1);
  lua_pushstring(L, run.path.c_str());
  lua_rawseti(L, -2, 0);
  for (size_t i = 0; i < run.args.size(); ++i) {
    lua_pushstring(L, run.args[i].c_str());
    lua_rawseti(L, -2, static_cast<int>(i + 1));
  }
  lua_setglobal(L, "arg");

  for (const JitSetting& setting : run.settings) {
    const bool ok = setting.kind == JitSetting::Kind::kCommand
                        ? ApplyJitCommand(L, setting.text)
                        : ApplyOptimization(L, setting.text);
    if (!ok) return 1;
  }

  if (IsBinaryChunk(run.path)) {
    ReportError(run.path + ": binary chunks are refused; give Lua source text");
    return 1;
  }
  if (luaL_loadfilex(L, run.path.c_str(), "t") != 0) {
    ReportError(lua_tostring(L, -1));
    return 1;
  }
  for (const std::string& a : run.args) lua_pushstring(L, a.c_str());
  return CallReporting(L, static_cast<int>(run.args.size()), Traceback::kYes) ? 0 : 1;
}

}  // namespace

int RunScript(const ScriptRun& run) {
  lua_State* L = luaL_newstate();
  if (!L) {
    ReportError("cannot create a Lua state: not enough memory");
    return 1;
  }
  const int status = Run(L, run);
  lua_close(L);
  return status;
}

}  // namespace ljp
