// Calls made together, sent together. A digest fan-out runs dozens of deliveries at once, each
// making the same few store calls (claim, context, markPosting, recordPosted); on PostgreSQL each
// call is a round trip and each write a commit of its own, which is where a fan-out spent its
// time. So the calls of one kind made within one turn of the event loop go to the server as one
// statement over all of them, and each caller gets its own answer, as if it had asked alone: a
// delivery's steps keep their order (it still waits for each answer before its next step), so
// claim-before-post and 'posting'-before-the-call hold as before.
//
// Two calls with the same key (the same subscription and slot) never share a statement: the
// second waits until the first is answered, so "true only for the caller that created the claim"
// stays true and the first caller is the one that gets it.
// When a batch's statement fails for a reason other than the server being unreachable, each of
// its calls is run again alone, so one bad row (a subscription deleted meanwhile) fails only its
// own caller, as it would have without batching.
import { isUnavailable } from './connection.js';

interface Call<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (err: unknown) => void;
}

/** Most calls one statement carries. */
const MAX_BATCH = 200;

/**
 * Wraps `many` (one statement over several items, answers in the items' order) into a function
 * of one item; `key` names what two calls must not share a statement over.
 */
export function batched<I, O>(
  many: (items: I[]) => Promise<O[]>,
  key: (item: I) => string,
): (item: I) => Promise<O> {
  let queue: Call<I, O>[] = [];

  const send = async (calls: Call<I, O>[]) => {
    try {
      const out = await many(calls.map((c) => c.item));
      calls.forEach((c, i) => c.resolve(out[i] as O));
    } catch (err) {
      if (calls.length === 1 || isUnavailable(err)) return calls.forEach((c) => c.reject(err));
      await Promise.all(
        calls.map((c) =>
          many([c.item]).then(
            (out) => c.resolve(out[0] as O),
            (e: unknown) => c.reject(e),
          ),
        ),
      );
    }
  };

  const flush = () => {
    const calls = queue;
    queue = [];
    const batch: Call<I, O>[] = [];
    const keys = new Set<string>();
    for (const c of calls) {
      const k = key(c.item);
      if (keys.has(k) || batch.length >= MAX_BATCH) queue.push(c);
      else {
        keys.add(k);
        batch.push(c);
      }
    }
    // What had to wait goes once this statement is answered: a second call on the same run is
    // then answered after the first, as it would be without batching.
    const sent = send(batch);
    if (queue.length > 0) void sent.finally(() => setImmediate(flush));
  };

  return (item) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      // Gathers what the other deliveries ask in this turn; costs one turn of the event loop.
      if (queue.length === 1) setImmediate(flush);
    });
}
