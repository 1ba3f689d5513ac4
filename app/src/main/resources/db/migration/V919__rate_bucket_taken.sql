-- How many tokens the last check took (org.sanctuary.limits.PostgresBuckets): a gateway node may
-- take several at once for a partner with a high rate and spend them over the next few
-- milliseconds without a statement each (org.sanctuary.gateway.Gatekeeper). RETURNING sees only
-- the new row, so the count is kept on it, as 'granted' is.
ALTER TABLE rate_bucket ADD COLUMN taken BIGINT NOT NULL DEFAULT 0 CHECK (taken >= 0);
