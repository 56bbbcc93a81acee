import { z } from 'zod';
import type { ValueKind } from './describeValue.js';
import { unwrapSchema } from './schemaAtPath.js';

export interface Expected {
  /** A noun phrase that reads after "expected": `an integer from 0 to 100`, `one of "a", "b"`. */
  text: string;
  kind?: ValueKind;
}

// z.int() carries the safe-integer range; it is not a limit the author chose, so it is not mentioned.
const bounded = (n: number | null | undefined): n is number => typeof n === 'number' && Math.abs(n) < Number.MAX_SAFE_INTEGER;

function range(min: number | null | undefined, max: number | null | undefined): string {
  if (bounded(min) && bounded(max)) return min === max ? ` equal to ${min}` : ` from ${min} to ${max}`;
  if (bounded(min)) return ` of ${min} or more`;
  if (bounded(max)) return ` of ${max} or less`;
  return '';
}

function lengthRange(min: number | null, max: number | null): string {
  if (min && max) return min === max ? ` of exactly ${max} characters` : ` of ${min} to ${max} characters`;
  if (min === 1) return '';
  if (min) return ` of at least ${min} characters`;
  if (max) return ` of at most ${max} characters`;
  return '';
}

function itemCount(min: unknown, max: unknown): string {
  const items = (n: number) => `${n} item${n === 1 ? '' : 's'}`;
  const lo = typeof min === 'number' && min > 0 ? min : undefined;
  const hi = typeof max === 'number' ? max : undefined;
  if (lo !== undefined && hi !== undefined) return lo === hi ? ` of exactly ${items(hi)}` : ` of ${lo} to ${hi} items`;
  if (lo !== undefined) return ` of at least ${items(lo)}`;
  if (hi !== undefined) return ` of at most ${items(hi)}`;
  return '';
}

const quoteAll = (values: readonly unknown[]) => values.map((v) => JSON.stringify(v)).join(', ');

/** What a schema accepts, in plain words, for "got X; expected Y" messages. */
export function describeExpected(schema: z.ZodType): Expected {
  const s = unwrapSchema(schema);
  if (s instanceof z.ZodString) {
    const nonEmpty = s.minLength === 1 && !s.maxLength ? 'a non-empty string' : 'a string';
    return { text: nonEmpty + lengthRange(s.minLength, s.maxLength), kind: 'string' };
  }
  if (s instanceof z.ZodNumber) {
    const noun = s.isInt ? 'an integer' : 'a number';
    return { text: noun + range(s.minValue, s.maxValue), kind: s.isInt ? 'integer' : 'number' };
  }
  if (s instanceof z.ZodBoolean) return { text: 'true or false', kind: 'boolean' };
  if (s instanceof z.ZodEnum) return { text: `one of ${quoteAll(s.options)}`, kind: 'string' };
  if (s instanceof z.ZodLiteral) return { text: `one of ${quoteAll([...s.values])}` };
  if (s instanceof z.ZodArray) {
    // ZodArray has no minLength/maxLength getters; its bounds live in the check definitions.
    const defs = (s.def.checks ?? []).map((c) => c._zod.def as { check: string; minimum?: number; maximum?: number; length?: number });
    const exact = defs.find((d) => d.check === 'length_equals')?.length;
    const min = exact ?? defs.find((d) => d.check === 'min_length')?.minimum;
    const max = exact ?? defs.find((d) => d.check === 'max_length')?.maximum;
    const count = itemCount(min, max);
    return { text: `a list${count}, each item ${describeExpected(s.element as z.ZodType).text}`, kind: 'list' };
  }
  if (s instanceof z.ZodObject) return { text: `a mapping with the fields ${quoteAll(Object.keys(s.shape))}`, kind: 'mapping' };
  if (s instanceof z.ZodUnion) return { text: s.options.map((o) => describeExpected(o as z.ZodType).text).join(' or ') };
  return { text: 'a valid value' };
}
