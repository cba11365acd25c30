export const metadata = { title: "Check your email" };

export default function CheckEmailPage() {
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col justify-center px-5 py-12 text-center">
      <h1 className="text-2xl font-bold">Check your email</h1>
      <p className="mt-3 text-muted">We sent you a sign-in link. It works once and expires in 24 hours.</p>
      <a href="/login" className="mt-6 text-sm text-accent-strong underline">
        Back to sign in
      </a>
    </main>
  );
}
