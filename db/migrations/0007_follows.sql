CREATE TABLE "follows" (
	"user_id" text NOT NULL,
	"creator_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "follows_user_id_creator_id_pk" PRIMARY KEY("user_id","creator_id")
);
--> statement-breakpoint
ALTER TABLE "follows" ADD CONSTRAINT "follows_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follows" ADD CONSTRAINT "follows_creator_id_creators_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."creators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "follows_creator_idx" ON "follows" USING btree ("creator_id","created_at","user_id");--> statement-breakpoint
-- A member follows by default: everyone who holds a membership today follows its creator.
INSERT INTO "follows" ("user_id", "creator_id", "created_at")
SELECT "user_id", "creator_id", min("started_at") FROM "memberships" WHERE "status" <> 'expired' GROUP BY "user_id", "creator_id"
ON CONFLICT DO NOTHING;
