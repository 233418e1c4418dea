-- Takes back one admission from the GCRA cells KEYS[1] (see gcra.lua), for a request another
-- group of limits refused: on a cluster, each group is decided in its own slot, so a refusal
-- by a later group undoes the earlier ones. ARGV: what the request cost, the number of
-- limits, then per limit its requests and interval; each cell moves back by the cost times
-- its interval. Returns how many cells it moved.
local cost, count = tonumber(ARGV[1]), tonumber(ARGV[2])
local moved, seen = 0, {}
for i = 1, count do
  local requests, interval = ARGV[1 + 2 * i], ARGV[2 + 2 * i]
  local field = requests .. '/' .. interval
  -- Two equal limits share a cell, which the request moved once.
  local tat = not seen[field] and tonumber(redis.call('HGET', KEYS[1], field))
  seen[field] = true
  if tat then
    local back = math.max(tat - tonumber(interval) * cost, 0)
    redis.call('HSET', KEYS[1], field, string.format('%.0f', back))
    moved = moved + 1
  end
end
return moved
