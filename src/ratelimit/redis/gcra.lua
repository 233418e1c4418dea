-- The approximate store's decision (`RedisStore::gcra`): one GCRA cell per caller and limit,
-- as `gcra.rs` keeps them in process. Admits a request when every limit of every group has
-- room, and records it in every cell; a refused request is recorded in none. One hash per
-- group (KEYS[g]): field `base`, the Unix second its cells count from, and per limit a field
-- `requests/interval` holding its theoretical arrival time (`tat`) in nanoseconds after
-- `base`. Nanoseconds after a recent second stay exact in Lua's numbers (below 2^53): the
-- cells move to a later base after REBASE_AFTER seconds. Time is Redis's own clock (TIME).
--
-- ARGV: 1 to record an admitted request, 0 to only read the states; then per group: what
-- the request costs, the number of limits, then per limit its requests, its interval (the
-- window over the requests, in whole nanoseconds, at least 1) and how far ahead of the
-- schedule a caller may be (`ahead`, nanoseconds: the interval times requests - 1).
-- Returns whether it admitted the request, then per group 1 when it recorded it, else 0,
-- then per limit the requests left and the microseconds until a request of the same cost
-- fits (when one fits: until one more does).
local t = redis.call('TIME')
local sec, usec = tonumber(t[1]), tonumber(t[2])
local REBASE_AFTER = 1000000
local record = ARGV[1] == '1'
local function exact(n) return string.format('%.0f', n) end
local groups = {}
local admitted = 1
local arg = 2
for g = 1, #KEYS do
  local group = { cost = tonumber(ARGV[arg]), limits = {} }
  local count = tonumber(ARGV[arg + 1])
  arg = arg + 2
  local fields = {}
  for i = 1, count do
    group.limits[i] = {
      requests = tonumber(ARGV[arg]), interval = tonumber(ARGV[arg + 1]),
      ahead = tonumber(ARGV[arg + 2]), field = ARGV[arg] .. '/' .. ARGV[arg + 1],
    }
    fields[i] = group.limits[i].field
    arg = arg + 3
  end
  local stored = redis.call('HMGET', KEYS[g], 'base', unpack(fields))
  local base = tonumber(stored[1])
  local shift = 0
  if base == nil then
    base = sec
  elseif sec - base >= REBASE_AFTER then
    shift = (sec - base) * 1000000000
    base = sec
    group.changed = true
  end
  group.base = base
  -- After a failover Redis's clock may go back: `now` is then earlier than the cells, which
  -- only ever refuses more.
  group.now = (sec - base) * 1000000000 + usec * 1000
  for i, limit in ipairs(group.limits) do
    limit.tat = math.max((tonumber(stored[i + 1]) or 0) - shift, 0)
  end
  for _, limit in ipairs(group.limits) do
    if group.cost > 0 then
      local last = math.max(limit.tat, group.now) + limit.interval * (group.cost - 1)
      if group.cost > limit.requests or last > group.now + limit.ahead then admitted = 0 end
    end
  end
  groups[g] = group
end
local out = { admitted }
for _, group in ipairs(groups) do
  if admitted == 1 and record and group.cost > 0 then
    for _, limit in ipairs(group.limits) do
      limit.tat = math.max(limit.tat, group.now) + limit.interval * group.cost
    end
    group.changed = true
    out[#out + 1] = 1
  else
    out[#out + 1] = 0
  end
end
for _, group in ipairs(groups) do
  for _, limit in ipairs(group.limits) do
    local start, latest = math.max(limit.tat, group.now), group.now + limit.ahead
    local remaining = 0
    if start <= latest then
      remaining = math.min(math.floor((latest - start) / limit.interval) + 1, limit.requests)
    end
    local used = limit.requests - remaining
    local reset = 0
    if used > 0 then
      local lacking = math.min(math.max(used + group.cost - limit.requests, 1), used)
      local fit = math.min(remaining + lacking, limit.requests)
      reset = limit.tat + limit.interval * (fit - 1) - limit.ahead - group.now
    end
    out[#out + 1] = remaining
    out[#out + 1] = math.ceil(math.max(reset, 0) / 1000)
  end
end
for g, group in ipairs(groups) do
  if group.changed then
    local cells = { 'base', exact(group.base) }
    local latest = 0
    for _, limit in ipairs(group.limits) do
      cells[#cells + 1] = limit.field
      cells[#cells + 1] = exact(limit.tat)
      latest = math.max(latest, limit.tat)
    end
    redis.call('HSET', KEYS[g], unpack(cells))
    -- Once every cell is behind the clock, the caller is as good as new: the hash goes.
    redis.call('PEXPIRE', KEYS[g], math.ceil(math.max(latest - group.now, 0) / 1000000) + 1)
  end
end
return out
