-- Admits a request when every limit of every group has room, and records it in every ring; a
-- refused request is recorded in none. One ring per group (KEYS[g]), laid out as `ring.rs`'s:
-- the base tick as an 8-byte little-endian double, then one 4-byte little-endian offset per
-- admission, oldest first. Time is Redis's own clock (TIME), so the instances' clocks do not
-- matter.
--
-- ARGV: 1 to record an admitted request, 0 to only read the states; then per group:
-- microseconds per tick, the longest window in ticks, the times kept (the
-- largest limit), what the request costs (the times it counts as), the number of limits,
-- then per limit its requests and window in ticks.
-- Returns whether it admitted the request, then per group the tick it recorded (0 when
-- refused), then per limit the requests left and the microseconds until a request of the
-- same cost has room (the oldest counted request leaves the window, or as many as it lacks).
local t = redis.call('TIME')
local now_us = tonumber(t[1]) * 1000000 + tonumber(t[2])
local REBASE_AFTER = 2147483648
local record = ARGV[1] == '1'
local groups = {}
local admitted = 1
local arg = 2
for g = 1, #KEYS do
  local group = {
    tick = tonumber(ARGV[arg]), longest = tonumber(ARGV[arg + 1]),
    keep = tonumber(ARGV[arg + 2]), cost = tonumber(ARGV[arg + 3]), limits = {},
  }
  local count = tonumber(ARGV[arg + 4])
  arg = arg + 5
  for i = 1, count do
    group.limits[i] = { requests = tonumber(ARGV[arg]), window = tonumber(ARGV[arg + 1]) }
    arg = arg + 2
  end
  group.now = math.floor(now_us / group.tick)
  group.base = group.now
  group.body = ''
  local raw = redis.call('GET', KEYS[g])
  if raw and #raw >= 8 and (#raw - 8) % 4 == 0 then
    group.base = struct.unpack('<d', raw)
    group.body = string.sub(raw, 9)
  end
  local function at(i)
    return group.base + struct.unpack('<I4', group.body, 4 * (i - 1) + 1)
  end
  local len = #group.body / 4
  -- Times only ever grow, even when Redis's clock went back (after a failover).
  if len > 0 and at(len) > group.now then group.now = at(len) end
  -- Forget what no limit counts, and what the ring does not keep.
  local low, high = 1, len + 1
  while low < high do
    local mid = math.floor((low + high) / 2)
    if at(mid) + group.longest <= group.now then low = mid + 1 else high = mid end
  end
  local drop = math.max(low - 1, len - group.keep)
  if drop > 0 then
    group.body = string.sub(group.body, 4 * drop + 1)
    len = len - drop
    group.changed = true
  end
  if len == 0 then group.base = group.now end
  group.at = at
  group.len = len
  -- The first time each limit counts: among its latest `requests`, inside its window.
  group.first = function(limit)
    local lo, hi = math.max(group.len - limit.requests + 1, 1), group.len + 1
    while lo < hi do
      local mid = math.floor((lo + hi) / 2)
      if group.at(mid) + limit.window <= group.now then lo = mid + 1 else hi = mid end
    end
    return lo
  end
  for _, limit in ipairs(group.limits) do
    if group.len - group.first(limit) + 1 + group.cost > limit.requests then admitted = 0 end
  end
  groups[g] = group
end
local out = { admitted }
for g, group in ipairs(groups) do
  if admitted == 1 and record and group.keep > 0 then
    local drop = group.len + group.cost - group.keep
    if drop > 0 then
      group.body = string.sub(group.body, 4 * drop + 1)
      group.len = group.len - drop
    end
    if group.now - group.base >= REBASE_AFTER then
      -- Offsets from the oldest time kept, so the newest fits in 4 bytes again.
      local oldest = group.len > 0 and group.at(1) or group.now
      local moved = {}
      for i = 1, group.len do moved[i] = struct.pack('<I4', group.at(i) - oldest) end
      group.body = table.concat(moved)
      group.base = oldest
    end
    group.body = group.body .. string.rep(struct.pack('<I4', group.now - group.base), group.cost)
    group.len = group.len + group.cost
    group.changed = true
    out[#out + 1] = group.now
  else
    out[#out + 1] = 0
  end
end
for _, group in ipairs(groups) do
  for _, limit in ipairs(group.limits) do
    local first = group.first(limit)
    local used = group.len - first + 1
    local lacking = math.min(math.max(used + group.cost - limit.requests, 1), math.max(used, 1))
    local reset = 0
    if used > 0 then
      reset = (group.at(first + lacking - 1) + limit.window - group.now) * group.tick
    end
    out[#out + 1] = math.max(limit.requests - used, 0)
    out[#out + 1] = math.max(reset, 0)
  end
end
for g, group in ipairs(groups) do
  if group.changed then
    local ttl = math.ceil(group.longest * group.tick / 1000) + 1
    redis.call('SET', KEYS[g], struct.pack('<d', group.base) .. group.body, 'PX', ttl)
  end
end
return out
