import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

// The merchant's server: it mints the customer's session token and serves the Billfold API
// (in this example, the Billfold demo server). Same origin for the browser through the proxy.
const merchantServer = process.env.BILLFOLD_DEMO_URL ?? 'http://127.0.0.1:5173';
const proxy = { '/billing-api': merchantServer, '/demo/session': merchantServer };

export default defineConfig({
  plugins: [svelte()],
  server: { proxy },
  preview: { proxy },
});
