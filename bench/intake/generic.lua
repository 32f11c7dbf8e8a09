-- wrk script: POST distinct complaints to /webhooks/generic, so every request is a new,
-- durably stored ticket (no dedupe shortcut), then print one machine-readable result line.
local threads = {}
local run = os.time()

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  counter = 0
  prefix = args[1] or ""  -- distinct per wrk process when several load one database
end

function request()
  counter = counter + 1
  local body = string.format(
    '{"id":"b%s%d-%d-%d","from":"+62812%07d","text":"Jalan di RT %d dekat SDN %d rusak parah dan berlubang, sudah 3 bulan belum diperbaiki"}',
    prefix, run, tid, counter, (tid * 1000003 + counter) % 10000000, counter % 20, counter % 9)
  return wrk.format("POST", "/webhooks/generic", {["Content-Type"] = "application/json"}, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d requests=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    e.connect + e.read + e.write + e.status + e.timeout, summary.requests))
end
