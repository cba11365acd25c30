import Link from "next/link";
import { buttonClass } from "./button";

export function SiteHeader({ signedIn }: { signedIn: boolean }) {
  return (
    <header className="border-b border-line bg-card/80 backdrop-blur">
      <div className="mx-auto flex max-w-5xl items-center justify-between gap-4 px-5 py-3">
        <Link href="/" className="font-serif text-xl font-bold">
          Atelier
        </Link>
        <nav aria-label="Site" className="flex items-center gap-1 text-sm">
          <Link href="/explore" className="rounded-lg px-3 py-2 text-muted hover:text-ink">
            Explore
          </Link>
          {signedIn ? (
            <Link href="/studio" className={buttonClass("secondary")}>
              Studio
            </Link>
          ) : (
            <>
              <Link href="/login" className="rounded-lg px-3 py-2 text-muted hover:text-ink">
                Sign in
              </Link>
              <Link href="/login?mode=signup" className={buttonClass("primary")}>
                Start creating
              </Link>
            </>
          )}
        </nav>
      </div>
    </header>
  );
}
