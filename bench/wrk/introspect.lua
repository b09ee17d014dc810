-- POST $BENCH_PATH as a resource server introspecting a token (RFC 7662): "Authorization: $BENCH_AUTHORIZATION"
-- (the client's Basic credentials) and the form body "token=<the first code of $BENCH_CODES>". Formatted once, in init.
function init(args)
  local code = io.lines(os.getenv("BENCH_CODES"))()
  request_text = wrk.format("POST", os.getenv("BENCH_PATH"), {
    ["Authorization"] = os.getenv("BENCH_AUTHORIZATION"),
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, "token=" .. code)
end

function request()
  return request_text
end
