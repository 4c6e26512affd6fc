/**
 * Responses whose body the kit wrote as text, remembered by the response: the Node adapter sends
 * that text as it is instead of reading it back out of the body stream (an undici stream read per
 * answer, about 30 µs and its garbage). Anything else that reads the response (a wrapper, a test,
 * Deno or Bun serving the handler) sees an ordinary `Response` with that body.
 */
const texts = new WeakMap<Response, string>();

/** A `Response` with `text` as its body (none when `null`), whose text {@link sentText} knows. */
export function textResponse(text: string | null, init: ResponseInit): Response {
  const response = new Response(text, init);
  if (text !== null) texts.set(response, text);
  return response;
}

/**
 * The body of a response made by {@link textResponse} while nobody has read it yet; `undefined`
 * for any other response (its body must be read from its stream).
 */
export function sentText(response: Response): string | undefined {
  return response.bodyUsed ? undefined : texts.get(response);
}
