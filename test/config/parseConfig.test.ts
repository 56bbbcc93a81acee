import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatIssueLine } from '../../src/config/ConfigError.js';
import { DEFAULT_CONFIG } from '../../src/config/configSchema.js';
import { MAX_CONFIG_BYTES, parseConfig } from '../../src/config/parseConfig.js';

function ok(text: string | undefined) {
  const result = parseConfig(text);
  if (!result.ok) throw new Error(`expected a valid config, got:\n${result.error.message}`);
  return result.config;
}

function lines(text: string): string[] {
  const result = parseConfig(text);
  if (result.ok) throw new Error('expected a ConfigError');
  return result.error.issues.map(formatIssueLine);
}

describe('parseConfig defaults', () => {
  it.each([
    ['missing file', undefined],
    ['empty file', ''],
    ['whitespace only', '  \n\n\t\n'],
    ['comment only', '# nothing configured yet\n# label: backend\n'],
    ['empty mapping', '{}\n'],
    ['explicit null document', '~\n'],
    ['document marker only', '---\n'],
  ])('%s gives the defaults', (_name, text) => {
    expect(ok(text)).toEqual(DEFAULT_CONFIG);
  });

  it('returns a fresh object each time, so a caller mutating it cannot change the next one', () => {
    const first = ok(undefined);
    first.paths.backend.push('mutated/**');
    first.review.auto = 'off';
    expect(ok(undefined)).toEqual(DEFAULT_CONFIG);
    expect(DEFAULT_CONFIG.paths.backend).not.toContain('mutated/**');
  });

  it('keeps the other defaults of a partially set group', () => {
    const config = ok('review:\n  maxInlineComments: 5\n');
    expect(config.review.maxInlineComments).toBe(5);
    expect(config.review.auto).toBe('paths');
    expect(config.review).toEqual({ ...DEFAULT_CONFIG.review, maxInlineComments: 5 });
    expect(config.model).toEqual(DEFAULT_CONFIG.model);
  });

  it('fills every field of an empty group', () => {
    expect(ok('model: {}\nadr: {}\n')).toEqual(DEFAULT_CONFIG);
  });

  it('replaces a default list instead of merging it', () => {
    const config = ok('paths:\n  backend: ["services/**"]\n');
    expect(config.paths.backend).toEqual(['services/**']);
    expect(config.paths.ignore).toEqual(DEFAULT_CONFIG.paths.ignore);
  });

  it('accepts a byte order mark and CRLF line ends', () => {
    expect(ok('\uFEFFlabel: api\r\nreview:\r\n  auto: label\r\n')).toMatchObject({ label: 'api', review: { auto: 'label' } });
  });

  it('uses the given source name in the error', () => {
    const result = parseConfig('label: 1\n', 'config/agency.yml');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.source).toBe('config/agency.yml');
  });
});

describe('parseConfig examples', () => {
  it('accepts examples/agency.yml with its settings', () => {
    const text = readFileSync(new URL('../../examples/agency.yml', import.meta.url), 'utf8');
    const config = ok(text);
    expect(config.allowBots).toEqual(['renovate[bot]']);
    expect(config.commands).toEqual(['plan', 'review', 'adr', 'security', 'optimize', 'help']);
    expect(config.review.checkConclusion).toBe('failure-on-blocker');
    expect(config.adr.dir).toBe('docs/decisions');
  });
});

describe('parseConfig safety', () => {
  it('rejects a file over 64 KiB before parsing it', () => {
    const text = `label: backend\n${'#'.repeat(MAX_CONFIG_BYTES)}\n`;
    expect(lines(text)).toEqual(['the file is 65552 bytes; expected at most 65536 bytes (64 KiB)']);
  });

  it('counts bytes, not characters', () => {
    // 22,000 three-byte characters are 66,000 bytes; the rest of the line adds 10.
    expect(lines(`label: "${'€'.repeat(22_000)}"\n`)).toEqual(['the file is 66010 bytes; expected at most 65536 bytes (64 KiB)']);
  });

  it('stops alias expansion ("billion laughs") with a clear message', () => {
    let text = 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n';
    let previous = 'a';
    for (const name of 'bcdefghi') {
      text += `${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]\n`;
      previous = name;
    }
    expect(lines(text)).toEqual(['YAML aliases expand too far; expected at most 50 alias uses (write the values out instead)']);
  });

  // Deep nesting overflows yaml's recursive composer, and an overflow there can abort Node outright.
  it.each([
    ['flow brackets', `label: ${'['.repeat(30_000)}`, 'more than 32 levels of [ ] or { }'],
    ['brackets hidden between quoted closers', `a: [ !!str "]]]", ${'[ "]", '.repeat(5_000)}`, 'more than 32 levels of [ ] or { }'],
    ['compact block sequences', `${'- '.repeat(30_000)}x`, 'more than 64 columns'],
    ['explicit keys after a key', `k: ${'? '.repeat(20_000)}x`, 'more than 64 columns'],
    ['sequences after a document marker', `--- ${'- '.repeat(30_000)}x`, 'more than 64 columns'],
    ['deep indentation', Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}k:`).join('\n'), 'more than 64 columns'],
  ])('rejects %s before parsing', (_name, text, why) => {
    const [line, ...rest] = lines(text);
    expect(rest).toEqual([]);
    expect(line).toMatch(/^YAML nesting too deep at line \d+: /);
    expect(line).toContain(why);
  });

  it('still allows a few plain aliases', () => {
    const config = ok('paths:\n  backend: &globs ["api/**"]\n  ignore: *globs\n');
    expect(config.paths.ignore).toEqual(['api/**']);
  });

  it('reports an alias to a missing anchor', () => {
    expect(lines('paths:\n  backend: *nowhere\n')).toEqual(['YAML error: Unresolved alias (the anchor must be set before the alias): nowhere']);
  });

  it('treats merge keys as a plain (unknown) key instead of merging', () => {
    expect(lines('<<: {label: x}\n')[0]).toMatch(/^\["<<"\]: unknown field/);
  });

  it('does not let __proto__ reach the prototype', () => {
    expect(lines('__proto__:\n  label: polluted\n')[0]).toMatch(/^__proto__: unknown field/);
    expect(({} as Record<string, unknown>).label).toBeUndefined();
  });

  it('shows control characters and bidi overrides escaped, never raw', () => {
    const [line] = lines('permission: "w\\u001b[31m\\u202erite"\n');
    expect(line).toBe('permission: got "w\\u001b[31m\\u202erite"; expected one of "read", "triage", "write", "maintain", "admin"');
  });
});
