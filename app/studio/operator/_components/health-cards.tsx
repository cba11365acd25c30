// The instance's parts at a glance: database, Redis, media storage and email.
import { formatBytes } from "@/lib/document/media";
import type { OperationsOverview } from "@/server/services/operations/overview";
import { formatCount } from "./format";
import { Figure, StatusCard } from "./status";

/** Below this share of the disk free, uploads are close to failing. */
const LOW_SPACE_SHARE = 0.1;

function DatabaseCard({ health, database }: Pick<OperationsOverview, "health" | "database">) {
  if (health.database.status !== "ok") {
    return (
      <StatusCard title="Database" tone="problem" status="Not answering">
        <p className="text-muted">Pages and jobs wait for it; /api/health answers 503 meanwhile.</p>
      </StatusCard>
    );
  }
  const details = database.ok ? database.value : null;
  const inUse = details?.connections.reduce((sum, row) => sum + row.count, 0);
  return (
    <StatusCard title="Database" tone={health.schema === "current" ? "ok" : "warn"} status={health.schema === "current" ? "Answering" : "Migrating"}>
      <Figure label="Engine">
        {health.database.kind === "pglite" ? "Embedded (PGlite)" : "PostgreSQL"}
        {details?.serverVersion ? ` ${details.serverVersion}` : ""}
      </Figure>
      <Figure label="Answers in">{health.database.latencyMs ?? "–"} ms</Figure>
      {details?.sizeBytes != null && <Figure label="Size">{formatBytes(details.sizeBytes)}</Figure>}
      {details && <Figure label="Pool per process">{details.poolMax} connections</Figure>}
      {inUse !== undefined && inUse > 0 && <Figure label="Connections open">{inUse} (all processes)</Figure>}
      {!database.ok && <p className="text-danger">{database.problem}</p>}
    </StatusCard>
  );
}

function RedisCard({ redis }: Pick<OperationsOverview, "redis">) {
  if (redis.status === "not_configured") {
    return (
      <StatusCard title="Redis" tone="off" status="Not configured">
        <p className="text-muted">REDIS_URL is not set. One machine needs no Redis.</p>
      </StatusCard>
    );
  }
  if (redis.status === "unreachable") {
    return (
      <StatusCard title="Redis" tone="problem" status="Not answering">
        <Figure label="Reason">{redis.reason}</Figure>
      </StatusCard>
    );
  }
  return (
    <StatusCard title="Redis" tone="ok" status="Answering">
      <Figure label="Answers in">{redis.latencyMs} ms</Figure>
    </StatusCard>
  );
}

function StorageCard({ storage }: Pick<OperationsOverview, "storage">) {
  if (!storage.ok) {
    return (
      <StatusCard title="Media storage" tone="problem" status="Unknown">
        <p className="text-danger">{storage.problem}</p>
      </StatusCard>
    );
  }
  const { status, path, freeBytes, totalBytes } = storage.value;
  const low = freeBytes !== null && totalBytes ? freeBytes / totalBytes < LOW_SPACE_SHARE : false;
  const tone = status === "not_writable" ? "problem" : low ? "warn" : "ok";
  const words = status === "not_writable" ? "Not writable" : low ? "Low on space" : status === "missing" ? "Ready (no uploads yet)" : "Writable";
  return (
    <StatusCard title="Media storage" tone={tone} status={words}>
      <Figure label="Folder">
        <code className="text-xs">{path}</code>
      </Figure>
      {freeBytes !== null && totalBytes !== null && (
        <Figure label="Free">
          {formatBytes(freeBytes)} of {formatBytes(totalBytes)}
        </Figure>
      )}
    </StatusCard>
  );
}

function EmailCard({ email }: Pick<OperationsOverview, "email">) {
  if (!email.ok) {
    return (
      <StatusCard title="New-post emails" tone="problem" status="Unknown">
        <p className="text-danger">{email.problem}</p>
      </StatusCard>
    );
  }
  const { deliveries, pending, openNotifications, recentFailures } = email.value;
  const failing = recentFailures.some((failure) => failure.attemptsLeft > 0);
  return (
    <StatusCard
      title="New-post emails"
      tone={failing ? "warn" : "ok"}
      status={failing ? "Some failing" : pending > 0 ? "Sending" : "Up to date"}
    >
      <Figure label="Sent">{formatCount(deliveries.sent)}</Figure>
      <Figure label="Waiting to go out">{formatCount(pending)}</Figure>
      <Figure label="Failed">{formatCount(deliveries.failed)}</Figure>
      <Figure label="Posts still sending">{formatCount(openNotifications)}</Figure>
    </StatusCard>
  );
}

export function HealthCards({ overview }: { overview: OperationsOverview }) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <DatabaseCard health={overview.health} database={overview.database} />
      <RedisCard redis={overview.redis} />
      <StorageCard storage={overview.storage} />
      <EmailCard email={overview.email} />
    </div>
  );
}
