// The one logger: `log.info({ postId }, "words")`, `log.error({ err: error }, "words")`. JSON lines
// on stdout (one per event, with level, time, message and fields), or a readable line per event
// in development. Every line carries the request id of the work it belongs to (./request-scope.ts)
// and the trace it is part of, and nothing secret or personal (./redact.ts, applied to each line).
import "server-only";
import { isSpanContextValid, trace } from "@opentelemetry/api";
import pino, { type DestinationStream, type LevelWithSilent, type Logger } from "pino";
import { env, isDevelopment } from "../env";
import { redactFields, redactLine } from "./redact";
import { currentScope } from "./request-scope";

type Level = "trace" | "debug" | "info" | "warn" | "error" | "fatal";

// NOTE: errors logged once are remembered, so another report of the same failure (Next.js prints
// a page's error and also hands it to onRequestError) can be dropped. One set per process, like
// the logger.
const globalForLog = globalThis as unknown as { atelierLogger?: Logger; atelierLoggedErrors?: WeakSet<Error> };
const loggedErrors = (globalForLog.atelierLoggedErrors ??= new WeakSet<Error>());

/** Whether `error`, or an error it wraps, has been written to the log already. */
export function wasLogged(error: unknown): boolean {
  let current = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if (loggedErrors.has(current)) return true;
    current = current.cause;
  }
  return false;
}

function rememberErrors(first: unknown): void {
  if (first instanceof Error) loggedErrors.add(first);
  else if (first !== null && typeof first === "object" && "err" in first && first.err instanceof Error) loggedErrors.add(first.err);
}

function scopeFields(): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  const scope = currentScope();
  if (scope) {
    fields.requestId = scope.requestId;
    if (scope.job) fields.job = scope.job;
  }
  // The span's ids let a line be found from its trace and the other way round. With no tracer
  // registered the active span is the API's no-op one, whose ids are invalid: nothing is added.
  const span = trace.getActiveSpan();
  if (span) {
    const context = span.spanContext();
    if (isSpanContextValid(context)) {
      fields.traceId = context.traceId;
      fields.spanId = context.spanId;
    }
  }
  return fields;
}

const serializeError = (error: Error): object => pino.stdSerializers.err(error);

export type LoggerOptions = {
  level: LevelWithSilent;
  /** A readable line per event instead of JSON (development). */
  pretty?: boolean;
  /** Where lines go; standard output by default. */
  destination?: DestinationStream;
};

/** A logger with Atelier's fields and redaction. The process has one (`log`); tests make their own. */
export function createLogger({ level, pretty = false, destination = process.stdout }: LoggerOptions): Logger {
  return pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: scopeFields,
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => redactFields(object, serializeError) as Record<string, unknown>,
        bindings: (bindings) => redactFields(bindings, serializeError) as Record<string, unknown>,
      },
      // Errors are serialized during the redaction walk, so their own fields are walked too.
      serializers: { err: (value: unknown) => value },
      hooks: {
        logMethod(args, method) {
          rememberErrors(args[0]);
          method.apply(this, args);
        },
        // Text anywhere in the line: the message, an error's message and stack, any field.
        streamWrite: redactLine,
      },
    },
    pretty ? readableLines(destination) : destination,
  );
}

const LEVEL_WIDTH = 5;
const OWN_FIELDS = new Set(["level", "time", "msg", "pid", "hostname", "err"]);

/**
 * Turns each JSON line into `12:04:05 INFO  message key=value …`, an error's stack below it. A plain
 * stream in this thread: pino's worker-thread transports do not survive Next.js's bundling.
 */
function readableLines(destination: DestinationStream): DestinationStream {
  return {
    write(line: string) {
      destination.write(readable(line));
    },
  };
}

function readable(line: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const time = typeof entry.time === "string" ? entry.time.slice(11, 19) : "";
  const level = String(entry.level ?? "").toUpperCase().padEnd(LEVEL_WIDTH);
  const fields = Object.entries(entry)
    .filter(([key]) => !OWN_FIELDS.has(key))
    .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`);
  const err = entry.err as { stack?: string } | undefined;
  const stack = err?.stack ? `\n    ${err.stack.replace(/\n/g, "\n    ")}` : "";
  return `${[time, level, entry.msg ?? "", ...fields].join(" ")}${stack}\n`;
}

function configuredLevel(): LevelWithSilent {
  // A bad setting stops the server at start-up with its own message; until then (and for that
  // message) the logger must still work.
  try {
    return env().LOG_LEVEL;
  } catch {
    return "info";
  }
}

/** The process's logger, made on first use (next build evaluates modules and logs nothing). */
function logger(): Logger {
  globalForLog.atelierLogger ??= createLogger({ level: configuredLevel(), pretty: isDevelopment() });
  return globalForLog.atelierLogger;
}

function forward(level: Level): pino.LogFn {
  return function (this: unknown, ...args: Parameters<pino.LogFn>) {
    const target = logger();
    (target[level] as (...values: unknown[]) => void).apply(target, args);
  } as pino.LogFn;
}

/** The process's logger, with pino's methods and call signature. */
export const log = {
  trace: forward("trace"),
  debug: forward("debug"),
  info: forward("info"),
  warn: forward("warn"),
  error: forward("error"),
  fatal: forward("fatal"),
  isLevelEnabled: (level: Level) => logger().isLevelEnabled(level),
};
