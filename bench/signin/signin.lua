-- wrk script: a storm of sign-ins. Every request is POST /api/v1/session with the right password of one demo
-- account, so that each one costs a full Argon2id verification (a wrong password would soon be throttled: 429
-- without hashing). Answers are counted by kind and printed by done() as one line that run.sh reads:
--   signin-statuses: ok=N overloaded=N busy=N throttled=N other=N
-- ok: 2xx; overloaded: 503 "server overloaded" (the worker pool's queue was full, Retry-After: 1);
-- busy: any other 503 (SQLite busy); throttled: 429; other: anything else.
-- The account comes from BENCH_SIGNIN_EMAIL / BENCH_SIGNIN_PASSWORD (defaults: the demo teleworker).

local email = os.getenv("BENCH_SIGNIN_EMAIL") or "teleworker@demo.telecentres.example"
local password = os.getenv("BENCH_SIGNIN_PASSWORD") or "demo-teletravail-cantal"

local function json_string(s)
  return '"' .. s:gsub('[%c"\\]', function(c)
    if c == '"' or c == "\\" then return "\\" .. c end
    return string.format("\\u%04x", c:byte())
  end) .. '"'
end

wrk.method = "POST"
wrk.path = "/api/v1/session"
wrk.body = "{\"email\":" .. json_string(email) .. ",\"password\":" .. json_string(password) .. "}"
wrk.headers["Content-Type"] = "application/json"

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  ok, overloaded, busy, throttled, other = 0, 0, 0, 0, 0
  first_other = ""
end

function response(status, headers, body)
  if status >= 200 and status < 300 then
    ok = ok + 1
  elseif status == 503 then
    if body and (body:find("surcharg", 1, true) or body:find("overloaded", 1, true)) then
      overloaded = overloaded + 1
    else
      busy = busy + 1
    end
  elseif status == 429 then
    throttled = throttled + 1
  else
    other = other + 1
    if first_other == "" then first_other = tostring(status) .. " " .. (body or ""):sub(1, 200) end
  end
end

function done(summary, latency, requests)
  local t = { ok = 0, overloaded = 0, busy = 0, throttled = 0, other = 0 }
  local sample = ""
  for _, thread in ipairs(threads) do
    for k, _ in pairs(t) do t[k] = t[k] + (thread:get(k) or 0) end
    local s = thread:get("first_other")
    if sample == "" and s and s ~= "" then sample = s end
  end
  io.write(string.format("signin-statuses: ok=%d overloaded=%d busy=%d throttled=%d other=%d\n",
                         t.ok, t.overloaded, t.busy, t.throttled, t.other))
  if sample ~= "" then io.write("signin-first-other: " .. sample:gsub("\n", " ") .. "\n") end
end
