-- The data generation (src/programs/facet-cache.ts): goes up, in the writing transaction, with
-- every statement that changes a table the program search or its facet counts read, so a cached
-- count stored under one value is the count of the data at that value. Clearance tables are not
-- here: only signed-in viewers' visibility reads them, and their results are never cached.
INSERT INTO data_generation (id, value) VALUES (1, 0) ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- Once per transaction, not once per statement: readers only ever see committed states, and a
-- bulk import of thousands of statements would otherwise pile thousands of versions of the one
-- row into its own transaction. The marker is transaction-local (set_config(…, true)) and holds
-- the transaction id, so a rolled-back savepoint (which reverts both the marker and the UPDATE)
-- bumps again on its next write, and a new transaction always bumps.
CREATE OR REPLACE FUNCTION bump_data_generation() RETURNS trigger AS $$
BEGIN
  IF current_setting('ctip.data_generation_xact', true) IS DISTINCT FROM pg_current_xact_id()::text THEN
    UPDATE data_generation SET value = value + 1 WHERE id = 1;
    PERFORM set_config('ctip.data_generation_xact', pg_current_xact_id()::text, true);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- One statement trigger per table, named <table>_data_generation.
DO $$
DECLARE
  watched text;
BEGIN
  FOREACH watched IN ARRAY ARRAY['programs', 'program_places', 'program_partners', 'program_terms', 'program_obligations',
    'agencies', 'organizations', 'countries', 'regions', 'region_countries', 'vocabulary_terms'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION bump_data_generation()',
      watched || '_data_generation', watched);
  END LOOP;
END;
$$;
