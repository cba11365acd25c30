"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Button } from "@/app/_components/button";
import { FormError } from "@/app/_components/field";
import { useTRPC } from "@/app/_lib/trpc";
import { uiError } from "@/app/_lib/trpc-errors";
import { welcomePath, type Credit } from "./welcome-path";

type Props = { handle: string; tierId: string; tierName: string; next: string; credit: Credit };

export function JoinFreeButton({ handle, tierId, tierName, next, credit }: Props) {
  const trpc = useTRPC();
  const router = useRouter();
  const join = useMutation(
    trpc.membership.joinFree.mutationOptions({
      // On to the welcome step, which then leads back to where the fan was.
      onSuccess: (membership) => {
        router.push(welcomePath(handle, tierId, membership.id, next));
        router.refresh();
      },
    }),
  );
  return (
    <div className="space-y-2">
      <FormError message={join.error ? uiError(join.error).message : null} />
      <Button className="w-full" disabled={join.isPending || join.isSuccess} onClick={() => join.mutate({ tierId, ...credit })}>
        {join.isPending ? "Joining…" : join.isSuccess ? "Joined" : `Join ${tierName} for free`}
      </Button>
    </div>
  );
}
