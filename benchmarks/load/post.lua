-- wrk script of the load test: posts one fixed body with the headers named below, and prints
-- one machine-readable RESULT line when the run ends.
--
-- Environment: LOAD_BODY (file of the body), LOAD_PATH (request path), LOAD_SIGNATURE (value of
-- X-Regen-Signature, empty for none).

local file = assert(io.open(os.getenv("LOAD_BODY"), "rb"))
local body = file:read("*a")
file:close()

wrk.method = "POST"
wrk.path = os.getenv("LOAD_PATH")
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
local signature = os.getenv("LOAD_SIGNATURE")
if signature ~= nil and signature ~= "" then
  wrk.headers["X-Regen-Signature"] = signature
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors
  io.write(string.format(
    "RESULT requests=%d seconds=%.3f rps=%.1f p50_ms=%.3f p99_ms=%.3f http_errors=%d socket_errors=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
