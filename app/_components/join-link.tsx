"use client";
// The Join link of a creator's page, carrying the recommendation a fan arrived by (`?rec=` on the
// page's address, set by the recommendation's link) on to the join page, so the join is credited
// to it. The page is the one every anonymous reader shares: its HTML holds the plain link, and the
// browser adds what its own address says.
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { Suspense, type ReactNode } from "react";

type Props = { href: string; className?: string; children: ReactNode };

const RECOMMENDATION_ID = /^[\w-]{1,64}$/;

function Carrying({ href, className, children }: Props) {
  const rec = useSearchParams().get("rec");
  const to = rec && RECOMMENDATION_ID.test(rec) ? `${href}${href.includes("?") ? "&" : "?"}rec=${encodeURIComponent(rec)}` : href;
  return (
    <Link href={to} className={className}>
      {children}
    </Link>
  );
}

export function JoinLink(props: Props) {
  return (
    <Suspense
      fallback={
        <Link href={props.href} className={props.className}>
          {props.children}
        </Link>
      }
    >
      <Carrying {...props} />
    </Suspense>
  );
}
