// Registers <billfold-portal> before Svelte mounts: Svelte 5 sets a prop as a property when the
// element has one, so `getSessionToken` reaches the element as a function, never an attribute.
import 'billfold/define';
import { mount } from 'svelte';
import App from './app.svelte';

mount(App, { target: document.getElementById('app')! });
