-- wrk script: POST gateway look-ups (dataset demo-arrests, purpose CRIMINAL) for 64 different
-- synthetic people of the demo records, with the partner key in $SANCTUARY_LOAD_KEY.
local first = {'Ada','Ben','Cleo','Dev','Esme','Finn','Gia','Hugo','Ines','Jon','Kai','Lena','Milo',
  'Nia','Otto','Pia','Quin','Rosa','Sam','Tess','Uma','Vic','Wren','Xan','Yara','Zed',
  'Alma','Bo','Cy','Dora','Eli','Fay','Gus','Hana','Ivo','Jade','Kit','Lux','Mae','Ned'}
local last = {'Ash','Birch'}
local bodies = {}
for g = 1, 64 do
  bodies[g] = '{"dataset":"demo-arrests","parameters":{"lastName":"' .. last[math.floor((g - 1) / 40) + 1]
    .. '","firstName":"' .. first[((g - 1) % 40) + 1] .. '"},"purpose":"CRIMINAL","caseNumber":"LD-' .. g .. '"}'
end
local i = 0
request = function()
  i = i + 1
  return wrk.format("POST", "/api/v1/gateway/query", {["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. (os.getenv("SANCTUARY_LOAD_KEY") or "")}, bodies[(i % #bodies) + 1])
end
response = function(status, headers, body)
  if status ~= 200 then
    io.stderr:write("unexpected status " .. status .. ": " .. body .. "\n")
  end
end
