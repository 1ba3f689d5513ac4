-- The gateway's watch compares a partner's last hour with its mean over the 168 whole hours (UTC)
-- before it. It read those 7 days of gateway_access at every check, once a minute a partner: at a
-- steady 100 look-ups a second, 60 million rows a check. An hour that is over does not change, so
-- the watch counts it once, here, and a check reads at most 168 of these rows a partner and the
-- last hour's look-ups. A row is written for an hour without look-ups too: a missing row is an hour
-- not counted yet. Rows older than the baseline are removed by the watch.
CREATE TABLE gateway_access_hour (
  partner_id BIGINT      NOT NULL REFERENCES gateway_partner (id),
  hour       TIMESTAMPTZ NOT NULL CHECK (date_trunc('hour', hour AT TIME ZONE 'UTC') = hour AT TIME ZONE 'UTC'),
  lookups    BIGINT      NOT NULL CHECK (lookups >= 0),
  subjects   BIGINT      NOT NULL CHECK (subjects >= 0 AND subjects <= lookups), -- distinct parameter hashes
  PRIMARY KEY (partner_id, hour)
);
