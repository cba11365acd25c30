"use client";
// Who can read the post being edited, shared by everything in the editor that shows it: the
// header's access button, the paywall break, the publish step. It reads the stored access settings
// (the settings panel writes the same query's cache when it saves), so all of them change together.
import { useQuery } from "@tanstack/react-query";
import { createContext, useContext, useMemo, type ReactNode } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import { accessLevelSchema } from "@/lib/schemas/post-access";
import type { Audience } from "./audience";

export type PostAudience = Audience & { publicAt: Date | null };

type EditorAudience = {
  /** Null while loading. */
  audience: PostAudience | null;
  /** Opens the post settings at "Who can read it". */
  chooseAccess: () => void;
};

const AudienceContext = createContext<EditorAudience>({ audience: null, chooseAccess: () => {} });

export function useEditorAudience(): EditorAudience {
  return useContext(AudienceContext);
}

/** The post's audience; a post not created yet starts with the creator's default level. */
function usePostAudience(postId: string | null): PostAudience | null {
  const trpc = useTRPC();
  const stored = useQuery({ ...trpc.post.access.get.queryOptions({ postId: postId ?? "" }), enabled: postId !== null });
  const fallback = useQuery({ ...trpc.post.access.defaultAccess.queryOptions(), enabled: postId === null });
  const tiers = useQuery(trpc.membership.tiers.list.queryOptions());
  const settings = postId === null ? null : stored.data;
  const starting = postId === null ? fallback.data?.defaultAccess : undefined;
  return useMemo(() => {
    const known = tiers.data ?? [];
    if (settings) {
      const { access, tierIds, publicAt } = settings;
      const chosen = access === "paid" ? paidTiers(access, known) : known.filter((tier) => tierIds.includes(tier.id));
      return { access, tiers: chosen.map(({ id, name }) => ({ id, name })), publicAt };
    }
    if (starting === undefined) return null;
    // As the server starts a new post: anything unrecognised starts gated, not open.
    const access = accessLevelSchema.options.find((level) => level === starting) ?? "members";
    return { access, tiers: paidTiers(access, known), publicAt: null };
  }, [settings, starting, tiers.data]);
}

/** "Paid" reaches every paid tier fans can join. */
function paidTiers(access: PostAudience["access"], tiers: { id: string; name: string; monthlyPrice: number; status: string }[]) {
  if (access !== "paid") return [];
  return tiers.filter((tier) => tier.monthlyPrice > 0 && tier.status === "published").map(({ id, name }) => ({ id, name }));
}

export function PostAudienceProvider({ postId, chooseAccess, children }: { postId: string | null; chooseAccess: () => void; children: ReactNode }) {
  const audience = usePostAudience(postId);
  const value = useMemo(() => ({ audience, chooseAccess }), [audience, chooseAccess]);
  return <AudienceContext value={value}>{children}</AudienceContext>;
}
