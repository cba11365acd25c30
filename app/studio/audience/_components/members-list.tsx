"use client";
// The creator's members, searchable by name, email or tier.

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useState } from "react";
import { FormError } from "@/app/_components/field";
import { LocalTime } from "@/app/_components/local-time";
import { membershipStateWord } from "@/app/_components/membership-state";
import { useTRPC } from "@/app/_lib/trpc";
import { uiError } from "@/app/_lib/trpc-errors";
import { formatMoney } from "@/lib/money";
import type { MemberRow } from "@/server/services/memberships/audience";

function MemberStatus({ member }: { member: MemberRow }) {
  return (
    <>
      {membershipStateWord(member.status)}
      {member.status === "cancelling" && member.currentPeriodEnd && (
        <span className="text-muted">
          , access until <LocalTime date={member.currentPeriodEnd} />
        </span>
      )}
    </>
  );
}

export function MembersList() {
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const [debounced, setDebounced] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(search.trim()), 250);
    return () => clearTimeout(timer);
  }, [search]);
  const members = useQuery({ ...trpc.membership.members.queryOptions({ search: debounced }), placeholderData: keepPreviousData });

  return (
    <div className="mt-6">
      <label className="block max-w-sm">
        <span className="text-sm font-medium">Search members</span>
        <input
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder="Name, email or tier"
          className="mt-1 block w-full rounded-lg border border-line bg-card px-3 py-2"
        />
      </label>
      {members.isError && <FormError message={uiError(members.error).message} />}
      {members.isPending ? (
        <p className="mt-6 text-muted" role="status">
          Loading members…
        </p>
      ) : members.data && members.data.length === 0 ? (
        <div className="mt-6 rounded-2xl border border-dashed border-line bg-card p-8 text-center text-muted">
          {debounced ? (
            <p>No member matches “{debounced}”.</p>
          ) : (
            <>
              <p className="font-medium text-ink">No members yet.</p>
              <p className="mt-1">Share your join page: the people who join are listed here with their tier and how long they have been with you.</p>
            </>
          )}
        </div>
      ) : (
        <>
          {/* A phone gets one card per member; the table needs the width of a larger screen. */}
          <ul aria-label="Members" className="mt-6 divide-y divide-line rounded-2xl border border-line bg-card sm:hidden">
            {members.data?.map((m) => (
              <li key={m.membershipId} className="px-4 py-3 text-sm">
                <div className="flex items-baseline justify-between gap-3">
                  <span className="min-w-0 truncate font-medium">{m.name ?? m.email}</span>
                  <span className="shrink-0 tabular-nums">{formatMoney(m.lifetimePaid, m.currency)} paid</span>
                </div>
                {m.name && <p className="truncate text-muted">{m.email}</p>}
                <p className="mt-1">
                  {m.tierName} · <MemberStatus member={m} /> · since <LocalTime date={m.since} />
                </p>
                {m.joinedFrom && <p className="truncate text-muted">Joined from “{m.joinedFrom.title || "Untitled"}”</p>}
              </li>
            ))}
          </ul>
          <div className="mt-6 hidden overflow-x-auto rounded-2xl border border-line bg-card sm:block">
            <table className="w-full min-w-[48rem] text-left text-sm">
              <caption className="sr-only">Members</caption>
              <thead className="border-b border-line text-muted">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">Member</th>
                  <th scope="col" className="px-4 py-2 font-medium">Tier</th>
                  <th scope="col" className="px-4 py-2 font-medium">Status</th>
                  <th scope="col" className="px-4 py-2 font-medium">Since</th>
                  <th scope="col" className="px-4 py-2 font-medium">Joined from</th>
                  <th scope="col" className="px-4 py-2 text-right font-medium">Lifetime paid</th>
                </tr>
              </thead>
              <tbody>
                {members.data?.map((m) => (
                  <tr key={m.membershipId} className="border-b border-line last:border-0">
                    <td className="px-4 py-2">
                      <span className="block font-medium">{m.name ?? m.email}</span>
                      {m.name && <span className="text-muted">{m.email}</span>}
                    </td>
                    <td className="px-4 py-2">{m.tierName}</td>
                    <td className="px-4 py-2">
                      <MemberStatus member={m} />
                    </td>
                    <td className="px-4 py-2">
                      <LocalTime date={m.since} />
                    </td>
                    <td className="max-w-[14rem] truncate px-4 py-2">
                      {m.joinedFrom ? (
                        <Link href={`/studio/analytics/posts/${m.joinedFrom.postId}`} className="underline-offset-2 hover:underline">
                          {m.joinedFrom.title || "Untitled"}
                        </Link>
                      ) : (
                        <span className="text-muted">—</span>
                      )}
                    </td>
                    <td className="px-4 py-2 text-right tabular-nums">{formatMoney(m.lifetimePaid, m.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
