-- Cook County 46-37 binds every County office and CityKey confidentiality (MCC 2-176) binds the
-- City Clerk: requests to either are decided, so the register records them too.
ALTER TABLE federal_request DROP CONSTRAINT federal_request_receiving_agency_check;
ALTER TABLE federal_request ADD CONSTRAINT federal_request_receiving_agency_check
  CHECK (receiving_agency IN ('CPD', 'COOK_COUNTY_SHERIFF', 'CITY', 'COOK_COUNTY', 'CITY_CLERK'));
