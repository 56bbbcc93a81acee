import { z } from 'zod';
import { closestKey } from './closestKey.js';
import { ConfigSchema } from './configSchema.js';
import type { ConfigIssue } from './ConfigError.js';
import { describeExpected, type Expected } from './describeExpected.js';
import { describeValue } from './describeValue.js';
import { formatPath } from './formatPath.js';
import { schemaAtPath } from './schemaAtPath.js';

/** The raw value the author wrote at `path`; own properties only, so `__proto__` and friends read as absent. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment];
    else if (current !== null && typeof current === 'object' && Object.hasOwn(current, segment)) {
      current = (current as Record<PropertyKey, unknown>)[segment];
    } else return undefined;
  }
  return current;
}

function suggestion(guess: string | undefined): string {
  return guess === undefined ? '' : `; did you mean ${JSON.stringify(guess)}?`;
}

function unknownField(key: string, parent: z.ZodType | undefined): string {
  const known = parent instanceof z.ZodObject ? Object.keys(parent.shape) : [];
  const guess = closestKey(key, known);
  if (guess !== undefined) return `unknown field${suggestion(guess)}`;
  if (known.length === 0) return 'unknown field';
  return `unknown field; the known fields here are ${known.map((k) => JSON.stringify(k)).join(', ')}`;
}

/** The "expected ..." half, preferring the whole rule from the schema over the one bound zod reports. */
function expectation(issue: z.core.$ZodIssue, expected: Expected | undefined): string {
  switch (issue.code) {
    case 'invalid_format':
      // A custom regex message is written as the expectation ("a relative path inside the repository").
      if (issue.format === 'regex' && !/^invalid\b/i.test(issue.message)) return issue.message;
      return issue.pattern ? `a string matching ${issue.pattern}` : `a valid ${issue.format}`;
    case 'not_multiple_of':
      return `a multiple of ${issue.divisor}`;
    case 'invalid_value':
      return expected?.text ?? `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_big':
      return expected?.text ?? `at most ${issue.maximum}`;
    case 'too_small':
      return expected?.text ?? `at least ${issue.minimum}`;
    case 'invalid_type':
      return expected?.text ?? `a value of type ${issue.expected}`;
    default:
      return expected?.text ?? issue.message;
  }
}

/**
 * Turns zod issues into one line per field that names the field, shows the value given (looked up in the
 * raw `input`, shortened) and says what is allowed. Only the first issue per field is kept: a second
 * complaint about the same value adds noise, not information.
 */
export function formatConfigIssues(
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
  schema: z.ZodType = ConfigSchema,
): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  const seen = new Set<string>();
  const add = (issue: ConfigIssue) => {
    if (seen.has(issue.path)) return;
    seen.add(issue.path);
    out.push(issue);
  };
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const parent = schemaAtPath(schema, issue.path);
      for (const key of issue.keys) add({ path: formatPath([...issue.path, key]), message: unknownField(key, parent) });
      continue;
    }
    const at = schemaAtPath(schema, issue.path);
    const expected = at ? describeExpected(at) : undefined;
    const value = valueAt(input, issue.path);
    const got = `got ${describeValue(value, expected?.kind)}`;
    // A refinement's message is the author's own sentence about what is wrong; show it as written.
    let message = issue.code === 'custom' ? `${got}; ${issue.message}` : `${got}; expected ${expectation(issue, expected)}`;
    if (issue.code === 'invalid_value' && typeof value === 'string') {
      const options = issue.values.filter((v): v is string => typeof v === 'string');
      message += suggestion(closestKey(value, options));
    }
    add({ path: formatPath(issue.path), message });
  }
  return out;
}
