"use client";
// While Stripe's confirmation has not reached us, the page asks again every few seconds; the server
// renders the membership as soon as the webhook has started it. After a minute it stops and says so.

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Button } from "@/app/_components/button";

const EVERY_MS = 2_000;
const TRIES = 30;

export function ConfirmationPending() {
  const router = useRouter();
  const [tries, setTries] = useState(0);
  const waiting = tries < TRIES;

  useEffect(() => {
    if (!waiting) return;
    const timer = setTimeout(() => {
      router.refresh();
      setTries((n) => n + 1);
    }, EVERY_MS);
    return () => clearTimeout(timer);
  }, [router, tries, waiting]);

  if (waiting) {
    return (
      <p className="mt-4 flex items-center gap-3 text-muted">
        <span aria-hidden className="h-4 w-4 animate-spin rounded-full border-2 border-line border-t-accent" />
        Checking with Stripe…
      </p>
    );
  }
  return (
    <div className="mt-4 space-y-3">
      <p>
        This is taking longer than usual. The payment may still be going through: check again in a minute, or look at your
        memberships later. If it did not go through, no membership starts and no money is taken.
      </p>
      <Button variant="secondary" onClick={() => setTries(0)}>
        Check again
      </Button>
    </div>
  );
}
