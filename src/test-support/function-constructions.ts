/**
 * How many times `run` constructs a `Function` (`new Function(...)`, which zod's JIT uses unless
 * jitless is set first, and which a strict CSP page forbids).
 */
export async function countFunctionConstructions(run: () => Promise<void>): Promise<number> {
  const RealFunction = globalThis.Function;
  let constructed = 0;
  globalThis.Function = new Proxy(RealFunction, {
    construct(target, args) {
      constructed += 1;
      return Reflect.construct(target, args);
    },
  });
  try {
    await run();
  } finally {
    globalThis.Function = RealFunction;
  }
  return constructed;
}
