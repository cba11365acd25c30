import Link from "next/link";
import { buttonClass } from "./button";

export function SiteHeader({ signedIn }: { signedIn: boolean }) {
  return (
    <header className="border-b border-line bg-card/80 backdrop-blur">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-5 py-3">
        <Link href="/" className="font-serif text-xl font-bold">
          Atelier
        </Link>
        {/* A plain form: it works before any script, and on the pages every reader shares. On a
            phone it takes its own row under the logo and the links. */}
        <form action="/search" role="search" aria-label="Search Atelier" className="order-last w-full sm:order-none sm:w-auto sm:max-w-xs sm:flex-1">
          <input
            type="search"
            name="q"
            aria-label="Search Atelier"
            placeholder="Search creators and posts"
            className="block w-full rounded-lg border border-line bg-card px-3 py-1.5 text-sm"
          />
        </form>
        <nav aria-label="Site" className="flex items-center gap-1 whitespace-nowrap text-sm">
          <Link href="/explore" className="hidden rounded-lg px-3 py-2 text-muted hover:text-ink sm:block">
            Explore
          </Link>
          {signedIn ? (
            <>
              <Link href="/account/memberships" className="rounded-lg px-2 py-2 text-muted hover:text-ink sm:px-3">
                Memberships
              </Link>
              <Link href="/studio" className={buttonClass("secondary")}>
                Studio
              </Link>
            </>
          ) : (
            <>
              <Link href="/login" className="rounded-lg px-2 py-2 text-muted hover:text-ink sm:px-3">
                Sign in
              </Link>
              <Link href="/login?mode=signup&callbackUrl=/studio" className={buttonClass("primary")}>
                Start creating
              </Link>
            </>
          )}
        </nav>
      </div>
    </header>
  );
}
