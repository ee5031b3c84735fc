-- Proposed indexes for interagency grant coordination (src/coordination). Not applied; for the
-- migrations owner to measure and review. pg_trgm is already enabled (0001).
--
-- Adopted: the stored full-text document (programs.search_vector, migration 0007), which halved
-- the overlap check at 100,000 programs (docs/performance.md). Its GIN index is not created:
-- the check reads the column for ts_rank only, and `q` search (program-search.ts) still uses the
-- expression index programs_search_idx; an index on the column would serve `q` once
-- program-search.ts reads search_vector, and programs_search_idx could then be dropped.

-- 1. A GiST trigram index on titles supports ORDER BY title <-> $1 LIMIT n (nearest titles first),
--    which GIN cannot; that would let the check keep a title branch for every draft, capped by
--    relevance instead of skipping it when the draft names a partner or a place. Not measured.
CREATE INDEX IF NOT EXISTS programs_title_trgm_gist_idx ON programs USING gist (title gist_trgm_ops);

-- 2. Date-range candidates (programs with start/end dates but no obligations) are found through
--    the place and partner branches only; an index on the period would let a period-only draft
--    be checked without a scan. Not measured.
CREATE INDEX IF NOT EXISTS programs_period_idx ON programs USING gist (daterange(start_date, end_date, '[]'));
