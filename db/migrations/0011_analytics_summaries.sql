CREATE TABLE "analytics_daily_posts" (
	"creator_id" text NOT NULL,
	"day" date NOT NULL,
	"post_id" text NOT NULL,
	"kind" "analytics_event_kind" NOT NULL,
	"events" integer NOT NULL,
	CONSTRAINT "analytics_daily_posts_creator_id_day_post_id_kind_pk" PRIMARY KEY("creator_id","day","post_id","kind")
);
--> statement-breakpoint
CREATE TABLE "analytics_daily_sources" (
	"creator_id" text NOT NULL,
	"day" date NOT NULL,
	"source" text NOT NULL,
	"referrer" text NOT NULL,
	"campaign" text NOT NULL,
	"views" integer NOT NULL,
	CONSTRAINT "analytics_daily_sources_creator_id_day_source_referrer_campaign_pk" PRIMARY KEY("creator_id","day","source","referrer","campaign")
);
--> statement-breakpoint
CREATE TABLE "analytics_daily_totals" (
	"creator_id" text NOT NULL,
	"day" date NOT NULL,
	"kind" "analytics_event_kind" NOT NULL,
	"tier_id" text NOT NULL,
	"events" integer NOT NULL,
	"mrr_delta" bigint NOT NULL,
	CONSTRAINT "analytics_daily_totals_creator_id_day_kind_tier_id_pk" PRIMARY KEY("creator_id","day","kind","tier_id")
);
--> statement-breakpoint
ALTER TABLE "analytics_daily_posts" ADD CONSTRAINT "analytics_daily_posts_creator_id_creators_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."creators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_daily_sources" ADD CONSTRAINT "analytics_daily_sources_creator_id_creators_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."creators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_daily_totals" ADD CONSTRAINT "analytics_daily_totals_creator_id_creators_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."creators"("id") ON DELETE cascade ON UPDATE no action;