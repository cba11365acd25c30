"use client";
// "Schedule…": pick a date and time in the browser's own time zone; the server turns that wall
// time into a UTC instant (refusing times the clocks skip), and the dialog says back when it goes out.
import { useMutation } from "@tanstack/react-query";
import { useImperativeHandle, useState, type FormEvent, type Ref } from "react";
import { createPortal } from "react-dom";
import { Button } from "@/app/_components/button";
import { Field, FormError } from "@/app/_components/field";
import { browserTimeZone, formatInstant } from "@/app/_components/local-time";
import { useTRPC } from "@/app/_lib/trpc";
import { fieldError, uiError, type UiError } from "@/app/_lib/trpc-errors";
import { EditorDialog } from "./editor-dialog";

export type ScheduledResult = { id: string; version: number; status: string; scheduledAt: Date | null };

type Props = {
  postId: string;
  version: number;
  onScheduled: (result: ScheduledResult) => void;
  /** The current schedule, to start from and to show; null when the post is not scheduled. */
  scheduledAt?: Date | null;
  triggerLabel?: string;
  triggerClassName?: string;
  /** Lets another control open the dialog (the publish step's "Schedule instead"). */
  ref?: Ref<{ open: () => void }>;
};

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** The value a datetime-local input shows for `date` in the browser's zone. */
function toLocalInput(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Wall time typed by the creator, read in their zone, for the confirmation line. */
function describeLocal(value: string, zone: string): string | null {
  const date = new Date(value);
  if (!value || !zone || Number.isNaN(date.getTime())) return null;
  return formatInstant(date, { long: true, timeZone: zone });
}

function nextFullHour(): Date {
  const date = new Date(Date.now() + 60 * 60 * 1000);
  date.setMinutes(0, 0, 0);
  return date;
}

export function ScheduleDialog({ postId, version, onScheduled, scheduledAt = null, triggerLabel, triggerClassName, ref }: Props) {
  const trpc = useTRPC();
  const schedule = useMutation(trpc.post.lifecycle.schedule.mutationOptions());
  const [isOpen, setOpen] = useState(false);
  const [value, setValue] = useState("");
  const [error, setError] = useState<UiError | null>(null);
  // Read when the dialog opens: the server rendering this component cannot know the zone.
  const [zone, setZone] = useState("");
  const described = describeLocal(value, zone);

  function open() {
    setZone(browserTimeZone());
    setValue(toLocalInput(scheduledAt ?? nextFullHour()));
    setError(null);
    setOpen(true);
  }
  useImperativeHandle(ref, () => ({ open }));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    try {
      const result = await schedule.mutateAsync({ id: postId, baseVersion: version, at: value, timeZone: zone });
      setOpen(false);
      onScheduled(result);
    } catch (caught) {
      setError(uiError(caught));
    }
  }

  const atError = fieldError(error, "at");
  return (
    <>
      <Button variant="secondary" onClick={open} className={triggerClassName}>
        {triggerLabel ?? (scheduledAt ? "Reschedule…" : "Schedule…")}
      </Button>
      {/* On the body: the trigger may sit in a menu that closes (hidden) as the dialog opens. */}
      {isOpen &&
        createPortal(
          <EditorDialog
            title="Schedule this post"
            description="It stays private until then, and goes out on its own at the time you pick."
            size="narrow"
            onClose={() => setOpen(false)}
          >
            <form onSubmit={submit} className="space-y-4">
              <Field
                label={zone ? `Publish on (${zone} time)` : "Publish on"}
                type="datetime-local"
                name="at"
                // Seconds are allowed so a post can go out "in a moment" as well as at a round time.
                step={1}
                required
                value={value}
                onChange={(event) => setValue(event.target.value)}
                error={atError}
                hint={described ? <span aria-live="polite">Goes out {described}, your time.</span> : null}
              />
              <FormError message={error && !atError ? error.message : null} />
              <div className="flex flex-wrap justify-end gap-2">
                <Button variant="ghost" onClick={() => setOpen(false)}>
                  Cancel
                </Button>
                <Button type="submit" disabled={schedule.isPending}>
                  {schedule.isPending ? "Scheduling…" : "Schedule"}
                </Button>
              </div>
            </form>
          </EditorDialog>,
          document.body,
        )}
    </>
  );
}
