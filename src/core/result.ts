// One shape for an expected failure returned as a value, everywhere: `ok` says which, `value` is
// what was asked for, `error` why it could not be had (by default a message code with its values,
// so the person sees a sentence from the messages table). Exceptions stay for the unexpected.
import type { Message } from './messages.js';

export type Result<T, E = Message> = { ok: true; value: T } | { ok: false; error: E };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function fail<E>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}
