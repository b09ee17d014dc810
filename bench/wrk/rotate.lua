-- GET $BENCH_PATH with "Authorization: Bearer <code>", the next code of $BENCH_CODES on every request.
-- Every API scenario uses this script (the floor and the warm one with a one-line file), so the client does
-- the same work in each and the ratios compare the server alone. Requests are formatted once, in init.
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  local path = os.getenv("BENCH_PATH")
  local threads = tonumber(os.getenv("BENCH_THREADS") or "1")
  local first = tonumber(os.getenv("BENCH_OFFSET") or "0")
  local last = first + tonumber(os.getenv("BENCH_LIMIT") or "1000000000")
  requests = {}
  local i = 0
  for line in io.lines(os.getenv("BENCH_CODES")) do
    if i >= last then break end
    if i >= first and (i - first) % threads == id then
      requests[#requests + 1] = wrk.format("GET", path, { ["Authorization"] = "Bearer " .. line })
    end
    i = i + 1
  end
  index = 0
end

function request()
  index = index % #requests + 1
  return requests[index]
end
