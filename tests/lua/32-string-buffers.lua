-- string buffers built with table.concat: builders, joins, serialization of nested data (sorted keys), escaping
local Buffer = {}
Buffer.__index = Buffer
function Buffer.new() return setmetatable({ parts = {}, n = 0 }, Buffer) end
function Buffer:add(...)
  for i = 1, select('#', ...) do
    self.n = self.n + 1
    self.parts[self.n] = tostring((select(i, ...)))
  end
  return self
end
function Buffer:addf(fmt, ...) return self:add(string.format(fmt, ...)) end
function Buffer:result(sep) return table.concat(self.parts, sep or "", 1, self.n) end
function Buffer:clear() self.n = 0; return self end

local b = Buffer.new()
b:add("a", 1, true, nil):addf("[%03d]", 7):add("end")
print(b:result(), b:result("|"), b.n)
b:clear():add("fresh")
print(b:result())

-- serializer with sorted keys (deterministic)
local function serialize(v, indent)
  indent = indent or ""
  local t = type(v)
  if t == "string" then return string.format("%q", v) end
  if t ~= "table" then return tostring(v) end
  local keys = {}
  for k in pairs(v) do keys[#keys + 1] = k end
  table.sort(keys, function(x, y)
    local tx, ty = type(x), type(y)
    if tx ~= ty then return tx < ty end
    return x < y
  end)
  local out = { "{\n" }
  local inner = indent .. "  "
  for _, k in ipairs(keys) do
    local ks = type(k) == "string" and k:match("^[%a_][%w_]*$") and k or "[" .. serialize(k) .. "]"
    out[#out + 1] = inner .. ks .. " = " .. serialize(v[k], inner) .. ",\n"
  end
  out[#out + 1] = indent .. "}"
  return table.concat(out)
end
local data = {
  name = "corpus", version = 3, tags = { "lua", "jit", "test" },
  nested = { deep = { deeper = { value = 1.5 } }, flag = false },
  ["key with space"] = "v\n2", [10] = "ten",
}
print(serialize(data))

-- round trip: serialize then load back and compare a few fields
local loaded = loadstring("return " .. serialize(data))()
print("roundtrip", loaded.name, loaded.tags[2], loaded.nested.deep.deeper.value, loaded["key with space"] == "v\n2", loaded[10])

-- large buffer: 20000 pieces
local big = {}
for i = 1, 20000 do big[i] = (i % 2 == 0) and "ab" or "c" end
local s = table.concat(big)
print("big", #s, s:sub(1, 9))

-- joining with separators and ranges
local nums = {}
for i = 1, 12 do nums[i] = i end
print(table.concat(nums, ", ", 1, 5), "|", table.concat(nums, "", 10), "|", table.concat(nums, "+", 12, 12))

-- CSV building with escaping
local rows = { { "id", "name", "note" }, { 1, "Ann", "likes \"quotes\"" }, { 2, "Bob, Jr.", "plain" }, { 3, "Cy", "multi\nline" } }
local lines = {}
for _, row in ipairs(rows) do
  local cells = {}
  for i, cell in ipairs(row) do
    cell = tostring(cell)
    if cell:find('[,"\n]') then cell = '"' .. cell:gsub('"', '""') .. '"' end
    cells[i] = cell
  end
  lines[#lines + 1] = table.concat(cells, ",")
end
print(table.concat(lines, "\n"))

-- repeated builder in a hot loop
local total = 0
for i = 1, 2000 do
  local parts = {}
  for k = 1, 10 do parts[k] = k + i end
  total = total + #table.concat(parts, ";")
end
print("hot builder", total)

-- io.write with multiple args (no newline) then newline
io.write("io.write:", 1, " ", 2.5, " ", "three", "\n")
