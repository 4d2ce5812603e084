-- varargs: select('#'), select(n), ..., unpack, pack helpers, nil holes
local function show(...)
  local n = select('#', ...)
  local parts = {}
  for i = 1, n do
    parts[i] = tostring((select(i, ...)))
  end
  return n .. ":[" .. table.concat(parts, ",") .. "]"
end

print(show())
print(show(nil))
print(show(1, nil, 3))
print(show(nil, nil, nil))
print(show(1, 2, nil))

local function pack(...)
  return { n = select('#', ...), ... }
end

local p = pack(10, nil, 30, nil)
print("pack n", p.n, p[1], p[2], p[3], p[4])
print("unpack with n", show(unpack(p, 1, p.n)))
print("unpack partial", show(unpack({1, 2, 3, 4, 5}, 2, 4)))
print("unpack empty range", show(unpack({1, 2, 3}, 3, 2)))
print("unpack default", show(unpack({"a", "b", "c"})))

-- select with negative index
print("select -1", select(-1, "x", "y", "z"))
print("select -2", select(-2, "x", "y", "z"))
print("select 2", select(2, "x", "y", "z"))
print("select past end", show(select(5, "x", "y")))

-- varargs in the middle of a list are truncated to one value
local function three() return 1, 2, 3 end
print("truncate", show(three(), 10))
print("expand", show(10, three()))
print("parens", show((three())))
local t = { three(), three() }
print("table ctor", #t, t[1], t[2], t[4])

-- forwarding varargs
local function forward(...) return ... end
print("forward", show(forward(nil, false, nil)))

-- vararg sum in a hot loop
local function sum(...)
  local s = 0
  for i = 1, select('#', ...) do
    s = s + (select(i, ...))
  end
  return s
end
local total = 0
for i = 1, 10000 do
  total = total + sum(i, 1, 2, 3)
end
print("hot vararg sum", total)

-- using ... in a table constructor with holes
local function count_nils(...)
  local a = { ... }
  local c = 0
  for i = 1, select('#', ...) do
    if a[i] == nil then c = c + 1 end
  end
  return c
end
print("nils", count_nils(nil, 1, nil, 2, nil))

-- varargs and closures: capture via table
local function bind(f, ...)
  local args = pack(...)
  return function(...)
    local more = pack(...)
    local all = {}
    for i = 1, args.n do all[i] = args[i] end
    for i = 1, more.n do all[args.n + i] = more[i] end
    return f(unpack(all, 1, args.n + more.n))
  end
end
local b = bind(show, "a", nil)
print("bind", b("c", nil))

-- arg-count adjustment of fixed params
local function fixed(a, b, c) return show(a, b, c) end
print("fixed fewer", fixed(1))
print("fixed more", fixed(1, 2, 3, 4, 5))

-- vararg length in a hot loop with changing counts
local lens = 0
for i = 1, 3000 do
  lens = lens + select('#', unpack({1, 2, 3, 4}, 1, i % 4))
end
print("hot select lens", lens)
