import { signOutAction } from "@/server/auth/actions";

export function UserMenu({ handle }: { handle: string | null }) {
  return (
    <div className="flex items-center gap-2 md:flex-col md:items-stretch">
      {handle && (
        <a href={`/${handle}`} className="rounded-lg px-3 py-1.5 text-sm text-muted hover:bg-paper hover:text-ink">
          View my page <span aria-hidden>↗</span>
        </a>
      )}
      <form action={signOutAction}>
        <button type="submit" className="w-full rounded-lg px-3 py-1.5 text-left text-sm text-muted hover:bg-paper hover:text-ink">
          Sign out
        </button>
      </form>
    </div>
  );
}
