/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WebAssembly and extension bundles from its own package folder at run time;
  // bundling it breaks those paths even though the build succeeds.
  serverExternalPackages: ["@electric-sql/pglite"],
  poweredByHeader: false,
  // Type checking runs once, in `npm run typecheck` (CI runs it before building); the build
  // skipping it saves a full second pass over the project on a two-core machine.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
