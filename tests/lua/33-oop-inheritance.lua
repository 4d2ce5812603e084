-- method calls with : syntax, classes, inheritance via __index chains, super calls, overriding, mixins
local Animal = {}
Animal.__index = Animal

function Animal.new(name, sound)
  local self = setmetatable({}, Animal)
  self.name = name
  self.sound = sound or "..."
  return self
end
function Animal:speak() return self.name .. " says " .. self.sound end
function Animal:kind() return "animal" end
function Animal:describe() return self.name .. " is a " .. self:kind() end

local Dog = setmetatable({}, { __index = Animal })
Dog.__index = Dog
function Dog.new(name, breed)
  local self = Animal.new(name, "woof")
  self.breed = breed
  return setmetatable(self, Dog)
end
function Dog:kind() return "dog (" .. self.breed .. ")" end
function Dog:fetch(thing) return self.name .. " fetches the " .. thing end

local Puppy = setmetatable({}, { __index = Dog })
Puppy.__index = Puppy
function Puppy.new(name, breed)
  local self = Dog.new(name, breed)
  self.sound = "yip"
  return setmetatable(self, Puppy)
end
function Puppy:kind() return "puppy of " .. Dog.kind(self) end -- super call

local a = Animal.new("Generic")
local d = Dog.new("Rex", "collie")
local p = Puppy.new("Bit", "pug")
for _, x in ipairs({ a, d, p }) do print(x:speak(), "|", x:describe()) end
print(d:fetch("ball"), p:fetch("stick"))
print("lookup", rawget(p, "speak"), p.speak == Animal.speak, p.kind == Puppy.kind, p.fetch == Dog.fetch)

-- : vs . calls
print("dot call", Animal.speak(d), Dog.kind(p))
print("method missing", pcall(function() return a:fetch("x") end))

-- isinstance via metatable chain walk
local function isinstance(obj, class)
  local mt = getmetatable(obj)
  while mt do
    if mt == class then return true end
    local parent = getmetatable(mt)
    mt = parent and parent.__index or nil
  end
  return false
end
print("isinstance", isinstance(p, Puppy), isinstance(p, Dog), isinstance(p, Animal), isinstance(d, Puppy), isinstance(a, Dog))

-- class helper with constructor and super
local function class(parent)
  local c = {}
  c.__index = c
  if parent then setmetatable(c, { __index = parent }) end
  c.super = parent
  c.new = function(...)
    local o = setmetatable({}, c)
    if o.init then o:init(...) end
    return o
  end
  return c
end

local Shape = class()
function Shape:init(name) self.name = name end
function Shape:area() return 0 end
function Shape:__tostring() return self.name .. "(" .. self:area() .. ")" end
Shape.__tostring = Shape.__tostring

local Rect = class(Shape)
function Rect:init(w, h) Shape.init(self, "rect"); self.w, self.h = w, h end
function Rect:area() return self.w * self.h end
Rect.__tostring = Shape.__tostring

local Square = class(Rect)
function Square:init(s) Rect.init(self, s, s); self.name = "square" end
Square.__tostring = Shape.__tostring

local shapes = { Shape.new("blob"), Rect.new(3, 4), Square.new(5) }
local out = {}
for i, s in ipairs(shapes) do out[i] = tostring(s) end
print("shapes", table.concat(out, " "))
print("super chain", Square.super == Rect, Rect.super == Shape, Shape.super)

-- mixin: copy methods into a class
local Comparable = {
  __lt = function(x, y) return x:area() < y:area() end,
  __le = function(x, y) return x:area() <= y:area() end,
  __eq = function(x, y) return x:area() == y:area() end,
}
for _, cls in ipairs({ Rect, Square }) do
  for k, v in pairs(Comparable) do cls[k] = v end
end
local r1, r2, sq = Rect.new(2, 8), Rect.new(4, 4), Square.new(4)
print("mixin", r1 == r2, r2 == sq, r1 < Rect.new(5, 5), sq <= r2)

-- method calls in a hot loop (monomorphic and polymorphic)
local total = 0
for i = 1, 20000 do total = total + shapes[2]:area() + shapes[3]:area() end
print("hot methods", total)
local poly = 0
for i = 1, 20000 do poly = poly + shapes[i % 3 + 1]:area() end
print("hot poly", poly)

-- counter object with closures vs methods
local Counter = class()
function Counter:init() self.count = 0 end
function Counter:inc(n) self.count = self.count + (n or 1); return self end
local c = Counter.new()
for i = 1, 1000 do c:inc():inc(2) end
print("chain", c.count)
