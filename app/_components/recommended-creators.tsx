// Creators a creator recommends (each with their line saying why), and the creators their fans
// also support: on the creator's page and on the welcome step after joining. Every
// recommendation's link goes through the counting redirect.
import Link from "next/link";
import type { AlsoSupported, RecommendationCard } from "@/server/services/discovery/recommendations";
import { recommendationHref } from "@/server/services/discovery/recommendations";

function Initial({ name }: { name: string }) {
  return (
    <span aria-hidden className="flex h-10 w-10 shrink-0 items-center justify-center rounded-full bg-accent-soft font-serif text-lg font-bold text-accent-strong">
      {name.slice(0, 1).toUpperCase()}
    </span>
  );
}

export function RecommendedCreators({
  by,
  recommendations,
  from,
  headingLevel = 2,
}: {
  by: string;
  recommendations: RecommendationCard[];
  /** Where the links are shown, when not the creator's page (counted the same, told apart in the link). */
  from?: "welcome";
  headingLevel?: 2 | 3;
}) {
  if (recommendations.length === 0) return null;
  const Heading = `h${headingLevel}` as const;
  return (
    <section aria-labelledby="recommended-heading" className="mt-10">
      <Heading id="recommended-heading" className="text-lg font-semibold">
        {by} recommends
      </Heading>
      <ul className="mt-4 grid gap-3 sm:grid-cols-2">
        {recommendations.map((card) => (
          <li key={card.id}>
            <a
              href={recommendationHref(card.id, from)}
              className="flex h-full gap-3 rounded-2xl border border-line bg-card p-4 transition hover:border-accent focus-visible:border-accent"
            >
              <Initial name={card.creator.displayName} />
              <span className="min-w-0">
                <span className="block font-semibold">{card.creator.displayName}</span>
                <span className="block text-sm text-muted">@{card.creator.handle}</span>
                {card.reason && <span className="mt-2 block text-sm leading-relaxed">“{card.reason}”</span>}
              </span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Shown only when the service found creators sharing enough members (see FANS_ALSO_SUPPORT_MIN). */
export function FansAlsoSupport({ creators }: { creators: AlsoSupported[] }) {
  if (creators.length === 0) return null;
  return (
    <section aria-labelledby="also-support-heading" className="mt-10">
      <h2 id="also-support-heading" className="text-lg font-semibold">
        Fans also support
      </h2>
      <ul className="mt-4 flex flex-wrap gap-3">
        {creators.map((creator) => (
          <li key={creator.id}>
            <Link href={`/${creator.handle}`} className="flex items-center gap-2 rounded-full border border-line bg-card py-1.5 pl-1.5 pr-4 hover:border-accent">
              <Initial name={creator.displayName} />
              <span className="font-medium">{creator.displayName}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
