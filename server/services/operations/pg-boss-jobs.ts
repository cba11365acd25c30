// pg-boss's jobs read and acted on in its own tables (the `pgboss` schema of the app's database),
// so any process can answer for all of them, whether or not it runs a worker itself.
import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { selectRows as rows } from "./database";
import { splitPayload } from "../../jobs/job-context";
import type { FailedJob, QueueStats } from "./jobs";

/** False until a pg-boss runner first started on this database and created its schema. */
export async function pgBossInstalled(db: Db): Promise<boolean> {
  const [row] = await rows<{ installed: boolean }>(db, sql`select to_regclass('pgboss.job') is not null as installed`);
  return row?.installed ?? false;
}

type StatsRow = {
  queue: string;
  waiting: number;
  scheduled: number;
  active: number;
  retrying: number;
  failed: number;
  oldest_due: Date | string | null;
};

/**
 * Every queue of the app's, empty ones included; pg-boss's own (`__pgboss__send-it`, which hands
 * out periodic jobs) are its business. Completed and cancelled jobs are left out: they are
 * history, and pg-boss archives them itself.
 */
export async function pgBossQueueStats(db: Db, now: Date): Promise<QueueStats[]> {
  const at = now.toISOString();
  const result = await rows<StatsRow>(
    db,
    sql`
      select q.name as queue,
             count(j.id) filter (where j.state in ('created', 'retry') and j.start_after <= ${at}::timestamptz)::int as waiting,
             count(j.id) filter (where j.state in ('created', 'retry') and j.start_after > ${at}::timestamptz)::int as scheduled,
             count(j.id) filter (where j.state = 'active')::int as active,
             count(j.id) filter (where j.state = 'retry')::int as retrying,
             count(j.id) filter (where j.state = 'failed')::int as failed,
             min(j.start_after) filter (where j.state in ('created', 'retry') and j.start_after <= ${at}::timestamptz) as oldest_due
        from pgboss.queue q
        left join pgboss.job j on j.name = q.name and j.state in ('created', 'retry', 'active', 'failed')
       where not starts_with(q.name, '__pgboss__')
       group by q.name
       order by q.name`,
  );
  return result.map((row) => ({
    queue: row.queue,
    waiting: row.waiting,
    scheduled: row.scheduled,
    active: row.active,
    retrying: row.retrying,
    failed: row.failed,
    lagSeconds: row.oldest_due ? Math.max(0, (now.getTime() - new Date(row.oldest_due).getTime()) / 1000) : 0,
  }));
}

type FailedRow = { id: string; queue: string; data: unknown; error: string | null; attempts: number; failed_at: Date | string | null };

export async function pgBossFailedJobs(db: Db, limit: number): Promise<FailedJob[]> {
  // pg-boss stores a handler's thrown error as its serialized form ({ name, message, stack }) and
  // an expiry as { value: { message } }; the stack stays in the table.
  const result = await rows<FailedRow>(
    db,
    sql`
      select id::text as id, name as queue, data,
             coalesce(output->>'message', output->'value'->>'message', output::text) as error,
             retry_count + 1 as attempts, completed_on as failed_at
        from pgboss.job
       where state = 'failed'
       order by completed_on desc nulls last
       limit ${limit}`,
  );
  return result.map((row) => ({
    id: row.id,
    queue: row.queue,
    // The job's own data: the request id and trace context it carries are not the operator's to read.
    data: splitPayload(row.data).data,
    error: row.error,
    attempts: row.attempts,
    failedAt: row.failed_at ? new Date(row.failed_at) : null,
  }));
}

/**
 * What `boss.retry(queue, id)` does (one more attempt allowed, back in the queue), and the failure
 * time cleared: pg-boss archives unfinished jobs by that time too, and would archive a job failed
 * long ago before a worker took it.
 */
export async function retryPgBossJob(db: Db, queue: string, id: string): Promise<boolean> {
  const result = await rows<{ id: string }>(
    db,
    sql`
      update pgboss.job
         set state = 'retry', retry_limit = retry_limit + 1, completed_on = null
       where name = ${queue} and id = ${id}::uuid and state = 'failed'
      returning id`,
  );
  return result.length > 0;
}

/** `boss.deleteJob(queue, id)`, for a failed job only: a running or waiting one is not the operator's to drop. */
export async function discardPgBossJob(db: Db, queue: string, id: string): Promise<boolean> {
  const result = await rows<{ id: string }>(
    db,
    sql`delete from pgboss.job where name = ${queue} and id = ${id}::uuid and state = 'failed' returning id`,
  );
  return result.length > 0;
}
