CREATE TABLE "data_generation" (
	"id" integer PRIMARY KEY NOT NULL,
	"value" bigint NOT NULL,
	CONSTRAINT "data_generation_single_row" CHECK ("data_generation"."id" = 1)
);
