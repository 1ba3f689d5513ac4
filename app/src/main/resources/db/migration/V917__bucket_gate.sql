-- A statement that takes a rate-limit token can gate the statements sent after it in the same
-- round trip (org.sanctuary.limits.Buckets.Gate): when no token was granted, or a value it reads
-- is not the one the caller expected, it calls this function, which never returns. The server
-- then runs nothing more of that round trip and keeps nothing of it. SQLSTATE SA429 is how the
-- application tells a closed gate from a failure. The gateway sends a look-up's token, the check
-- that its copy of the directory is current and the dataset's read together so.
CREATE FUNCTION bucket_gate_closed() RETURNS BOOLEAN
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'rate limit gate closed: no token, or not the value expected' USING ERRCODE = 'SA429';
END;
$$;
