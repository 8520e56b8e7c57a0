-- wrk script: POSTs pre-signed, distinct WhatsApp webhooks from a file
-- (one "signature<TAB>body" per line), cycling when it runs out.
-- Each thread starts 2,500 lines after the previous one (half of the 5,000
-- numbers): no two threads send the same number at the same moment, and
-- every run sends the same order (random starts made A/B runs vary by up
-- to a quarter).
local lines = {}
local i = 0
local threads = 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end
function init(args)
  for line in io.lines(args[1]) do lines[#lines + 1] = line end
  i = (id or 0) * 2500
end
function request()
  i = i % #lines + 1
  local sig, body = lines[i]:match("^(.-)\t(.*)$")
  return wrk.format("POST", nil, { ["content-type"] = "application/json", ["x-hub-signature-256"] = sig }, body)
end
