// Cards of creators' pages in explore's lists: picture, name, what the page is about, and Follow.
import Link from "next/link";
import type { ReactNode } from "react";
import { categoryLabel } from "@/lib/creator-categories";
import type { CreatorCard } from "@/server/services/discovery/listing";
import { CreatorAvatar } from "./creator-avatar";
import { FollowControl, type FollowerView } from "./follow-control";

/**
 * `note`: a line under a card's tagline (how fast it is rising). `showCategory`: each card names
 * its category, linked (not on a category's own page, where all are the same).
 */
export function CreatorCards<C extends CreatorCard>({
  creators,
  empty,
  follow,
  returnTo,
  note,
  showCategory = true,
}: {
  creators: C[];
  empty: ReactNode;
  follow: (creatorId: string) => FollowerView;
  returnTo: string;
  note?: (creator: C) => string;
  showCategory?: boolean;
}) {
  if (creators.length === 0) {
    return <div className="rounded-2xl border border-dashed border-line bg-card p-8 text-center text-muted">{empty}</div>;
  }
  return (
    <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {creators.map((creator) => {
        const category = showCategory ? categoryLabel(creator.category) : undefined;
        return (
          <li key={creator.id} className="flex gap-3 rounded-2xl border border-line bg-card p-4">
            <CreatorAvatar name={creator.displayName} mediaId={creator.avatarMediaId} />
            <div className="min-w-0 flex-1">
              <div className="flex items-start justify-between gap-2">
                <div className="min-w-0">
                  <Link href={`/${creator.handle}`} className="block truncate font-semibold hover:text-accent-strong">
                    {creator.displayName}
                  </Link>
                  <p className="truncate text-sm text-faint">@{creator.handle}</p>
                </div>
                <FollowControl creatorId={creator.id} creatorName={creator.displayName} view={follow(creator.id)} returnTo={returnTo} size="small" />
              </div>
              {creator.tagline && <p className="mt-2 line-clamp-2 text-sm text-muted">{creator.tagline}</p>}
              {(note || category) && (
                <p className="mt-2 flex flex-wrap gap-x-2 text-xs text-faint">
                  {category && (
                    <Link href={`/explore/${creator.category}`} className="hover:text-accent-strong hover:underline">
                      {category}
                    </Link>
                  )}
                  {note && <span>{note(creator)}</span>}
                </p>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
