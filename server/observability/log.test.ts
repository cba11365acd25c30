// The logger's output as an operator's log collector reads it: real pino lines, captured from the
// stream they are written to. Secrets and content never appear (by key, anywhere in the object;
// and inside any text: messages, error messages and stacks, fields), emails keep only their domain,
// each line says which request and job it belongs to, and development gets readable lines.
import { describe, expect, it } from "vitest";
import { createLogger, wasLogged, type LoggerOptions } from "./log";
import { REDACTED } from "./redact";
import { runInScope } from "./request-scope";

type Line = Record<string, unknown> & { level: string; time: string; msg: string };

/** A logger writing into memory, and the lines it wrote. */
function capture(options: Partial<LoggerOptions> = {}) {
  const written: string[] = [];
  const logger = createLogger({ level: "info", ...options, destination: { write: (line: string) => void written.push(line) } });
  return {
    logger,
    raw: () => written.join(""),
    lines: (): Line[] => written.map((line) => JSON.parse(line) as Line),
  };
}

const EMAIL = "jane.doe@example.com";
const TOKEN = "f3a9c1d27e5b4a6c8d0e1f2a3b4c5d6e";
const MAGIC_LINK = `https://atelier.example/api/auth/callback/email?callbackUrl=%2Fstudio&token=${TOKEN}&email=jane.doe%40example.com`;

describe("redaction by key", () => {
  it("hides secrets and content at any depth, keeping the rest of the object", () => {
    const { logger, lines, raw } = capture();
    logger.info(
      {
        postId: "p-1",
        password: "correct horse battery staple",
        sessionToken: TOKEN,
        user: { email: "x", credentials: { csrfToken: TOKEN, webhookSecret: "whsec_123" } },
        headers: { cookie: `authjs.session-token=${TOKEN}`, authorization: "Basic dXNlcjpwYXNz", accept: "text/html" },
        payment: { card: { number: "4242424242424242" }, cvc: "123" },
        post: { title: "Kiln notes", document: { type: "doc", content: [{ type: "text", text: "members only" }] }, html: "<p>members only</p>" },
        mail: { subject: "Your link", text: `Sign in: ${MAGIC_LINK}` },
        items: [{ token: TOKEN }],
      },
      "saved",
    );

    const [line] = lines();
    expect(line).toMatchObject({
      postId: "p-1",
      password: REDACTED,
      sessionToken: REDACTED,
      user: { credentials: { csrfToken: REDACTED, webhookSecret: REDACTED } },
      headers: { cookie: REDACTED, authorization: REDACTED, accept: "text/html" },
      payment: { card: REDACTED, cvc: REDACTED },
      post: { title: "Kiln notes", document: REDACTED, html: REDACTED },
      mail: { subject: "Your link", text: REDACTED },
      items: [{ token: REDACTED }],
    });
    for (const secret of [TOKEN, "correct horse", "whsec_123", "4242424242424242", "members only", "dXNlcjpwYXNz"]) {
      expect(raw()).not.toContain(secret);
    }
  });

  it("leaves the caller's object as it was", () => {
    const { logger } = capture();
    const fields = { password: "hunter2hunter2", nested: { token: TOKEN } };
    logger.info(fields, "x");
    expect(fields).toEqual({ password: "hunter2hunter2", nested: { token: TOKEN } });
  });
});

describe("redaction inside text", () => {
  it("keeps only the first letter and the domain of an email address, in the message and in fields", () => {
    const { logger, lines, raw } = capture();
    logger.info({ to: EMAIL, note: `bounced for ${EMAIL}` }, `sign-in link sent to ${EMAIL}`);

    expect(lines()[0]).toMatchObject({ to: "j…@example.com", note: "bounced for j…@example.com", msg: "sign-in link sent to j…@example.com" });
    expect(raw()).not.toContain("jane.doe");
  });

  it("takes the token and the address out of a magic link, wherever it is", () => {
    const { logger, raw } = capture();
    logger.info({ url: MAGIC_LINK }, `following ${MAGIC_LINK}`);

    expect(raw()).not.toContain(TOKEN);
    expect(raw()).not.toContain("jane.doe");
    expect(raw()).toContain(`/api/auth/callback/email?callbackUrl=%2Fstudio&token=${REDACTED}&email=${REDACTED}`);
  });

  it("takes signatures out of signed media links, bearer tokens out of headers, and passwords out of connection strings", () => {
    const { logger, raw } = capture();
    logger.warn(
      {
        media: "/api/media/0192f0a0-1234-7abc-8def-0123456789ab?w=480&exp=1767225600&sig=Zm9vYmFyYmF6",
        said: `Authorization: Bearer ${TOKEN}`,
        database: "postgres://atelier:s3cr3t-pw@db.internal:5432/atelier",
        unsubscribe: `https://atelier.example/account/unsubscribe/${TOKEN}`,
      },
      "odd request",
    );

    for (const secret of ["Zm9vYmFyYmF6", "1767225600", TOKEN, "s3cr3t-pw"]) expect(raw()).not.toContain(secret);
    expect(raw()).toContain(`Bearer ${REDACTED}`);
    expect(raw()).toContain(`postgres://${REDACTED}@db.internal:5432/atelier`);
    expect(raw()).toContain(`/account/unsubscribe/${REDACTED}`);
  });

  it("takes them out of an error's message, stack and fields, which are kept otherwise", () => {
    const { logger, lines, raw } = capture();
    // Drizzle's own shape: the failed statement, then every parameter it was given.
    const failed = Object.assign(new Error(`Failed query: select * from sessions where session_token = $1\nparams: ${TOKEN},${EMAIL}`), {
      query: "select * from sessions where session_token = $1",
      params: [TOKEN, EMAIL],
    });
    const error = new Error(`could not mail ${EMAIL}`, { cause: failed });
    logger.error({ err: error, postId: "p-2" }, "notifying failed");

    const line = lines()[0]!;
    const err = line.err as { type: string; message: string; stack: string; query: string };
    expect(line.postId).toBe("p-2");
    expect(err.type).toBe("Error");
    expect(err.message).toContain("could not mail j…@example.com");
    expect(err.message).toContain(`params: ${REDACTED}`);
    expect(err.stack).toContain("at ");
    expect(err.stack).toContain("log.test.ts");
    expect(raw()).not.toContain(TOKEN);
    expect(raw()).not.toContain("jane.doe");
  });

  it("reads an error logged on its own, with its message as the line's", () => {
    const { logger, lines, raw } = capture();
    logger.error(new Error(`no account for ${EMAIL}`));

    expect(lines()[0]).toMatchObject({ level: "error", msg: "no account for j…@example.com" });
    expect(raw()).not.toContain("jane.doe");
  });
});

describe("every line", () => {
  it("is one JSON object with a level name, an ISO time and the message", () => {
    const { logger, raw } = capture();
    logger.info("one");
    logger.warn({ n: 2 }, "two");
    const lines = raw().trimEnd().split("\n");

    expect(lines).toHaveLength(2);
    for (const text of lines) {
      const line = JSON.parse(text) as Line;
      expect(["info", "warn"]).toContain(line.level);
      expect(new Date(line.time).toISOString()).toBe(line.time);
    }
  });

  it("carries the request id and job of the work it belongs to", async () => {
    const { logger, lines } = capture();
    logger.info("before");
    await runInScope({ requestId: "req-123" }, async () => {
      await Promise.resolve();
      logger.info("inside a request");
    });
    runInScope({ requestId: "req-9", job: { id: "job-1", queue: "publish-post" } }, () => logger.info("inside a job"));

    const [before, request, job] = lines();
    expect(before).not.toHaveProperty("requestId");
    expect(request).toMatchObject({ requestId: "req-123" });
    expect(job).toMatchObject({ requestId: "req-9", job: { id: "job-1", queue: "publish-post" } });
  });

  it("is left out below the level, and silent writes nothing", () => {
    const warnings = capture({ level: "warn" });
    warnings.logger.info("not this");
    warnings.logger.error("this");
    expect(warnings.lines().map((line) => line.msg)).toEqual(["this"]);

    const silent = capture({ level: "silent" });
    silent.logger.fatal("nothing");
    expect(silent.raw()).toBe("");
  });

  it("remembers an error it logged, so a second printing of it can be dropped", () => {
    const { logger } = capture();
    const logged = new Error("once");
    logger.error({ err: logged }, "failed");

    expect(wasLogged(logged)).toBe(true);
    expect(wasLogged(new Error("wrapping it", { cause: logged }))).toBe(true);
    expect(wasLogged(new Error("another"))).toBe(false);
  });
});

describe("in development", () => {
  it("writes one readable line per event, redacted, with an error's stack below it", () => {
    const { logger, raw } = capture({ pretty: true });
    runInScope({ requestId: "req-7" }, () => logger.warn({ postId: "p-3", to: EMAIL, err: new Error("boom") }, "could not send"));

    const [first, ...rest] = raw().trimEnd().split("\n");
    expect(first).toMatch(/^\d\d:\d\d:\d\d WARN  could not send /);
    expect(first).toContain("requestId=req-7");
    expect(first).toContain("postId=p-3");
    expect(first).toContain("to=j…@example.com");
    expect(rest[0]).toMatch(/^\s+Error: boom$/);
    expect(rest[1]).toMatch(/^\s+at /);
    expect(raw()).not.toContain("jane.doe");
  });
});
