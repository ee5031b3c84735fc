CREATE TABLE "recommendation_responses" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "recommendation_responses_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"recommendation_id" integer NOT NULL,
	"responded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"responder" text NOT NULL,
	"responder_user_id" integer,
	"text" text NOT NULL,
	"resulting_status" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recommendations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "recommendations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"fiscal_year" integer NOT NULL,
	"text" text NOT NULL,
	"owner_agency_id" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "strategic_plan_activities" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "strategic_plan_activities_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"goal_id" integer NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"description" text
);
--> statement-breakpoint
CREATE TABLE "strategic_plan_activity_programs" (
	"activity_id" integer NOT NULL,
	"program_id" integer NOT NULL,
	CONSTRAINT "strategic_plan_activity_programs_activity_id_program_id_pk" PRIMARY KEY("activity_id","program_id")
);
--> statement-breakpoint
CREATE TABLE "strategic_plan_goals" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "strategic_plan_goals_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"plan_id" integer NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"description" text
);
--> statement-breakpoint
CREATE TABLE "strategic_plans" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "strategic_plans_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"agency_id" text NOT NULL,
	"title" text NOT NULL,
	"fiscal_year_from" integer NOT NULL,
	"fiscal_year_to" integer NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "recommendation_responses" ADD CONSTRAINT "recommendation_responses_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_owner_agency_id_agencies_id_fk" FOREIGN KEY ("owner_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategic_plan_activities" ADD CONSTRAINT "strategic_plan_activities_goal_id_strategic_plan_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."strategic_plan_goals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategic_plan_activity_programs" ADD CONSTRAINT "strategic_plan_activity_programs_activity_id_strategic_plan_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."strategic_plan_activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategic_plan_activity_programs" ADD CONSTRAINT "strategic_plan_activity_programs_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategic_plan_goals" ADD CONSTRAINT "strategic_plan_goals_plan_id_strategic_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."strategic_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategic_plans" ADD CONSTRAINT "strategic_plans_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "recommendation_responses_recommendation_idx" ON "recommendation_responses" USING btree ("recommendation_id");--> statement-breakpoint
CREATE INDEX "recommendations_fiscal_year_idx" ON "recommendations" USING btree ("fiscal_year");--> statement-breakpoint
CREATE INDEX "recommendations_owner_idx" ON "recommendations" USING btree ("owner_agency_id");--> statement-breakpoint
CREATE INDEX "strategic_plan_activities_goal_idx" ON "strategic_plan_activities" USING btree ("goal_id");--> statement-breakpoint
CREATE INDEX "strategic_plan_activity_programs_program_idx" ON "strategic_plan_activity_programs" USING btree ("program_id");--> statement-breakpoint
CREATE INDEX "strategic_plan_goals_plan_idx" ON "strategic_plan_goals" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "strategic_plans_agency_idx" ON "strategic_plans" USING btree ("agency_id");--> statement-breakpoint
-- Responses to recommendations are a record of what was done: appended, never edited or removed.
CREATE TRIGGER recommendation_responses_no_update BEFORE UPDATE OR DELETE ON recommendation_responses
  FOR EACH ROW EXECUTE FUNCTION audit_table_is_append_only();
