// Member emails when a worker dies mid-way: a delivery it claimed and never sent goes out after
// its lease, from whichever run comes next, and nobody gets two. Read back from the deliveries,
// the dev outbox, and (for a worker killed with SIGKILL) a mail server the test runs itself.
import { spawn } from "node:child_process";
import { once } from "node:events";
import net from "node:net";
import path from "node:path";
import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { mailOutbox, notificationDeliveries, postNotifications } from "@/db/schema";
import { serviceContext, testDb } from "@/test/db";
import { createCreator, createMembership, createPost, createTier, type TestUser } from "../../testing/factories";
import { publishPost } from "./editing";
import { claimDelivery, DELIVERY_LEASE_MS, deliverPostNotifications, MAX_DELIVERY_ATTEMPTS, retryOpenNotifications } from "./notifications";

/** A creator with three members and a just-published post that asked to notify them. */
async function publishedToMembers() {
  const db = testDb();
  const creator = await createCreator(db);
  const tier = await createTier(db, { creator, monthlyPrice: 0 });
  const members: TestUser[] = [];
  for (let i = 0; i < 3; i++) members.push((await createMembership(db, { tier })).user as TestUser);
  const draft = await createPost(db, { creator });
  const publishedAt = new Date();
  await publishPost({ ...serviceContext({ viewer: creator.user, now: publishedAt }), creator }, { id: draft.id, baseVersion: draft.version });
  return { postId: draft.id, members, publishedAt };
}

const after = (start: Date, ms: number) => new Date(start.getTime() + ms);

async function outboxRecipients(members: TestUser[]): Promise<string[]> {
  const rows = await testDb().select({ to: mailOutbox.to }).from(mailOutbox).where(inArray(mailOutbox.to, members.map((m) => m.email)));
  return rows.map((row) => row.to);
}

async function deliveries(postId: string) {
  return testDb().select().from(notificationDeliveries).where(eq(notificationDeliveries.postId, postId));
}

async function isComplete(postId: string): Promise<boolean> {
  const [row] = await testDb().select({ completedAt: postNotifications.completedAt }).from(postNotifications).where(eq(postNotifications.postId, postId));
  return row!.completedAt !== null;
}

describe("a worker that dies between claiming a delivery and sending it", () => {
  it("leaves the delivery to the next run once its lease is over; every member gets exactly one email", async () => {
    const { postId, members, publishedAt } = await publishedToMembers();
    const [abandoned, ...others] = members as [TestUser, ...TestUser[]];
    // The dying worker: it claims one member's delivery, and never sends or settles it.
    expect(await claimDelivery(testDb(), postId, abandoned.id, publishedAt)).toEqual(expect.any(String));

    // The queue's retry comes while the lease still runs: the others are sent, that one is not
    // taken from a worker that may yet send it, and the post stays open for it.
    await deliverPostNotifications(testDb(), postId, after(publishedAt, 60_000));
    expect((await outboxRecipients(members)).sort()).toEqual(others.map((m) => m.email).sort());
    expect(await isComplete(postId)).toBe(false);
    await retryOpenNotifications(testDb(), after(publishedAt, DELIVERY_LEASE_MS - 60_000));
    expect(await outboxRecipients([abandoned])).toEqual([]);

    // The sweep after the lease ran out sends it; then nothing is owed and nothing more goes out.
    const later = after(publishedAt, DELIVERY_LEASE_MS + 60_000);
    await retryOpenNotifications(testDb(), later);
    await retryOpenNotifications(testDb(), after(later, 10 * 60_000));
    await deliverPostNotifications(testDb(), postId, after(later, 20 * 60_000));
    expect((await outboxRecipients(members)).sort()).toEqual(members.map((m) => m.email).sort());
    const rows = await deliveries(postId);
    expect(rows.map((row) => row.state)).toEqual(["sent", "sent", "sent"]);
    expect(rows.find((row) => row.userId === abandoned.id)!.attempts).toBe(2);
    expect(await isComplete(postId)).toBe(true);
    // Had the dead worker's message gone out after all, the retry's copy carries the same id.
    const [mail] = await testDb().select().from(mailOutbox).where(eq(mailOutbox.to, abandoned.email));
    expect(mail!.headers).toMatchObject({ "Message-ID": `<post-${postId}.${abandoned.id}@localhost>` });
  });

  it("gives up on a delivery whose workers keep dying, after the last attempt, and closes the post", async () => {
    const { postId, members, publishedAt } = await publishedToMembers();
    const [doomed] = members as [TestUser];
    let clock = publishedAt;
    for (let attempt = 1; attempt <= MAX_DELIVERY_ATTEMPTS; attempt++) {
      expect(await claimDelivery(testDb(), postId, doomed.id, clock)).not.toBeNull();
      clock = after(clock, DELIVERY_LEASE_MS + 1000);
    }
    expect(await claimDelivery(testDb(), postId, doomed.id, clock)).toBeNull();
    await deliverPostNotifications(testDb(), postId, clock);
    expect(await outboxRecipients([doomed])).toEqual([]);
    expect(await isComplete(postId)).toBe(true);
  });
});

/**
 * A mail server for one test: accepts the first `accept` messages, then takes the next one's text
 * and never answers, as a server does when its sender is killed before the reply arrives.
 */
async function mailServer(accept: number) {
  const accepted: string[] = [];
  const sockets = new Set<net.Socket>();
  let stall: () => void = () => {};
  const stalled = new Promise<void>((resolve) => (stall = resolve));
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    let buffer = "";
    let inData = false;
    let recipient = "";
    socket.write("220 mail.test ESMTP\r\n");
    socket.on("data", (data) => {
      buffer += data.toString("latin1");
      for (;;) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end < 0) return;
          buffer = buffer.slice(end + 5);
          inData = false;
          if (accepted.length >= accept) return stall();
          accepted.push(recipient);
          socket.write("250 queued\r\n");
          continue;
        }
        const end = buffer.indexOf("\r\n");
        if (end < 0) return;
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "RCPT") recipient = /<([^>]*)>/.exec(line)?.[1] ?? "";
        if (verb === "DATA") {
          inData = true;
          socket.write("354 go ahead\r\n");
        } else if (verb === "QUIT") {
          socket.end("221 bye\r\n");
        } else {
          socket.write(verb === "EHLO" ? "250 mail.test\r\n" : "250 ok\r\n");
        }
      }
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    url: `smtp://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    accepted,
    stalled,
    close: () => {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}

describe("a worker process killed with SIGKILL while sending", () => {
  it("loses no email and sends none twice: the one in flight is sent by the next run after the lease", async () => {
    const { postId, members, publishedAt } = await publishedToMembers();
    const smtp = await mailServer(1);
    // Node itself with tsx as its loader (not the tsx command, which would run it in a grandchild):
    // the process killed is the one sending.
    const worker = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", path.join(import.meta.dirname, "notification-worker.child.ts"), postId, publishedAt.toISOString()],
      { env: { ...process.env, SMTP_URL: smtp.url }, stdio: ["ignore", "ignore", "pipe"] },
    );
    let errors = "";
    worker.stderr.on("data", (data) => (errors += data));
    const exited = once(worker, "exit");
    try {
      await Promise.race([smtp.stalled, exited.then(() => Promise.reject(new Error(`The worker ended before it was killed: ${errors}`)))]);
      worker.kill("SIGKILL");
      await exited;

      // As the killed worker left it: one sent, one claimed and never sent, one never reached.
      expect((await deliveries(postId)).map((row) => row.state).sort()).toEqual(["sending", "sent"]);
      expect(await isComplete(postId)).toBe(false);

      // This process has no SMTP server configured: what it sends lands in the dev outbox.
      await deliverPostNotifications(testDb(), postId, after(publishedAt, 60_000));
      await retryOpenNotifications(testDb(), after(publishedAt, DELIVERY_LEASE_MS + 60_000));
      const received = [...smtp.accepted, ...(await outboxRecipients(members))];
      expect(received.sort()).toEqual(members.map((m) => m.email).sort());
      expect((await deliveries(postId)).map((row) => row.state)).toEqual(["sent", "sent", "sent"]);
      expect(await isComplete(postId)).toBe(true);
    } finally {
      worker.kill("SIGKILL");
      smtp.close();
    }
  }, 60_000);
});
