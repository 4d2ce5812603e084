# Fails unless FILE is a WebAssembly binary module: "\0asm", version 1.
# Invoked by ctest as  cmake -DFILE=<file.wasm> -P check_wasm_module.cmake
file(READ "${FILE}" header LIMIT 8 HEX)
if(NOT header STREQUAL "0061736d01000000")
  message(FATAL_ERROR "${FILE}: not a WebAssembly module, version 1 (header ${header})")
endif()
file(SIZE "${FILE}" size)
message(STATUS "${FILE}: WebAssembly module, ${size} bytes")
