"use client";
// What a reader sees when a page could not be rendered: plain words, a way to try again, and a
// reference to quote, never the framework's bare 500 or a stack. The server keeps an error's
// reason to itself, so the page asks health: a database that does not answer is an outage that
// passes by itself, and the page comes back on its own once health says so.
import { useEffect, useState } from "react";
import { Button } from "./_components/button";
import { failureMessage } from "@/lib/errors";
import { errorReference } from "./_lib/trpc-errors";

type Cause = "unknown" | "outage";

/** How often the page asks whether the outage is over. */
const RECHECK_MS = 2000;

async function databaseDown(): Promise<boolean> {
  try {
    const response = await fetch("/api/health", { cache: "no-store" });
    return response.status === 503;
  } catch {
    // Not even health answers: the server itself is out of reach.
    return true;
  }
}

export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const [cause, setCause] = useState<Cause>("unknown");

  useEffect(() => {
    let stopped = false;
    let sawOutage = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = async () => {
      const down = await databaseDown();
      if (stopped) return;
      if (down) {
        sawOutage = true;
        setCause("outage");
        timer = setTimeout(check, RECHECK_MS);
      } else if (sawOutage) {
        retry();
      }
    };
    void check();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [retry]);

  const outage = cause === "outage";
  return (
    <main className="mx-auto flex min-h-[60dvh] max-w-md flex-col items-center justify-center px-5 text-center">
      {outage && <p className="font-serif text-5xl font-bold text-accent">503</p>}
      <h1 className="mt-4 text-xl font-bold">{outage ? "Can't reach the server right now" : "This page could not be shown"}</h1>
      <p className="mt-2 text-muted">
        {outage
          ? "Our database is not answering. This usually passes within a minute: try again soon, or wait and this page will load by itself."
          : failureMessage(errorReference(error))}
      </p>
      <Button className="mt-6" onClick={() => retry()}>
        Try again
      </Button>
    </main>
  );
}
