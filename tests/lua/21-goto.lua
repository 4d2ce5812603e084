-- goto and labels: continue pattern, breaking out of nested loops, backward goto loops, redo-style retry
-- continue in a numeric for
local odds = {}
for i = 1, 15 do
  if i % 2 == 0 then goto continue end
  odds[#odds + 1] = i
  ::continue::
end
print("continue", table.concat(odds, " "))

-- continue in while and repeat
local i, got = 0, {}
while i < 10 do
  i = i + 1
  if i % 3 == 0 then goto next_iter end
  got[#got + 1] = i
  ::next_iter::
end
print("while continue", table.concat(got, " "))

local r, rep = 0, {}
repeat
  r = r + 1
  if r == 2 or r == 4 then goto cont end
  rep[#rep + 1] = r
  ::cont::
until r >= 6
print("repeat continue", table.concat(rep, " "))

-- break out of nested loops
local found
for a = 1, 20 do
  for b = a, 20 do
    for c = b, 30 do
      if a * a + b * b == c * c and a + b + c == 24 then
        found = a .. "," .. b .. "," .. c
        goto done
      end
    end
  end
end
::done::
print("nested break", found)

-- backward goto as a loop
local n, fact = 1, 1
::top::
fact = fact * n
n = n + 1
if n <= 10 then goto top end
print("goto loop", fact)

-- goto in a hot loop (continue with heavy filtering)
local sum, skipped = 0, 0
for k = 1, 100000 do
  if k % 3 == 0 or k % 5 == 0 then
    skipped = skipped + 1
    goto skip
  end
  sum = sum + k
  ::skip::
end
print("hot continue", sum, skipped)

-- nested continue at two levels
local pairs_found = {}
for x = 1, 6 do
  if x == 3 then goto outer_continue end
  for y = 1, 6 do
    if y <= x then goto inner_continue end
    if (x + y) % 4 ~= 0 then goto inner_continue end
    pairs_found[#pairs_found + 1] = x .. "-" .. y
    ::inner_continue::
  end
  ::outer_continue::
end
print("two-level continue", table.concat(pairs_found, " "))

-- closures capturing loop locals with goto continue
local fns = {}
for q = 1, 6 do
  local v = q * 10
  if q % 2 == 1 then goto cont2 end
  fns[#fns + 1] = function() return v end
  ::cont2::
end
local vals = {}
for idx, f in ipairs(fns) do vals[idx] = f() end
print("closures with goto", table.concat(vals, " "))

-- retry with goto (state machine)
local attempts, state = 0, "start"
local log = {}
::retry::
attempts = attempts + 1
log[#log + 1] = state
if attempts < 3 then
  state = "retry" .. attempts
  goto retry
end
print("retry", attempts, table.concat(log, ">"))

-- goto-based state machine parsing digits and letters
local input = "ab12cd345e"
local pos, tokens = 1, {}
::dispatch::
if pos > #input then goto finish end
do
  local ch = input:sub(pos, pos)
  if ch:match("%d") then goto number end
  tokens[#tokens + 1] = "L:" .. ch
  pos = pos + 1
  goto dispatch
end
::number::
do
  local s, e = input:find("^%d+", pos)
  tokens[#tokens + 1] = "N:" .. input:sub(s, e)
  pos = e + 1
  goto dispatch
end
::finish::
print("state machine", table.concat(tokens, " "))

-- invalid goto is a compile error, seen via loadstring
print("bad goto", loadstring("goto nowhere"))
print("jump into scope", loadstring("do goto l; local x = 1; ::l:: print(x) end"))
print("duplicate label", loadstring("::a:: ::a::"))
