-- wrk script: POSTs pre-signed, distinct WhatsApp webhooks from a file
-- (one "signature<TAB>body" per line), cycling when it runs out.
local lines = {}
local i = 0
function init(args)
  for line in io.lines(args[1]) do lines[#lines + 1] = line end
  -- Each wrk thread starts at a different place in the file.
  i = math.random(#lines)
end
function request()
  i = i % #lines + 1
  local sig, body = lines[i]:match("^(.-)\t(.*)$")
  return wrk.format("POST", nil, { ["content-type"] = "application/json", ["x-hub-signature-256"] = sig }, body)
end
