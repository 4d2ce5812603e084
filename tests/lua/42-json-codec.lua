-- a small JSON encoder/decoder: recursion, string escaping, gsub/format/byte, sorted keys for deterministic output
local encode

local escapes = { ['"'] = '\\"', ['\\'] = '\\\\', ['\b'] = '\\b', ['\f'] = '\\f', ['\n'] = '\\n', ['\r'] = '\\r', ['\t'] = '\\t' }
local function escape_str(s)
  return '"' .. s:gsub('[%c"\\]', function(c)
    return escapes[c] or string.format("\\u%04x", c:byte())
  end) .. '"'
end

local function is_array(t)
  local n = 0
  for _ in pairs(t) do n = n + 1 end
  for i = 1, n do if t[i] == nil then return false end end
  return true, n
end

function encode(v)
  local tv = type(v)
  if tv == "nil" then return "null"
  elseif tv == "boolean" then return tostring(v)
  elseif tv == "number" then
    if v ~= v or v == math.huge or v == -math.huge then error("cannot encode " .. tostring(v)) end
    if v == math.floor(v) and math.abs(v) < 1e15 then return string.format("%d", v) end
    return string.format("%.14g", v)
  elseif tv == "string" then return escape_str(v)
  elseif tv == "table" then
    local arr, n = is_array(v)
    if arr and n > 0 then
      local parts = {}
      for i = 1, n do parts[i] = encode(v[i]) end
      return "[" .. table.concat(parts, ",") .. "]"
    end
    local keys = {}
    for k in pairs(v) do
      if type(k) ~= "string" then error("non-string key: " .. tostring(k)) end
      keys[#keys + 1] = k
    end
    table.sort(keys)
    local parts = {}
    for i, k in ipairs(keys) do parts[i] = escape_str(k) .. ":" .. encode(v[k]) end
    return "{" .. table.concat(parts, ",") .. "}"
  end
  error("cannot encode type " .. tv)
end

-- decoder
local decode
local function skip(s, i) return (s:find("[^ \t\r\n]", i)) or #s + 1 end
local function decode_value(s, i)
  i = skip(s, i)
  local c = s:sub(i, i)
  if c == "{" then
    local obj = {}
    i = skip(s, i + 1)
    if s:sub(i, i) == "}" then return obj, i + 1 end
    while true do
      local k
      k, i = decode_value(s, i)
      i = skip(s, i)
      assert(s:sub(i, i) == ":", "expected ':' at " .. i)
      obj[k], i = decode_value(s, i + 1)
      i = skip(s, i)
      local d = s:sub(i, i)
      if d == "}" then return obj, i + 1 end
      assert(d == ",", "expected ',' or '}' at " .. i)
      i = i + 1
    end
  elseif c == "[" then
    local arr = {}
    i = skip(s, i + 1)
    if s:sub(i, i) == "]" then return arr, i + 1 end
    while true do
      arr[#arr + 1], i = decode_value(s, i)
      i = skip(s, i)
      local d = s:sub(i, i)
      if d == "]" then return arr, i + 1 end
      assert(d == ",", "expected ',' or ']' at " .. i)
      i = i + 1
    end
  elseif c == '"' then
    local out, j = {}, i + 1
    while true do
      local ch = s:sub(j, j)
      if ch == "" then error("unterminated string") end
      if ch == '"' then return table.concat(out), j + 1 end
      if ch == "\\" then
        local e = s:sub(j + 1, j + 1)
        local map = { b = "\b", f = "\f", n = "\n", r = "\r", t = "\t", ['"'] = '"', ["\\"] = "\\", ["/"] = "/" }
        if e == "u" then
          out[#out + 1] = string.char(tonumber(s:sub(j + 2, j + 5), 16))
          j = j + 6
        else
          out[#out + 1] = map[e]
          j = j + 2
        end
      else
        out[#out + 1] = ch
        j = j + 1
      end
    end
  elseif s:find("^true", i) then return true, i + 4
  elseif s:find("^false", i) then return false, i + 5
  elseif s:find("^null", i) then return nil, i + 4
  else
    local num = s:match("^-?%d+%.?%d*[eE]?[-+]?%d*", i)
    if not num or num == "" then error("unexpected character '" .. c .. "' at " .. i) end
    return tonumber(num), i + #num
  end
end
function decode(s)
  local v, i = decode_value(s, 1)
  return v
end

local doc = {
  name = "test \"suite\"", version = 1.5, count = 42, ok = true, none = false,
  list = { 1, 2, 3, "four", { five = 5 } }, empty = {}, nested = { a = { b = { c = "deep" } } },
  text = "line1\nline2\ttab\1ctl",
}
local js = encode(doc)
print(js)
local back = decode(js)
print(encode(back) == js, back.list[5].five, back.nested.a.b.c, back.text == doc.text)
print(encode({ -0.5, 1e20, 123456789, -42, 3.25 }))
print(pcall(encode, { 1 / 0 }))
print(pcall(encode, { [true] = 1 }))
print(pcall(decode, '{"a": [1, 2,, 3]}'))
print(pcall(decode, '"unterminated'))
local d2 = decode(' { "k" : [ true , false , null , -1.5e2 , "s\\u0041" ] , "z" : {} } ')
print(d2.k[1], d2.k[2], d2.k[3], d2.k[4], d2.k[5], type(d2.z))

-- hot: encode/decode many records
local total = 0
for i = 1, 300 do
  local rec = { id = i, name = "item" .. i, tags = { "a", "b" }, price = i / 4 }
  local s = encode(rec)
  local r = decode(s)
  total = total + #s + r.id + r.price
end
print("hot codec", total)
