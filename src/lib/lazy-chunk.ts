/** A lazy chunk's value, loaded once per page. */
export interface LazyChunk<T> {
  /** Loads it (once); a failed load is forgotten, so the next call tries again. */
  load(): Promise<T>;
  /** The value when a load has brought it, else `undefined` (for a first render without waiting). */
  loaded(): T | undefined;
}

/** Wraps a dynamic `import()` of a lazy chunk and what the caller takes from it. */
export function lazyChunk<T>(load: () => Promise<T>): LazyChunk<T> {
  let loading: Promise<T> | undefined;
  let value: T | undefined;
  return {
    load() {
      loading ??= load().then(
        (loadedValue) => (value = loadedValue),
        (error: unknown) => {
          loading = undefined;
          throw error;
        },
      );
      return loading;
    },
    loaded: () => value,
  };
}
