-- The overlap check ranks its candidates with ts_rank: a stored document saves parsing each title
-- and description again (src/coordination/README.md, docs/performance.md). PostgreSQL keeps it up
-- to date on every insert and update, whatever the door.
ALTER TABLE "programs" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('english', title || ' ' || coalesce(description, ''))) STORED;