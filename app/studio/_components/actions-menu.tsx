"use client";
// A button that shows a short list of actions below it (a disclosure: the actions are ordinary
// buttons and links, in Tab order). Escape closes it and gives the focus back to the button; so do
// a click elsewhere and choosing an action. With `foldsOnPhoneOnly`, the actions stand in the row
// from the small breakpoint up and only fold behind the button on a phone.
import { useEffect, useId, useRef, useState, type MouseEvent, type ReactNode } from "react";
import { buttonClass } from "@/app/_components/button";

const PANEL = "absolute top-full z-20 mt-1 w-52 flex-col gap-0.5 rounded-xl border border-line bg-card p-1 shadow-lg";
const PANEL_ITEMS = "[&>*]:w-full [&>*]:justify-start";
/** Folded on a phone, the row's buttons of several kinds read as the items of one list. */
const PHONE_PANEL_ITEMS =
  "max-sm:[&>*]:w-full max-sm:[&>*]:justify-start max-sm:[&>*]:border-transparent max-sm:[&>*]:bg-transparent max-sm:[&>*]:text-ink";
const INLINE_FROM_SM = "sm:static sm:mt-0 sm:flex sm:w-auto sm:flex-row sm:flex-wrap sm:items-center sm:justify-end sm:gap-2 sm:border-0 sm:bg-transparent sm:p-0 sm:shadow-none";

export function ActionsMenu({
  label,
  name,
  foldsOnPhoneOnly = false,
  alignOnPhone = "end",
  className = "",
  children,
}: {
  /** The button's visible text. */
  label: string;
  /** Its accessible name when the text alone is ambiguous (it must contain `label`). */
  name?: string;
  foldsOnPhoneOnly?: boolean;
  /** Which edge of the button the list hangs from on a phone (from the small breakpoint up, the end). */
  alignOnPhone?: "start" | "end";
  className?: string;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const outside = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
  }, [open]);

  function close() {
    setOpen(false);
    // A dialog the action opens returns the focus to whatever had it: the button, not a hidden action.
    if (root.current?.contains(document.activeElement) && toggle.current?.checkVisibility()) toggle.current.focus();
  }

  function chose(event: MouseEvent<HTMLDivElement>) {
    if (open && event.target instanceof Element && event.target !== toggle.current && event.target.closest("button, a")) close();
  }

  return (
    <div
      ref={root}
      className={`relative ${className}`}
      onClick={chose}
      onKeyDown={(event) => {
        if (event.key !== "Escape" || !open) return;
        event.stopPropagation();
        close();
      }}
    >
      <button
        ref={toggle}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={name}
        onClick={() => setOpen((value) => !value)}
        className={buttonClass("secondary", `px-3 py-1.5 ${foldsOnPhoneOnly ? "sm:hidden" : ""}`)}
      >
        {label}
        <span aria-hidden className="text-xs">
          ▾
        </span>
      </button>
      <div
        id={panelId}
        className={`${open ? "flex" : "hidden"} ${PANEL} ${alignOnPhone === "start" ? "left-0 sm:left-auto sm:right-0" : "right-0"} ${
          foldsOnPhoneOnly ? `${INLINE_FROM_SM} ${PHONE_PANEL_ITEMS}` : PANEL_ITEMS
        }`}
      >
        {children}
      </div>
    </div>
  );
}
