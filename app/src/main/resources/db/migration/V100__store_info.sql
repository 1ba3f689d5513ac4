-- One row describing this database: when Sanctuary created it, and how migrations are numbered.
CREATE TABLE store_info (
  id          smallint    PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  created_at  timestamptz NOT NULL DEFAULT now(),
  notes       text        NOT NULL
);

INSERT INTO store_info (notes) VALUES (
  'Migration versions by part: V1xx core and federal requests, V2xx ledger, V3xx gateway, '
  || 'V4xx incidents, V5xx reports.'
);
