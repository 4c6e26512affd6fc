import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/vite-plugin-svelte').SvelteConfig} */
export default {
  // TypeScript in <script lang="ts"> beyond type annotations (Svelte 5 strips those itself).
  preprocess: vitePreprocess(),
};
