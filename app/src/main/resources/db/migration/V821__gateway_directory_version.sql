-- The version of the gateway's directory (partners, their keys, their agreements). Every node
-- keeps the directory in memory and checks, with each look-up, that its copy is still this
-- version (org.sanctuary.gateway.PartnerDirectory): a revoked key or a changed agreement is seen
-- on the very next request, on every node.
--
-- Any write to the three tables, by any node, the command line or by hand, sets a new random
-- version in the same transaction (the triggers below), so the change and its version commit
-- together. Random rather than counted: after a restore or the promotion of a replica that had
-- not received the last transactions, a counter could come back to a number a node already holds
-- for other contents; a random version cannot.
CREATE TABLE gateway_directory_version (
  id         SMALLINT    PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  version    UUID        NOT NULL,
  changed_at TIMESTAMPTZ NOT NULL
);
INSERT INTO gateway_directory_version (id, version, changed_at) VALUES (1, gen_random_uuid(), now());

-- Without the row no node could tell whether its copy is current: look-ups are refused (503),
-- and so are changes, rather than let a change go unseen.
CREATE FUNCTION gateway_directory_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE gateway_directory_version SET version = gen_random_uuid(), changed_at = now() WHERE id = 1;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'gateway_directory_version has no row: the gateway directory cannot change';
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER gateway_partner_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON gateway_partner
  FOR EACH STATEMENT EXECUTE FUNCTION gateway_directory_changed();
CREATE TRIGGER gateway_key_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON gateway_key
  FOR EACH STATEMENT EXECUTE FUNCTION gateway_directory_changed();
CREATE TRIGGER gateway_agreement_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON gateway_agreement
  FOR EACH STATEMENT EXECUTE FUNCTION gateway_directory_changed();
