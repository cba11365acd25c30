CREATE TABLE "recommendations" (
	"id" text PRIMARY KEY NOT NULL,
	"creator_id" text NOT NULL,
	"recommended_id" text NOT NULL,
	"reason" varchar(140) DEFAULT '' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"clicks" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recommendations_not_self" CHECK ("recommendations"."creator_id" <> "recommendations"."recommended_id")
);
--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "attributed_recommendation_id" text;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "welcomed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_creator_id_creators_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."creators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_recommended_id_creators_id_fk" FOREIGN KEY ("recommended_id") REFERENCES "public"."creators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "recommendations_pair_key" ON "recommendations" USING btree ("creator_id","recommended_id");--> statement-breakpoint
CREATE INDEX "recommendations_recommended_idx" ON "recommendations" USING btree ("recommended_id");--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_attributed_recommendation_id_recommendations_id_fk" FOREIGN KEY ("attributed_recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "memberships_recommendation_idx" ON "memberships" USING btree ("attributed_recommendation_id") WHERE "memberships"."attributed_recommendation_id" is not null;--> statement-breakpoint
-- Members who joined before welcome emails existed were welcomed as they joined: none is sent now.
UPDATE "memberships" SET "welcomed_at" = "started_at";
