-- metatables: __index (table and function), __newindex (table and function), __call, rawget/rawset/rawequal
local base = { greet = "hello", n = 1 }
local t = setmetatable({ own = "mine" }, { __index = base })
print("index table", t.own, t.greet, t.n, t.missing)
print("rawget", rawget(t, "greet"), rawget(t, "own"))

-- chained __index tables
local a = { x = "a.x" }
local b = setmetatable({ y = "b.y" }, { __index = a })
local c = setmetatable({ z = "c.z" }, { __index = b })
print("chain", c.x, c.y, c.z, c.w)

-- __index function
local calls = 0
local sq = setmetatable({}, {
  __index = function(tbl, k)
    calls = calls + 1
    if type(k) == "number" then
      local v = k * k
      rawset(tbl, k, v) -- memoize
      return v
    end
    return "no:" .. tostring(k)
  end
})
print("index fn", sq[3], sq[4], sq[3], sq.foo, calls)

-- __newindex table: writes are redirected
local store = {}
local proxy = setmetatable({}, { __newindex = store })
proxy.a = 1
proxy.b = 2
print("newindex table", rawget(proxy, "a"), store.a, store.b)

-- __newindex function: logging and rawset
local log = {}
local logged = setmetatable({}, {
  __newindex = function(tbl, k, v)
    log[#log + 1] = tostring(k) .. "=" .. tostring(v)
    rawset(tbl, k, v)
  end
})
logged.x = 10
logged.y = 20
logged.x = 30 -- existing key: no __newindex
print("newindex fn", table.concat(log, ","), logged.x, logged.y)

-- read-only table
local function readonly(src)
  return setmetatable({}, {
    __index = src,
    __newindex = function(_, k) error("attempt to modify read-only field " .. tostring(k), 2) end
  })
end
local ro = readonly({ pi = 3 })
print("readonly read", ro.pi)
local ok, err = pcall(function() ro.pi = 4 end)
print("readonly write", ok, err)

-- __call with arguments and multiple returns
local callable = setmetatable({ factor = 3 }, {
  __call = function(self, a, b)
    return a * self.factor, b * self.factor, "extra"
  end
})
print("call", callable(2, 5))
print("call via pcall", pcall(callable, 1, 1))

-- __call used as a constructor
local Point = setmetatable({}, {
  __call = function(cls, x, y) return setmetatable({ x = x, y = y }, cls) end
})
Point.__index = Point
function Point:len2() return self.x * self.x + self.y * self.y end
local p = Point(3, 4)
print("ctor", p.x, p.y, p:len2())

-- rawset bypasses __newindex, rawequal bypasses __eq
rawset(proxy, "direct", true)
print("rawset", rawget(proxy, "direct"), store.direct)
local e1 = setmetatable({}, { __eq = function() return true end })
local e2 = setmetatable({}, getmetatable(e1))
print("rawequal", e1 == e2, rawequal(e1, e2), rawequal(e1, e1))

-- __index on strings is the string table
print("string index", ("abc"):upper(), ("x"):rep(3), getmetatable("").__index == string)

-- hot loop through __index function and __newindex function
local hits = 0
local dyn = setmetatable({}, {
  __index = function(_, k) return k * 2 end,
  __newindex = function(_, k, v) hits = hits + v end
})
local s = 0
for i = 1, 20000 do
  s = s + dyn[i]
  dyn[i] = 1
end
print("hot meta", s, hits)

-- hot loop through __index table chain
local deep = setmetatable({}, { __index = c })
local cnt = 0
for i = 1, 20000 do
  if deep.x == "a.x" then cnt = cnt + 1 end
end
print("hot chain", cnt)
