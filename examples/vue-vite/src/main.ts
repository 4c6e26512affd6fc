// Registers <billfold-portal> before Vue mounts, so the `.getSessionToken` binding sets the
// element's own property from the first render.
import 'billfold/define';
import { createApp } from 'vue';
import App from './app.vue';

createApp(App).mount('#app');
