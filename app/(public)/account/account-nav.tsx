// The account's pages, side by side: what a fan belongs to, and how Atelier treats them.
import Link from "next/link";

const PAGES = [
  { href: "/account/memberships", label: "Memberships" },
  { href: "/account/settings", label: "Settings" },
] as const;

export function AccountNav({ current }: { current: (typeof PAGES)[number]["href"] }) {
  return (
    <nav aria-label="Your account" className="mb-6 flex gap-1 text-sm">
      {PAGES.map((page) => (
        <Link
          key={page.href}
          href={page.href}
          aria-current={page.href === current ? "page" : undefined}
          className={`rounded-lg px-3 py-1.5 ${page.href === current ? "bg-accent-soft font-semibold text-accent-strong" : "text-muted hover:text-ink"}`}
        >
          {page.label}
        </Link>
      ))}
    </nav>
  );
}
