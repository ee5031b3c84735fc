CREATE TABLE "organization_aliases" (
	"normalized_name" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"organization_id" integer NOT NULL,
	"source" text DEFAULT 'reviewed' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "organizations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"type_code" text,
	"faith_based" boolean DEFAULT false NOT NULL,
	"reviewed" boolean DEFAULT true NOT NULL,
	"country_code" text,
	"parent_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "unresolved_names" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "unresolved_names_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"normalized_name" text NOT NULL,
	"name" text NOT NULL,
	"source" text NOT NULL,
	"occurrences" integer DEFAULT 1 NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_runs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "import_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"source" text NOT NULL,
	"file_name" text NOT NULL,
	"file_sha256" text NOT NULL,
	"actor" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"report" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "program_history" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "program_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"program_id" integer NOT NULL,
	"version" integer NOT NULL,
	"action" text NOT NULL,
	"door" text NOT NULL,
	"actor" text NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "program_obligations" (
	"program_id" integer NOT NULL,
	"fiscal_year" integer NOT NULL,
	"amount_cents" bigint,
	"amount_note" text,
	CONSTRAINT "program_obligations_program_id_fiscal_year_pk" PRIMARY KEY("program_id","fiscal_year")
);
--> statement-breakpoint
CREATE TABLE "program_partners" (
	"program_id" integer NOT NULL,
	"organization_id" integer NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "program_partners_program_id_organization_id_role_pk" PRIMARY KEY("program_id","organization_id","role")
);
--> statement-breakpoint
CREATE TABLE "program_places" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "program_places_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"program_id" integer NOT NULL,
	"country_code" text,
	"region_code" text,
	"share_percent" integer
);
--> statement-breakpoint
CREATE TABLE "program_terms" (
	"program_id" integer NOT NULL,
	"vocabulary" text NOT NULL,
	"code" text NOT NULL,
	CONSTRAINT "program_terms_program_id_vocabulary_code_pk" PRIMARY KEY("program_id","vocabulary","code")
);
--> statement-breakpoint
CREATE TABLE "programs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "programs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"title" text NOT NULL,
	"description" text,
	"funding_agency_id" text NOT NULL,
	"status" text NOT NULL,
	"visibility" text DEFAULT 'public' NOT NULL,
	"start_date" date,
	"end_date" date,
	"target_groups" text[] DEFAULT '{}' NOT NULL,
	"source" text DEFAULT 'manual' NOT NULL,
	"source_key" text,
	"source_record" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agencies" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"abbreviation" text,
	"kind" text NOT NULL,
	"parent_id" text,
	"description" text
);
--> statement-breakpoint
CREATE TABLE "body_memberships" (
	"body_id" text NOT NULL,
	"agency_id" text NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "body_memberships_body_id_agency_id_pk" PRIMARY KEY("body_id","agency_id")
);
--> statement-breakpoint
CREATE TABLE "coordination_bodies" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"abbreviation" text,
	"parent_body_id" text,
	"description" text
);
--> statement-breakpoint
CREATE TABLE "countries" (
	"code" text PRIMARY KEY NOT NULL,
	"alpha2" text,
	"numeric_code" text,
	"name" text NOT NULL,
	"official_name" text,
	"region_code" text,
	"historical" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "place_aliases" (
	"normalized_name" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"country_code" text,
	"region_code" text,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "region_countries" (
	"region_code" text NOT NULL,
	"country_code" text NOT NULL,
	CONSTRAINT "region_countries_region_code_country_code_pk" PRIMARY KEY("region_code","country_code")
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"parent_code" text
);
--> statement-breakpoint
CREATE TABLE "vocabulary_terms" (
	"vocabulary" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"pillar" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "vocabulary_terms_vocabulary_code_pk" PRIMARY KEY("vocabulary","code")
);
--> statement-breakpoint
ALTER TABLE "organization_aliases" ADD CONSTRAINT "organization_aliases_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_country_code_countries_code_fk" FOREIGN KEY ("country_code") REFERENCES "public"."countries"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_obligations" ADD CONSTRAINT "program_obligations_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_partners" ADD CONSTRAINT "program_partners_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_partners" ADD CONSTRAINT "program_partners_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_places" ADD CONSTRAINT "program_places_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_places" ADD CONSTRAINT "program_places_country_code_countries_code_fk" FOREIGN KEY ("country_code") REFERENCES "public"."countries"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_places" ADD CONSTRAINT "program_places_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_terms" ADD CONSTRAINT "program_terms_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programs" ADD CONSTRAINT "programs_funding_agency_id_agencies_id_fk" FOREIGN KEY ("funding_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agencies" ADD CONSTRAINT "agencies_parent_id_agencies_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "body_memberships" ADD CONSTRAINT "body_memberships_body_id_coordination_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."coordination_bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "body_memberships" ADD CONSTRAINT "body_memberships_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coordination_bodies" ADD CONSTRAINT "coordination_bodies_parent_body_id_coordination_bodies_id_fk" FOREIGN KEY ("parent_body_id") REFERENCES "public"."coordination_bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "countries" ADD CONSTRAINT "countries_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "place_aliases" ADD CONSTRAINT "place_aliases_country_code_countries_code_fk" FOREIGN KEY ("country_code") REFERENCES "public"."countries"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "place_aliases" ADD CONSTRAINT "place_aliases_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region_countries" ADD CONSTRAINT "region_countries_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region_countries" ADD CONSTRAINT "region_countries_country_code_countries_code_fk" FOREIGN KEY ("country_code") REFERENCES "public"."countries"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "organizations_name_idx" ON "organizations" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "unresolved_names_kind_name_idx" ON "unresolved_names" USING btree ("kind","normalized_name");--> statement-breakpoint
CREATE INDEX "program_history_program_idx" ON "program_history" USING btree ("program_id","version");--> statement-breakpoint
CREATE INDEX "program_obligations_fiscal_year_idx" ON "program_obligations" USING btree ("fiscal_year");--> statement-breakpoint
CREATE INDEX "program_partners_organization_idx" ON "program_partners" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "program_places_program_idx" ON "program_places" USING btree ("program_id");--> statement-breakpoint
CREATE INDEX "program_places_country_idx" ON "program_places" USING btree ("country_code");--> statement-breakpoint
CREATE INDEX "program_places_region_idx" ON "program_places" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "program_terms_code_idx" ON "program_terms" USING btree ("vocabulary","code");--> statement-breakpoint
CREATE UNIQUE INDEX "programs_source_key_idx" ON "programs" USING btree ("source","source_key");--> statement-breakpoint
CREATE INDEX "programs_funding_agency_idx" ON "programs" USING btree ("funding_agency_id");--> statement-breakpoint
CREATE INDEX "programs_status_idx" ON "programs" USING btree ("status");--> statement-breakpoint
CREATE INDEX "region_countries_country_idx" ON "region_countries" USING btree ("country_code");