"use client";
// A toolbar the way keyboard users expect one (the ARIA toolbar pattern): a single Tab stop, the
// button last used, with the arrow keys, Home and End moving between its buttons. The buttons come
// from several components, so the Tab stop is kept on the DOM rather than in their props.
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from "react";

const MOVES: Record<string, (index: number, count: number) => number> = {
  ArrowRight: (index, count) => (index + 1) % count,
  ArrowLeft: (index, count) => (index - 1 + count) % count,
  Home: () => 0,
  End: (_index, count) => count - 1,
};

function buttonsIn(toolbar: HTMLElement): HTMLButtonElement[] {
  return [...toolbar.querySelectorAll<HTMLButtonElement>("button:not(:disabled)")];
}

/** Makes `current` (or the first enabled button when it is gone or disabled) the toolbar's one Tab stop. */
function keepOneTabStop(toolbar: HTMLElement, current?: Element | null) {
  const buttons = buttonsIn(toolbar);
  const stop = buttons.find((button) => button === current) ?? buttons.find((button) => button.tabIndex === 0) ?? buttons[0];
  for (const button of buttons) button.tabIndex = button === stop ? 0 : -1;
}

export function Toolbar({
  label,
  className,
  onEscape,
  children,
}: {
  label: string;
  className?: string;
  /** Escape leaves the toolbar (back to the text), unless one of its popovers is open and takes it. */
  onEscape?: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);

  // After every render: a button may have been disabled (Undo) or added since.
  useEffect(() => {
    if (ref.current) keepOneTabStop(ref.current);
  });

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const toolbar = ref.current;
    if (!toolbar || !(event.target instanceof HTMLButtonElement)) return;
    if (event.key === "Escape" && onEscape && !toolbar.querySelector('[aria-expanded="true"]')) {
      event.preventDefault();
      onEscape();
      return;
    }
    const move = MOVES[event.key];
    if (!move) return;
    const buttons = buttonsIn(toolbar);
    const index = buttons.indexOf(event.target);
    if (index === -1) return;
    event.preventDefault();
    buttons[move(index, buttons.length)]?.focus();
  }

  return (
    <div
      ref={ref}
      role="toolbar"
      aria-label={label}
      aria-orientation="horizontal"
      onKeyDown={onKeyDown}
      onFocus={(event) => ref.current && keepOneTabStop(ref.current, event.target)}
      className={className}
    >
      {children}
    </div>
  );
}
