// A small SMTP server for tests that need a mail server's answers: it accepts every message except
// those to a recipient `refuses` names, which it rejects the way a real server refuses a mailbox
// (550 at RCPT TO). The app's own mail code talks to it through nodemailer, as to any server.
import net from "node:net";

export type TestSmtpServer = { url: string; received: string[]; close(): Promise<void> };

export async function startSmtpServer(refuses: (recipient: string) => boolean): Promise<TestSmtpServer> {
  const received: string[] = [];
  const server = net.createServer((socket) => {
    let buffer = "";
    let inData = false;
    let recipient = "";
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply("220 test-smtp ready");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      let end: number;
      while ((end = buffer.indexOf("\r\n")) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === ".") {
            inData = false;
            received.push(recipient);
            reply("250 queued");
          }
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") reply("250 test-smtp");
        else if (verb === "MAIL") reply("250 sender ok");
        else if (verb === "RCPT") {
          recipient = /<([^>]*)>/.exec(line)?.[1] ?? "";
          reply(refuses(recipient) ? "550 5.1.1 mailbox unavailable" : "250 recipient ok");
        } else if (verb === "DATA") {
          inData = true;
          reply("354 go ahead");
        } else if (verb === "QUIT") {
          reply("221 bye");
          socket.end();
        } else reply("250 ok");
      }
    });
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
