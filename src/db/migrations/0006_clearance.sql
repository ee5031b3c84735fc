CREATE TABLE "clearance_reviews" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "clearance_reviews_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"program_id" integer NOT NULL,
	"proposer_agency_id" text NOT NULL,
	"circulated_by" text NOT NULL,
	"circulated_by_user_id" integer,
	"circulated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"due_date" date NOT NULL,
	"status" text DEFAULT 'circulating' NOT NULL,
	"decision_reasons" text,
	"decided_by" text,
	"decided_by_user_id" integer,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "clearance_circulations" (
	"review_id" integer NOT NULL,
	"agency_id" text NOT NULL,
	CONSTRAINT "clearance_circulations_review_id_agency_id_pk" PRIMARY KEY("review_id","agency_id")
);
--> statement-breakpoint
CREATE TABLE "clearance_responses" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "clearance_responses_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"review_id" integer NOT NULL,
	"agency_id" text NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"responded_by" text NOT NULL,
	"responded_by_user_id" integer,
	"responded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clearance_replies" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "clearance_replies_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"review_id" integer NOT NULL,
	"text" text NOT NULL,
	"replied_by" text NOT NULL,
	"replied_by_user_id" integer,
	"replied_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "notifications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"agency_id" text NOT NULL,
	"review_id" integer,
	"audience" text NOT NULL,
	"message" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "clearance_reviews" ADD CONSTRAINT "clearance_reviews_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clearance_reviews" ADD CONSTRAINT "clearance_reviews_proposer_agency_id_agencies_id_fk" FOREIGN KEY ("proposer_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clearance_circulations" ADD CONSTRAINT "clearance_circulations_review_id_clearance_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."clearance_reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clearance_circulations" ADD CONSTRAINT "clearance_circulations_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clearance_responses" ADD CONSTRAINT "clearance_responses_review_id_clearance_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."clearance_reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clearance_responses" ADD CONSTRAINT "clearance_responses_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clearance_replies" ADD CONSTRAINT "clearance_replies_review_id_clearance_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."clearance_reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_review_id_clearance_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."clearance_reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "clearance_reviews_program_idx" ON "clearance_reviews" USING btree ("program_id");--> statement-breakpoint
CREATE UNIQUE INDEX "clearance_reviews_one_open_idx" ON "clearance_reviews" USING btree ("program_id") WHERE status IN ('circulating', 'answered');--> statement-breakpoint
CREATE INDEX "clearance_circulations_agency_idx" ON "clearance_circulations" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "clearance_responses_review_idx" ON "clearance_responses" USING btree ("review_id");--> statement-breakpoint
CREATE INDEX "clearance_replies_review_idx" ON "clearance_replies" USING btree ("review_id");--> statement-breakpoint
CREATE INDEX "notifications_agency_idx" ON "notifications" USING btree ("agency_id","created_at");
