"""Writes a wrk script that POSTs distinct signed WhatsApp webhooks, one message each.

wrk's Lua has no HMAC, so the signatures are computed here for COUNT bodies that the Lua side
rebuilds byte for byte from their index; after the last one a thread starts over (provider
retries, still journaled and synced before their 200).
Usage: python3 bench/intake/whatsapp_lua.py OUT.lua COUNT SECRET
"""
import hashlib
import hmac
import sys

# One template on both sides: Python fills it to sign, Lua fills it to send.
TEMPLATE = ('{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":'
            '"messages","value":{"messaging_product":"whatsapp","metadata":{"phone_number_id":'
            '"1"},"contacts":[{"profile":{"name":"Warga"},"wa_id":"62815%07d"}],"messages":'
            '[{"from":"62815%07d","id":"wamid.bench%d","timestamp":"1790000000","type":"text",'
            '"text":{"body":"Sampah menumpuk di pasar %d, bau"}}]}}]}]}')


def body(i):
    return TEMPLATE % (i, i, i, i)


def main():
    out, count, secret = sys.argv[1], int(sys.argv[2]), sys.argv[3].encode()
    sigs = ['"sha256=%s"' % hmac.new(secret, body(i).encode(), hashlib.sha256).hexdigest()
            for i in range(count)]
    with open(out, "w") as f:
        f.write("local template = [[%s]]\n" % TEMPLATE)
        f.write("local sigs = {%s}\n" % ",\n".join(sigs))
        f.write('''
local threads = {}
function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end
function init(args)
  nthreads = tonumber(args[1] or "1")
  n = tid  -- each thread walks its own residue class, so threads never repeat each other
end
function request()
  local i = n % #sigs
  n = n + nthreads
  return wrk.format("POST", "/webhooks/whatsapp", {["Content-Type"] = "application/json",
    ["X-Hub-Signature-256"] = sigs[i + 1]}, string.format(template, i, i, i, i))
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d requests=%d\\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    e.connect + e.read + e.write + e.status + e.timeout, summary.requests))
end
''')


if __name__ == "__main__":
    main()
