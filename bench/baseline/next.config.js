// The framework's floor: a bare Next.js app with the same article and nothing else. Kept as close
// to Next's defaults as the main app's build is (no powered-by header either, so bytes match).

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
};

export default nextConfig;
