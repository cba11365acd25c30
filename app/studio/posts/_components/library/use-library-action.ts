"use client";
// Runs one library action, refreshes the server-rendered list, and says what happened (or what
// went wrong) in words a screen reader announces.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { uiError } from "@/app/_lib/trpc-errors";

export type ActionNotice = { tone: "ok" | "error"; text: string };

export function useLibraryAction() {
  const router = useRouter();
  const [notice, setNotice] = useState<ActionNotice | null>(null);
  const [busy, setBusy] = useState(false);
  const [refreshing, startTransition] = useTransition();

  async function run(action: () => Promise<unknown>, done: string | ((result: unknown) => string)): Promise<boolean> {
    setBusy(true);
    setNotice(null);
    try {
      const result = await action();
      setNotice({ tone: "ok", text: typeof done === "string" ? done : done(result) });
      startTransition(() => router.refresh());
      return true;
    } catch (caught) {
      setNotice({ tone: "error", text: uiError(caught).message });
      return false;
    } finally {
      setBusy(false);
    }
  }

  return { run, notice, busy: busy || refreshing, setNotice };
}
