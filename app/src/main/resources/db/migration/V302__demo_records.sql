-- Synthetic police records for the gateway's demo dataset. Every name, date and address is
-- generated; there is no column for immigration status, citizenship or place of birth at all.
-- home_address and victim_flag show the "never leaves" fields.
CREATE SCHEMA demo_records;

CREATE TABLE demo_records.persons (
  id            INTEGER PRIMARY KEY,
  first_name    TEXT    NOT NULL,
  last_name     TEXT    NOT NULL,
  date_of_birth DATE    NOT NULL,
  home_address  TEXT    NOT NULL
);

CREATE TABLE demo_records.arrests (
  id          INTEGER PRIMARY KEY,
  person_id   INTEGER NOT NULL REFERENCES demo_records.persons (id),
  arrested_on DATE    NOT NULL,
  charge      TEXT    NOT NULL,
  district    INTEGER NOT NULL CHECK (district BETWEEN 1 AND 25),
  victim_flag BOOLEAN NOT NULL
);

-- 2,000 people: 40 first names x 50 last names, each pair once; deterministic, no randomness.
INSERT INTO demo_records.persons (id, first_name, last_name, date_of_birth, home_address)
SELECT g,
       (ARRAY['Ada','Ben','Cleo','Dev','Esme','Finn','Gia','Hugo','Ines','Jon','Kai','Lena','Milo',
              'Nia','Otto','Pia','Quin','Rosa','Sam','Tess','Uma','Vic','Wren','Xan','Yara','Zed',
              'Alma','Bo','Cy','Dora','Eli','Fay','Gus','Hana','Ivo','Jade','Kit','Lux','Mae','Ned'])
         [1 + (g - 1) % 40],
       (ARRAY['Ash','Birch','Cedar','Dale','Elm','Fern','Glen','Heath','Iris','Juniper','Kestrel',
              'Larch','Moss','North','Oak','Pine','Quarry','Reed','Stone','Thorn','Upland','Vale',
              'Willow','Yew','Alder','Brook','Clay','Dune','Ember','Flint','Grove','Hollow','Isle',
              'Jasper','Knoll','Lake','Marsh','Nettle','Orchard','Pebble','Rowan','Sage','Tarn',
              'Umber','Violet','Wold','Aspen','Bramble','Cliff','Drift'])[1 + (g - 1) / 40],
       DATE '1950-01-01' + ((g * 7919) % 18000),
       ((g * 31) % 9000 + 100)::text || ' W Example St, Unit ' || (g % 40 + 1)
FROM generate_series(1, 2000) AS g;

-- 6,000 arrests, three per person, spread over 2015-2025 and the 25 districts.
INSERT INTO demo_records.arrests (id, person_id, arrested_on, charge, district, victim_flag)
SELECT g,
       1 + (g - 1) % 2000,
       DATE '2015-01-01' + ((g * 104729) % 4000),
       (ARRAY['burglary','theft','battery','robbery','criminal damage','fraud','assault',
              'weapons violation'])[1 + (g + (g - 1) / 2000 * 3) % 8],
       1 + (g + (g - 1) / 2000 * 7) % 25,
       g % 11 = 0
FROM generate_series(1, 6000) AS g;

CREATE INDEX demo_persons_name ON demo_records.persons (last_name, first_name);
CREATE INDEX demo_arrests_person ON demo_records.arrests (person_id);
CREATE INDEX demo_arrests_district ON demo_records.arrests (district, arrested_on);
