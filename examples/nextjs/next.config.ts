import type { NextConfig } from 'next';

// The merchant's server: it mints the customer's session token and serves the Billfold API (in
// this example, the Billfold demo server). Rewrites keep both on the app's own origin.
const merchantServer = process.env.BILLFOLD_DEMO_URL ?? 'http://127.0.0.1:5173';

const config: NextConfig = {
  // This example sits inside the Billfold repository, which has a lockfile of its own.
  turbopack: { root: process.cwd() },
  async rewrites() {
    return [
      { source: '/billing-api/:path*', destination: `${merchantServer}/billing-api/:path*` },
      { source: '/demo/session', destination: `${merchantServer}/demo/session` },
    ];
  },
};

export default config;
