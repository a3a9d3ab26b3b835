-- wrk's summary as one JSON line (bench/served.py reads the last line of wrk's output):
-- wrk's own report gives the 50/75/90/99th percentiles only, the benchmark wants the 95th.
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "errors": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    errors.connect + errors.read + errors.write + errors.status + errors.timeout))
end
