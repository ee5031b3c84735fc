-- The audit trail cannot be edited through the application: the same rule as program_history.
CREATE OR REPLACE FUNCTION audit_table_is_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_table_is_append_only();
--> statement-breakpoint
-- One view of every recorded change, for auditors (`ctip audit`).
CREATE VIEW audit_trail AS
  SELECT 'program-' || id AS event_id, changed_at AS occurred_at, actor, door, action,
         'program' AS entity_type, program_id::text AS entity_id, before, after
    FROM program_history
  UNION ALL
  SELECT 'event-' || id, occurred_at, actor, door, action, entity_type, entity_id, before, after
    FROM audit_events;
