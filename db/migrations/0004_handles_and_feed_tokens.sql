CREATE TABLE "creator_handles" (
	"handle" text PRIMARY KEY NOT NULL,
	"creator_id" text NOT NULL,
	"retired_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP TABLE "feed_tokens" CASCADE;--> statement-breakpoint
ALTER TABLE "creator_handles" ADD CONSTRAINT "creator_handles_creator_id_creators_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."creators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "creator_handles_creator_idx" ON "creator_handles" USING btree ("creator_id");