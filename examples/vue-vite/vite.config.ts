import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

// The merchant's server: it mints the customer's session token and serves the Billfold API
// (in this example, the Billfold demo server). Same origin for the browser through the proxy.
const merchantServer = process.env.BILLFOLD_DEMO_URL ?? 'http://127.0.0.1:5173';
const proxy = { '/billing-api': merchantServer, '/demo/session': merchantServer };

export default defineConfig({
  plugins: [
    vue({
      // Without this, Vue tries to resolve <billfold-portal> as a Vue component and warns.
      template: { compilerOptions: { isCustomElement: (tag) => tag === 'billfold-portal' } },
    }),
  ],
  server: { proxy },
  preview: { proxy },
});
