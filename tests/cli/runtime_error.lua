-- An error raised two calls deep: ljplay reports file:line and a traceback.
local function inner(x)
  return x.field.missing
end
local function outer()
  local value = inner({})
  return value
end
print("before the error")
outer()
print("never printed")
