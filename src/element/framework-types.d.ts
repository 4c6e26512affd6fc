/**
 * `<billfold-portal>` in the type systems of the frameworks a merchant uses: the DOM's
 * `HTMLElementTagNameMap`, React 19 and Preact JSX, Vue's `GlobalComponents` and Svelte's
 * `SvelteHTMLElements`. Both entries (`billfold` and `billfold/define`) reference this file, so
 * `import 'billfold/define'` or a type-only import brings it along.
 *
 * None of these frameworks is a dependency, and a project without them must type-check even
 * with `skipLibCheck: false`. Two rules make that hold:
 * - TypeScript ignores an augmentation of a module that cannot be found when it is written in a
 *   declaration file (a `.ts` file would report it), so this file stays a hand-written `.d.ts`.
 * - Its bodies are still checked, so they name no framework type that only exists when the
 *   framework is installed. Where an entry wants the framework's own HTML attributes, the
 *   augmentation declares an empty interface of the same name and type parameters: it merges
 *   into the framework's interface when the framework is there, and is an empty stand-in when
 *   it is not.
 */
import type { BillfoldPortal } from './portal-element.js';
import type {
  BillfoldPortalAttributes,
  BillfoldPortalEventHandlers,
  BillfoldPortalProperties,
  BillfoldPortalVueEventHandlers,
} from './portal-types.js';

declare global {
  interface HTMLElementTagNameMap {
    'billfold-portal': BillfoldPortal;
  }
}

/**
 * React 19 sets a custom element's props as properties when the element has them (strings as
 * attributes when rendering on the server) and adds `on<event-name>` props as listeners.
 */
declare module 'react' {
  interface HTMLAttributes<T> {}
  interface ClassAttributes<T> {}
  namespace JSX {
    interface IntrinsicElements {
      'billfold-portal': ClassAttributes<BillfoldPortal> &
        HTMLAttributes<BillfoldPortal> &
        BillfoldPortalAttributes &
        BillfoldPortalProperties &
        BillfoldPortalEventHandlers;
    }
  }
}

/** Preact sets a prop as a property when the element has it, and `on<event-name>` as a listener. */
declare module 'preact' {
  namespace JSX {
    interface HTMLAttributes<RefType extends EventTarget = EventTarget> {}
    interface IntrinsicElements {
      'billfold-portal': HTMLAttributes<BillfoldPortal> &
        BillfoldPortalAttributes &
        BillfoldPortalProperties &
        BillfoldPortalEventHandlers;
    }
  }
}

/**
 * Vue types a template tag through `GlobalComponents`; `$props` is what the template may bind.
 * `@billfold-ready` is checked as `onBillfoldReady`. Bind secrets as properties
 * (`.sessionToken="jwt"` or `:sessionToken.prop`), and tell Vue's compiler the tag is a custom
 * element (`compilerOptions.isCustomElement`).
 */
declare module 'vue' {
  interface GlobalComponents {
    'billfold-portal': new () => BillfoldPortal & {
      /** For template type-checking only; not a runtime property of the element. */
      $props: BillfoldPortalProperties & BillfoldPortalAttributes & BillfoldPortalVueEventHandlers;
    };
  }
}

/** Svelte 5 sets a prop as a property once the element is defined, and `on<event-name>` as a listener. */
declare module 'svelte/elements' {
  interface HTMLAttributes<T extends EventTarget> {}
  interface SvelteHTMLElements {
    'billfold-portal': HTMLAttributes<BillfoldPortal> &
      BillfoldPortalAttributes &
      BillfoldPortalProperties &
      BillfoldPortalEventHandlers;
  }
}
