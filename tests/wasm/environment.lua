-- The program sees the environment it was started with.
print(os.getenv("LJPLAY_WASM_TEST"))
