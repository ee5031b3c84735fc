CREATE TABLE "organization_identifiers" (
	"organization_id" integer NOT NULL,
	"scheme" text NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "program_narratives" (
	"program_id" integer NOT NULL,
	"field" text NOT NULL,
	"language" text NOT NULL,
	"text" text NOT NULL,
	CONSTRAINT "program_narratives_program_id_field_language_pk" PRIMARY KEY("program_id","field","language")
);
--> statement-breakpoint
CREATE TABLE "program_transactions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "program_transactions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"program_id" integer NOT NULL,
	"transaction_type" text NOT NULL,
	"value_date" date,
	"fiscal_year" integer,
	"amount_minor" bigint,
	"currency" text DEFAULT 'USD' NOT NULL,
	"description" text,
	"source_location" text
);
--> statement-breakpoint
ALTER TABLE "organization_identifiers" ADD CONSTRAINT "organization_identifiers_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_narratives" ADD CONSTRAINT "program_narratives_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_transactions" ADD CONSTRAINT "program_transactions_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "organization_identifiers_scheme_value_idx" ON "organization_identifiers" USING btree ("scheme","value");--> statement-breakpoint
CREATE INDEX "program_transactions_program_idx" ON "program_transactions" USING btree ("program_id");