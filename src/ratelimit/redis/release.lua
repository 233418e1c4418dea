-- Takes back one admission recorded at tick ARGV[1] in the ring KEYS[1] (see acquire.lua), for
-- a request another group of limits refused: on a cluster, each group is decided in its own
-- slot, so a refusal by a later group undoes the earlier ones. The request counted as ARGV[2]
-- times (its cost); that many times of the tick go. Returns how many it found.
local raw = redis.call('GET', KEYS[1])
if not raw or #raw < 8 or (#raw - 8) % 4 ~= 0 then return 0 end
local base = struct.unpack('<d', raw)
local tick = tonumber(ARGV[1])
local cost = tonumber(ARGV[2])
local len = (#raw - 8) / 4
local found = 0
for i = len, 1, -1 do
  if found == cost then break end
  local at = 8 + 4 * (i - 1) + 1
  if base + struct.unpack('<I4', raw, at) == tick then
    raw = string.sub(raw, 1, at - 1) .. string.sub(raw, at + 4)
    found = found + 1
  end
end
if found > 0 then
  local ttl = redis.call('PTTL', KEYS[1])
  if ttl > 0 then
    redis.call('SET', KEYS[1], raw, 'PX', ttl)
  else
    redis.call('SET', KEYS[1], raw)
  end
end
return found
