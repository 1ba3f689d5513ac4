-- A request recorded with a records-system token is stored only while the token is live: the
-- statement that stores it checks the token in the transaction of the request's ledger entry
-- (org.sanctuary.register.RegisterStore.INSERT). So each node may keep the tokens it has seen in
-- memory and ask the database nothing more per request, and a token revoked by any node, by the
-- command line or by hand is refused on its very next use everywhere: that request's transaction
-- sees the revocation, stores nothing, and its caller gets 401.
--
-- Called only for a token that is not live (the statement's CASE tests that first); it never
-- returns. SQLSTATE SA401 is how the application tells this refusal from a failure.
CREATE FUNCTION records_token_not_live(recorded_by TEXT) RETURNS BOOLEAN
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'records token %: unknown or revoked', substr(recorded_by, 7) USING ERRCODE = 'SA401';
END;
$$;
