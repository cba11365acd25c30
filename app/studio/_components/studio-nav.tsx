"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const SECTIONS = [
  { href: "/studio/posts", label: "Posts" },
  { href: "/studio/tiers", label: "Tiers" },
  { href: "/studio/audience", label: "Audience" },
  { href: "/studio/analytics", label: "Analytics" },
  { href: "/studio/settings", label: "Settings" },
] as const;

export function StudioNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Studio" className="overflow-x-auto px-2 pb-2 md:px-3">
      <ul className="flex gap-1 md:flex-col">
        {SECTIONS.map((section) => {
          const current = pathname === section.href || pathname.startsWith(`${section.href}/`);
          return (
            <li key={section.href}>
              <Link
                href={section.href}
                aria-current={current ? "page" : undefined}
                className={`block whitespace-nowrap rounded-lg px-3 py-2 text-sm font-medium ${
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
