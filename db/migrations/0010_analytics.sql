CREATE TYPE "public"."analytics_event_kind" AS ENUM('view', 'engaged', 'email_sent', 'email_click', 'feed_fetch', 'joined_free', 'joined_paid', 'upgraded', 'downgraded', 'cancelled', 'expired', 'renewed', 'payment_failed');--> statement-breakpoint
CREATE TABLE "analytics_daily" (
	"day" date NOT NULL,
	"creator_id" text NOT NULL,
	"kind" "analytics_event_kind" NOT NULL,
	"post_id" text NOT NULL,
	"source" text NOT NULL,
	"referrer" text NOT NULL,
	"campaign" text NOT NULL,
	"tier_id" text NOT NULL,
	"events" integer NOT NULL,
	"mrr_delta" bigint NOT NULL,
	CONSTRAINT "analytics_daily_creator_id_day_kind_post_id_source_referrer_campaign_tier_id_pk" PRIMARY KEY("creator_id","day","kind","post_id","source","referrer","campaign","tier_id")
);
--> statement-breakpoint
CREATE TABLE "analytics_daily_visitors" (
	"creator_id" text NOT NULL,
	"day" date NOT NULL,
	"post_id" text NOT NULL,
	"visitors" integer NOT NULL,
	CONSTRAINT "analytics_daily_visitors_creator_id_day_post_id_pk" PRIMARY KEY("creator_id","day","post_id")
);
--> statement-breakpoint
CREATE TABLE "analytics_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "analytics_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"creator_id" text NOT NULL,
	"post_id" text DEFAULT '' NOT NULL,
	"kind" "analytics_event_kind" NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"visitor" text DEFAULT '' NOT NULL,
	"source" text DEFAULT 'direct' NOT NULL,
	"referrer" text DEFAULT '' NOT NULL,
	"campaign" text DEFAULT '' NOT NULL,
	"tier_id" text DEFAULT '' NOT NULL,
	"mrr_delta" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_hourly" (
	"hour" timestamp with time zone NOT NULL,
	"creator_id" text NOT NULL,
	"kind" "analytics_event_kind" NOT NULL,
	"post_id" text NOT NULL,
	"source" text NOT NULL,
	"referrer" text NOT NULL,
	"campaign" text NOT NULL,
	"tier_id" text NOT NULL,
	"events" integer NOT NULL,
	"mrr_delta" bigint NOT NULL,
	CONSTRAINT "analytics_hourly_creator_id_hour_kind_post_id_source_referrer_campaign_tier_id_pk" PRIMARY KEY("creator_id","hour","kind","post_id","source","referrer","campaign","tier_id")
);
--> statement-breakpoint
CREATE TABLE "analytics_rollup_state" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"rolled_through" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_salts" (
	"day" date PRIMARY KEY NOT NULL,
	"salt" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "creators" ADD COLUMN "time_zone" text DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
ALTER TABLE "analytics_daily" ADD CONSTRAINT "analytics_daily_creator_id_creators_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."creators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_daily_visitors" ADD CONSTRAINT "analytics_daily_visitors_creator_id_creators_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."creators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_events" ADD CONSTRAINT "analytics_events_creator_id_creators_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."creators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_hourly" ADD CONSTRAINT "analytics_hourly_creator_id_creators_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."creators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "analytics_daily_post_idx" ON "analytics_daily" USING btree ("post_id","day") WHERE "analytics_daily"."post_id" <> '';--> statement-breakpoint
CREATE INDEX "analytics_events_received_idx" ON "analytics_events" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "analytics_events_creator_idx" ON "analytics_events" USING btree ("creator_id","occurred_at");--> statement-breakpoint
CREATE INDEX "analytics_hourly_post_idx" ON "analytics_hourly" USING btree ("post_id","hour") WHERE "analytics_hourly"."post_id" <> '';