"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

const SECTIONS = [
  { href: "/studio/posts", label: "Posts" },
  { href: "/studio/tiers", label: "Tiers" },
  { href: "/studio/audience", label: "Audience" },
  { href: "/studio/analytics", label: "Analytics" },
  { href: "/studio/settings", label: "Settings" },
] as const;

export function StudioNav() {
  const pathname = usePathname();
  const nav = useRef<HTMLElement>(null);

  // On a screen too narrow for all five, the row scrolls: the current section is brought into it.
  useEffect(() => {
    const row = nav.current;
    const current = row?.querySelector<HTMLElement>('[aria-current="page"]');
    if (!row || !current || row.scrollWidth <= row.clientWidth) return;
    const offset = current.getBoundingClientRect().left - row.getBoundingClientRect().left;
    row.scrollLeft += offset - (row.clientWidth - current.offsetWidth) / 2;
  }, [pathname]);

  return (
    <nav ref={nav} aria-label="Studio" className="overflow-x-auto px-2 pb-2 md:px-3">
      {/* On a phone the five share the row's width; where they cannot all fit, the row scrolls. */}
      <ul className="flex gap-0.5 md:flex-col md:gap-1">
        {SECTIONS.map((section) => {
          const current = pathname === section.href || pathname.startsWith(`${section.href}/`);
          return (
            <li key={section.href} className="flex-1 md:flex-none">
              <Link
                href={section.href}
                aria-current={current ? "page" : undefined}
                className={`block whitespace-nowrap rounded-lg px-2 py-2 text-center text-sm font-medium md:px-3 md:text-left ${
                  current ? "bg-accent-soft text-accent-strong" : "text-muted hover:bg-paper hover:text-ink"
                }`}
              >
                {section.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
