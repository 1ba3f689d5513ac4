-- A recorded decision's row, with its jsonb decision, is a little over the 2 kB at which PostgreSQL
-- starts compressing a row's largest values (TOAST_TUPLE_THRESHOLD), so every insert compressed the
-- decision with pglz: 5% of the database's CPU under recorded decisions, for rows of 1.4 kB instead
-- of 2.1 kB (bench/README.md, "Where a decision's time in PostgreSQL goes"). The target below is
-- the largest PostgreSQL allows: a row is compressed, or its values moved out of line, only when it
-- would not fit in a page otherwise. A register holds thousands of rows a year, not millions; the
-- space is cheap, the CPU on the write path is not.
ALTER TABLE federal_request SET (toast_tuple_target = 8160);
