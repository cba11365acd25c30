import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-[60dvh] max-w-md flex-col items-center justify-center px-5 text-center">
      <p className="font-serif text-5xl font-bold text-accent">404</p>
      <h1 className="mt-4 text-xl font-bold">This page does not exist</h1>
      <p className="mt-2 text-muted">The link may be mistyped, or the page was moved or removed.</p>
      <Link href="/" className="mt-6 text-accent-strong underline">
        Go to the home page
      </Link>
    </main>
  );
}
