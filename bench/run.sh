#!/usr/bin/env bash
# Token authentication against its floor and against JWT, at a million tokens; then the API Tokens screen.
# Usage: bench/run.sh            (the full run: 1,000,000 tokens, 3 rounds of 10 s per scenario)
#        TOKENS=100000 USERS=1000 ROUNDS=1 DURATION=5s bench/run.sh   (a quick look while developing)
# All load goes to 127.0.0.1, for a bounded time. Results: bench/results/<date>.md and the table on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

TOKENS=${TOKENS:-1000000}
USERS=${USERS:-10000}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-1}
SCREEN_CONNECTIONS=${SCREEN_CONNECTIONS:-4}
APP_PORT=${APP_PORT:-5090}
PEER_PORT=${PEER_PORT:-5091}
LIMITED_PORT=${LIMITED_PORT:-5092}
NGINX_PORT=${NGINX_PORT:-5093}
NGINX_PLAIN_PORT=${NGINX_PLAIN_PORT:-5094}
PASSWORD=Bench-Password-1

if ! command -v wrk >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
if [ ! -x /usr/sbin/nginx ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
fi

work=$(mktemp -d /tmp/scoutprime-bench.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }

log "Building Release"
for project in src/ScoutPrime.Tokens.Web bench/ScoutPrime.Tokens.Bench.Seed bench/ScoutPrime.Tokens.Bench.JwtPeer; do
  dotnet build "$project" -c Release -v quiet -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
done
web=src/ScoutPrime.Tokens.Web/bin/Release/net10.0/ScoutPrime.Tokens.Web.dll
seed=bench/ScoutPrime.Tokens.Bench.Seed/bin/Release/net10.0/ScoutPrime.Tokens.Bench.Seed.dll
peer=bench/ScoutPrime.Tokens.Bench.JwtPeer/bin/Release/net10.0/ScoutPrime.Tokens.Bench.JwtPeer.dll

log "Seeding $TOKENS tokens for $USERS users"
dotnet "$seed" "$work/tokens.db" "$work" "$TOKENS" "$USERS" "$PASSWORD" 2>&1 | grep -v -e '^warn: .*XmlKeyManager' -e 'may be persisted to storage' >&2

# start NAME PORT DLL ARGS...: runs a host on 127.0.0.1:PORT until the script ends, and waits for its ping.
declare -A pid_of
start() {
  local name=$1 port=$2 dll=$3; shift 3
  (cd "$(dirname "$dll")" && exec dotnet "$(basename "$dll")" --urls "http://127.0.0.1:$port" "$@") >"$work/$name.log" 2>&1 &
  pids+=($!)
  pid_of[$port]=$!
  for _ in $(seq 120); do
    curl -fs "http://127.0.0.1:$port/api/v1/ping" >/dev/null && return 0
    sleep 0.5
  done
  log "$name did not start:"; tail -20 "$work/$name.log" >&2; exit 1
}

db="Data Source=$work/tokens.db"
# Every refused call of the benchmark comes from 127.0.0.1: the limit is raised so that the "invalid" scenario measures
# the refusal itself (and the one resource server's, so that introspection measures its answers, not 429s); the
# "invalid, limited" scenario measures the 429 that the default limit gives instead. The screen users sign in with a
# password alone, so Production's strong sign-in requirement is off: the screen is measured, not the sign-in.
start app "$APP_PORT" "$web" --ConnectionStrings:Tokens="$db" --Site:BaseUrl="http://127.0.0.1:$APP_PORT" --Tokens:FailedAuthenticationLimit=100000000 \
  --Introspection:RequestsPerMinutePerClient=10000000 --Security:RequireStrongSignInForTokens=false
jwt_key=$(head -c 32 /dev/urandom | base64)
start peer "$PEER_PORT" "$peer" --Jwt:Key="$jwt_key"
dotnet "$peer" mint --Jwt:Key="$jwt_key" >"$work/jwt.txt"

# nginx in front of the peer's unauthenticated ping, twice: with the shipped site (auth_request to this application)
# and a plain proxy to the same upstream. One process (no master), so /proc shows its CPU.
mkdir -p "$work/nginx"
sed -e "s/server 127.0.0.1:5080;/server 127.0.0.1:$APP_PORT;/" -e "s/server 127.0.0.1:9000;/server 127.0.0.1:$PEER_PORT;/" \
  -e "s/listen 8080;/listen 127.0.0.1:$NGINX_PORT;/" deploy/nginx/scoutprime-api.conf >"$work/nginx/site.conf"
cat >"$work/nginx/nginx.conf" <<NGINX
user $(id -un);
master_process off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $work/nginx/body; proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi; uwsgi_temp_path $work/nginx/uwsgi; scgi_temp_path $work/nginx/scgi;
    include $work/nginx/site.conf;
    server {
        listen 127.0.0.1:$NGINX_PLAIN_PORT;
        location / { proxy_http_version 1.1; proxy_set_header Connection ""; proxy_pass http://protected_api; }
    }
}
NGINX
/usr/sbin/nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" -g 'daemon off;' &
pids+=($!)
pid_of[$NGINX_PORT]=$!
pid_of[$NGINX_PLAIN_PORT]=$!
for _ in $(seq 40); do curl -fs "http://127.0.0.1:$NGINX_PLAIN_PORT/api/v1/ping" >/dev/null && break; sleep 0.25; done

# scenario NAME URL CODES OFFSET LIMIT EXPECT: one wrk run; EXPECT is 2xx, or refused (every answer must be non-2xx).
declare -A rps p50 p99 failed requests cpu
# The server's CPU time (user + system, in clock ticks) from /proc: less shaken by other load than req/s.
ticks() { local port=${1#http://127.0.0.1:}; awk '{ print $14 + $15 }' "/proc/${pid_of[${port%%/*}]}/stat"; }
scenario() {
  local name=$1 url=$2 codes=$3 offset=$4 limit=$5 expect=$6 out="$work/wrk.out" before
  before=$(ticks "$url")
  BENCH_PATH=/${url#http://*/} BENCH_CODES=$codes BENCH_OFFSET=$offset BENCH_LIMIT=$limit BENCH_THREADS=$THREADS \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "bench/wrk/${SCRIPT:-rotate}.lua" "$url" >"$out"
  local total non2xx errors
  total=$(awk '/requests in/ {print $1}' "$out")
  cpu[$name]="${cpu[$name]:-} $(awk -v t=$(( $(ticks "$url") - before )) -v n="$total" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.0f", t / hz * 1e6 / n }')"
  non2xx=$(awk '/Non-2xx/ {print $NF}' "$out"); non2xx=${non2xx:-0}
  errors=$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$out"); errors=${errors:-0}
  local bad=$((non2xx + errors))
  [ "$expect" = refused ] && bad=$((total - non2xx + errors))
  rps[$name]="${rps[$name]:-} $(awk '/Requests\/sec/ {print $2}' "$out")"
  p50[$name]="${p50[$name]:-} $(to_ms "$(awk '$1 == "50%" {print $2}' "$out")")"
  p99[$name]="${p99[$name]:-} $(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")"
  failed[$name]=$(( ${failed[$name]:-0} + bad ))
  requests[$name]=$(( ${requests[$name]:-0} + total ))
  log "$(printf '%-16s %9s req/s  p50 %7s ms  p99 %7s ms  cpu %4s us/req  failed %s' "$name" "${rps[$name]##* }" "${p50[$name]##* }" "${p99[$name]##* }" "${cpu[$name]##* }" "$bad")"
}
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /[0-9]s$/ && v !~ /ms$/) n *= 1000; printf "%.3f", n }'; }

api="http://127.0.0.1:$APP_PORT/api/v1"
export BENCH_AUTHORIZATION="Basic $(tr -d '\n' <"$work/introspection-client.txt" | base64 -w0)"
log "Warming up (JIT tiers, connection pools), not measured"
for url in "$api/ping" "$api/me" "http://127.0.0.1:$PEER_PORT/api/v1/ping" "http://127.0.0.1:$PEER_PORT/api/v1/me" \
  "http://127.0.0.1:$APP_PORT/healthz/live" "http://127.0.0.1:$APP_PORT/auth/verify" \
  "http://127.0.0.1:$NGINX_PLAIN_PORT/api/v1/ping" "http://127.0.0.1:$NGINX_PORT/api/v1/ping"; do
  codes="$work/warm.txt"; [[ $url == *$PEER_PORT* ]] && codes="$work/jwt.txt"
  BENCH_PATH=/${url#http://*/} BENCH_CODES=$codes BENCH_THREADS=$THREADS wrk -t"$THREADS" -c"$CONNECTIONS" -d3s -s bench/wrk/rotate.lua "$url" >/dev/null
done
# Every introspection answers 200, an inactive one too: make sure the warm token is the active one it should be.
curl -fs -H "Authorization: $BENCH_AUTHORIZATION" --data-urlencode "token=$(head -1 "$work/warm.txt")" \
  "http://127.0.0.1:$APP_PORT/connect/introspect" | grep -q '"active":true' || { log "introspection does not answer active for the warm token"; exit 1; }
BENCH_PATH=/connect/introspect BENCH_CODES="$work/warm.txt" wrk -t"$THREADS" -c"$CONNECTIONS" -d3s -s bench/wrk/introspect.lua \
  "http://127.0.0.1:$APP_PORT/connect/introspect" >/dev/null
BENCH_PATH=/api/v1/me BENCH_CODES="$work/invalid.txt" BENCH_THREADS=$THREADS wrk -t"$THREADS" -c"$CONNECTIONS" -d3s -s bench/wrk/rotate.lua "$api/me" >/dev/null
# The last 20,000 cold codes warm the lookup path; the rounds never use them.
tail -n 20000 "$work/cold.txt" >"$work/cold-warmup.txt"; head -n -20000 "$work/cold.txt" >"$work/cold-rounds.txt"; mv "$work/cold-rounds.txt" "$work/cold.txt"
BENCH_PATH=/api/v1/me BENCH_CODES="$work/cold-warmup.txt" BENCH_THREADS=$THREADS wrk -t"$THREADS" -c"$CONNECTIONS" -d3s -s bench/wrk/rotate.lua "$api/me" >/dev/null
cold_per_round=$(( $(wc -l <"$work/cold.txt") / ROUNDS ))
for round in $(seq 0 $((ROUNDS - 1))); do
  log "Round $((round + 1)) of $ROUNDS"
  scenario floor "$api/ping" "$work/warm.txt" 0 1 2xx
  scenario ours-warm "$api/me" "$work/warm.txt" 0 1 2xx
  scenario ours-cold "$api/me" "$work/cold.txt" $((round * cold_per_round)) "$cold_per_round" 2xx
  scenario invalid "$api/me" "$work/invalid.txt" 0 1000 refused
  scenario peer-floor "http://127.0.0.1:$PEER_PORT/api/v1/ping" "$work/jwt.txt" 0 1 2xx
  scenario peer "http://127.0.0.1:$PEER_PORT/api/v1/me" "$work/jwt.txt" 0 1 2xx
  # The cheapest thing the application answers, and the gateways' check against it.
  scenario live "http://127.0.0.1:$APP_PORT/healthz/live" "$work/warm.txt" 0 1 2xx
  scenario verify-warm "http://127.0.0.1:$APP_PORT/auth/verify" "$work/warm.txt" 0 1 2xx
  # A resource server introspecting the warm token (RFC 7662): client Basic authentication, form body, JSON answer.
  SCRIPT=introspect scenario introspect-warm "http://127.0.0.1:$APP_PORT/connect/introspect" "$work/warm.txt" 0 1 2xx
  # Through nginx (CPU: nginx's own): with auth_request to this application, and without any check.
  scenario nginx-noauth "http://127.0.0.1:$NGINX_PLAIN_PORT/api/v1/ping" "$work/warm.txt" 0 1 2xx
  scenario nginx-auth "http://127.0.0.1:$NGINX_PORT/api/v1/ping" "$work/warm.txt" 0 1 2xx
done
# A cold request that found its code already used would be a cache hit: say so rather than report it as cold.
cold_reused=$(( ${requests[ours-cold]} > ROUNDS * cold_per_round ? requests[ours-cold] - ROUNDS * cold_per_round : 0 ))

log "The default limit: every refused call after the tenth from one address gets 429"
start limited "$LIMITED_PORT" "$web" --ConnectionStrings:Tokens="$db" --Site:BaseUrl="http://127.0.0.1:$LIMITED_PORT"
BENCH_PATH=/api/v1/ping BENCH_CODES="$work/warm.txt" BENCH_THREADS=$THREADS \
  wrk -t"$THREADS" -c"$CONNECTIONS" -d3s -s bench/wrk/rotate.lua "http://127.0.0.1:$LIMITED_PORT/api/v1/ping" >/dev/null
scenario invalid-limited "http://127.0.0.1:$LIMITED_PORT/api/v1/me" "$work/invalid.txt" 0 1000 refused

# The API Tokens screen, signed in through the login form (antiforgery token and all), for 1, 100 and 1,000 tokens.
declare -A screen_rows
for count in 1 100 1000; do
  jar="$work/cookies-$count.txt"
  form=$(curl -fs -c "$jar" "http://127.0.0.1:$APP_PORT/Identity/Account/Login")
  # The page has two forms (passkey and password), each with a token: any one does.
  antiforgery=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' <<<"$form" | sed -n '1{s/.*value="//; s/"$//; p}')
  curl -fs -b "$jar" -c "$jar" -o /dev/null "http://127.0.0.1:$APP_PORT/Identity/Account/Login" \
    --data-urlencode "Input.Email=screens-$count@bench.local" --data-urlencode "Input.Password=$PASSWORD" \
    --data-urlencode "__RequestVerificationToken=$antiforgery"
  cookie=$(awk '!/^#/ || /^#HttpOnly_/ { if (NF >= 7) printf "%s=%s; ", $6, $7 }' "$jar")
  screen_rows[$count]=$(curl -fs -H "Cookie: $cookie" "http://127.0.0.1:$APP_PORT/tokens" | grep -c '<tr id="token-' || true)
  # Fewer connections than the API: a page of 1,000 rows takes long enough that 32 at once would only queue.
  BENCH_PATH=/tokens BENCH_COOKIE=$cookie wrk -t1 -c"$SCREEN_CONNECTIONS" -d3s --timeout 10s -s bench/wrk/cookie.lua \
    "http://127.0.0.1:$APP_PORT/tokens" >/dev/null
  BENCH_PATH=/tokens BENCH_COOKIE=$cookie wrk -t1 -c"$SCREEN_CONNECTIONS" -d"$DURATION" --timeout 10s --latency -s bench/wrk/cookie.lua \
    "http://127.0.0.1:$APP_PORT/tokens" >"$work/wrk.out"
  name="screen-$count"
  total=$(awk '/requests in/ {print $1}' "$work/wrk.out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' "$work/wrk.out")
  rps[$name]=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.out")
  p50[$name]=$(to_ms "$(awk '$1 == "50%" {print $2}' "$work/wrk.out")")
  p99[$name]=$(to_ms "$(awk '$1 == "99%" {print $2}' "$work/wrk.out")")
  failed[$name]=$(( ${non2xx:-0} + ( screen_rows[$count] == count ? 0 : 1 ) ))
  requests[$name]=$total
  log "$(printf '%-18s %9s req/s  p50 %7s ms  p99 %7s ms  rows %s  failed %s' "$name" "${rps[$name]}" "${p50[$name]}" "${p99[$name]}" "${screen_rows[$count]}" "${failed[$name]}")"
done

# ---- Report: each figure as a ratio to the floor of the same rounds; per-round ratios show how steady they were.
mean() { awk '{ s = 0; for (i = 1; i <= NF; i++) s += $i; printf "%.1f", s / NF }' <<<"$1"; }
max() { awk '{ m = $1; for (i = 2; i <= NF; i++) if ($i > m) m = $i; printf "%.2f", m }' <<<"$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
round_ratios() { paste -d/ <(tr ' ' '\n' <<<"${rps[$1]# }") <(tr ' ' '\n' <<<"${rps[$2]# }") | awk -F/ '{ printf "%s%.2f", (NR > 1 ? " " : ""), $1 / $2 }'; }
floor_rps=$(mean "${rps[floor]}"); floor_p99=$(max "${p99[floor]}")
stamp=$(date -u +%Y-%m-%dT%H%MZ)
result="bench/results/$stamp.md"
mkdir -p bench/results
{
  echo "# Benchmark $stamp"
  echo
  echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), client and server on the same machine;"
  echo "\`ROUNDS=$ROUNDS DURATION=$DURATION CONNECTIONS=$CONNECTIONS SCREEN_CONNECTIONS=$SCREEN_CONNECTIONS THREADS=$THREADS TOKENS=$TOKENS USERS=$USERS bench/run.sh\`"
  echo "at commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src bench || echo ' (with uncommitted changes)')."
  echo "Scenarios ran interleaved, $ROUNDS rounds; req/s is the mean of the rounds, p50 its mean, p99 the worst round."
  echo
  echo "| scenario | req/s | × floor | per round | p50 ms | p99 ms | p99 × floor | server CPU µs/req | requests | failed |"
  echo "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|"
  for name in floor ours-warm ours-cold invalid peer-floor peer live verify-warm introspect-warm nginx-noauth nginx-auth invalid-limited; do
    r=$(mean "${rps[$name]}"); q=$(max "${p99[$name]}")
    per=$([ "$name" = invalid-limited ] && echo "(own instance)" || round_ratios "$name" floor)
    echo "| $name | $r | $(ratio "$r" "$floor_rps") | $per | $(mean "${p50[$name]}") | $q | $(ratio "$q" "$floor_p99") | $(mean "${cpu[$name]}") | ${requests[$name]} | ${failed[$name]} |"
  done
  echo
  echo "ours-warm ÷ peer: $(ratio "$(mean "${rps[ours-warm]}")" "$(mean "${rps[peer]}")")" \
    "(each over its own floor: ours $(ratio "$(mean "${rps[ours-warm]}")" "$floor_rps"), peer $(ratio "$(mean "${rps[peer]}")" "$(mean "${rps[peer-floor]}")"))."
  echo "Cold requests that had to reuse a code (and so hit the cache): $cold_reused."
  echo
  echo "## Targets"
  echo
  check() { awk -v a="$2" -v b="$3" 'BEGIN { exit !(a >= b) }' && echo "- [x] $1 ($2 ≥ $3)" || echo "- [ ] $1 ($2, target $3)"; }
  check "ours-warm ≥ 0.90 × floor" "$(ratio "$(mean "${rps[ours-warm]}")" "$floor_rps")" 0.90
  check "ours-cold ≥ 0.50 × floor" "$(ratio "$(mean "${rps[ours-cold]}")" "$floor_rps")" 0.50
  check "cold p99 within 3 × floor p99 (inverted: floor p99 × 3 ÷ cold p99 ≥ 1)" "$(ratio "$(awk -v f="$floor_p99" 'BEGIN { print f * 3 }')" "$(max "${p99[ours-cold]}")")" 1.00
  check "invalid ≥ 0.95 × floor" "$(ratio "$(mean "${rps[invalid]}")" "$floor_rps")" 0.95
  check "ours-warm ≥ 1.2 × peer" "$(ratio "$(mean "${rps[ours-warm]}")" "$(mean "${rps[peer]}")")" 1.20
  check "ours-warm ≥ 0.85 × live" "$(ratio "$(mean "${rps[ours-warm]}")" "$(mean "${rps[live]}")")" 0.85
  check "verify-warm ≥ 0.85 × live" "$(ratio "$(mean "${rps[verify-warm]}")" "$(mean "${rps[live]}")")" 0.85
  check "introspect-warm ≥ 0.85 × floor" "$(ratio "$(mean "${rps[introspect-warm]}")" "$floor_rps")" 0.85
  check "nginx-auth ≥ 0.80 × nginx-noauth" "$(ratio "$(mean "${rps[nginx-auth]}")" "$(mean "${rps[nginx-noauth]}")")" 0.80
  all_failed=0; for name in "${!failed[@]}"; do all_failed=$((all_failed + failed[$name])); done
  [ "$all_failed" -eq 0 ] && echo "- [x] no failed request in any run" || echo "- [ ] no failed request in any run ($all_failed failed)"
  echo
  echo "## API Tokens screen (one user, signed in)"
  echo
  echo "| tokens | rows shown | req/s | p50 ms | p99 ms | req/s × rows | failed |"
  echo "|---:|---:|---:|---:|---:|---:|---:|"
  for count in 1 100 1000; do
    name="screen-$count"
    echo "| $count | ${screen_rows[$count]} | ${rps[$name]} | ${p50[$name]} | ${p99[$name]} | $(awk -v r="${rps[$name]}" -v n="${screen_rows[$count]}" 'BEGIN { printf "%.0f", r * n }') | ${failed[$name]} |"
  done
} >"$result"
cat "$result"
log "Written to $result"
