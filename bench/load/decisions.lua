-- wrk script: POST a rotating mix of federal requests to /api/v1/decisions, recorded with the
-- records-system token in $SANCTUARY_LOAD_TOKEN (without it every call is an unrecorded trial).
local bodies = {
  '{"received":"2024-07-15","receivingAgency":"CPD","requester":"ICE","kind":"DETAINER","basis":"ADMINISTRATIVE_WARRANT","purpose":"CIVIL_IMMIGRATION"}',
  '{"received":"2023-02-01","receivingAgency":"COOK_COUNTY_SHERIFF","requester":"HSI","kind":"INTERVIEW","basis":"NONE","purpose":"CRIMINAL"}',
  '{"received":"2019-07-15","receivingAgency":"CPD","requester":"U.S. Border Patrol","kind":"ASSISTANCE","basis":"NONE","purpose":"CIVIL_IMMIGRATION"}',
  '{"received":"2026-11-01","receivingAgency":"CPD","requester":"FBI","kind":"DATABASE_ACCESS","basis":"NONE","purpose":"CRIMINAL"}',
  '{"received":"2016-05-01","receivingAgency":"CITY","requester":"ICE","kind":"INFORMATION","basis":"NONE","purpose":"CIVIL_IMMIGRATION","subject":{"felonyConviction":true}}',
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("POST", "/api/v1/decisions", {["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. (os.getenv("SANCTUARY_LOAD_TOKEN") or "")}, bodies[(i % #bodies) + 1])
end
response = function(status, headers, body)
  if status ~= 201 then
    io.stderr:write("unexpected status " .. status .. ": " .. body .. "\n")
  end
end
