import { notFound } from "next/navigation";
import { LocalTime } from "@/app/_components/local-time";
import { isDevelopment } from "@/server/env";
import { readDevOutbox } from "@/server/services/mail";

export const metadata = { title: "Dev outbox", robots: { index: false } };
export const dynamic = "force-dynamic";

// Mail that would have gone out, for developers without SMTP. Never served in production.
export default async function DevOutboxPage() {
  if (!isDevelopment()) notFound();
  const messages = await readDevOutbox();
  return (
    <main className="mx-auto max-w-3xl px-5 py-10">
      <h1 className="text-2xl font-bold">Dev outbox</h1>
      <p className="mt-1 text-muted">Messages the app sent while no SMTP server is configured (set SMTP_URL to send real mail).</p>
      {messages.length === 0 ? (
        <p className="mt-8 rounded-2xl border border-dashed border-line bg-card p-8 text-center text-muted">
          No mail yet. Ask for a sign-in link on the sign-in page and it appears here.
        </p>
      ) : (
        <ul className="mt-8 space-y-4">
          {messages.map((message) => (
            <li key={message.id} className="rounded-2xl border border-line bg-card p-5">
              <p className="text-sm text-muted">
                To {message.to} · <LocalTime date={message.createdAt} withTime />
              </p>
              <h2 className="mt-1 font-semibold">{message.subject}</h2>
              {/* Our own templates, with every interpolated value escaped when the mail was built. */}
              <div className="prose-post mt-3 text-base" dangerouslySetInnerHTML={{ __html: message.html }} />
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
