-- Trigram similarity serves fuzzy name matching and the overlap check; full-text serves `q`.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS programs_search_idx ON programs
  USING gin (to_tsvector('english', title || ' ' || coalesce(description, '')));
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS programs_title_trgm_idx ON programs USING gin (title gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS organizations_name_trgm_idx ON organizations USING gin (name gin_trgm_ops);
--> statement-breakpoint
-- The history is an audit trail: the application may add to it, never rewrite it.
CREATE OR REPLACE FUNCTION program_history_is_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'program_history is append-only';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER program_history_no_update BEFORE UPDATE OR DELETE ON program_history
  FOR EACH ROW EXECUTE FUNCTION program_history_is_append_only();
