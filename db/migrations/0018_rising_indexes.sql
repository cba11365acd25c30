CREATE INDEX "memberships_started_idx" ON "memberships" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "follows_created_idx" ON "follows" USING btree ("created_at");