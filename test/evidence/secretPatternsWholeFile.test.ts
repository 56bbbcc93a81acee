import { describe, expect, it } from 'vitest';
import { detectSecrets } from '../../src/evidence/detectSecrets.js';
import { SECRET_PATTERNS } from '../../src/evidence/secretPatterns.js';

// detectSecrets searches each pattern once over a file's lines joined by newlines, and only the patterns
// found there line by line: a pattern must find in the joined text whatever it finds on a single line.
const j = (...parts: string[]) => parts.join('');
const ENDS_OF_LINES: [name: string, line: string][] = [
  ['an unquoted credential ended by the line', j('ORDERS_SIGNING_KEY=', 'Qm4Tz8Wc2Vr6Xn1Pb5Lk')],
  ['an sshpass password ended by the line', j("sshpass -p '", 'Hb3Nq7', "Rm2Zs9' ")],
  ['a Google key ending the line', j('maps_key: ', 'AIza', 'SyC4Vm8Qr2Tx6Zb0Nd3Lf7Hk1Pw5Jy9Gs2E')],
  ['a GitHub token ending the line', j('token: ', 'ghp_', 'Wq2Er4Ty6Ui8Op0As2Df4Gh6Jk8Lz0Xc2Vb4')],
];

const file = (texts: string[]) => ({ path: 'services/billing/config.py', lines: texts.map((text, i) => ({ line: 40 + i, text })) });
const found = async (texts: string[]) => (await detectSecrets([file(texts)])).map((f) => `${f.line} ${f.source.id}`);

describe('secret patterns over a whole file', () => {
  it('look behind nothing and refuse no newline ahead (what the whole-file search relies on)', () => {
    for (const pattern of SECRET_PATTERNS) {
      expect(pattern.regex.source, pattern.id).not.toMatch(/\(\?<[=!]/);
      // A negative lookahead that could match a newline (\s, a negated class, `.` with the s flag).
      for (const ahead of pattern.regex.source.match(/\(\?!(?:[^()]|\([^()]*\))*\)/g) ?? []) {
        expect(ahead, pattern.id).not.toMatch(/\\s|\[\^|\\n/);
        if (pattern.regex.flags.includes('s')) expect(ahead, pattern.id).not.toContain('.');
      }
    }
  });

  it.each(ENDS_OF_LINES)('reports %s as the first, a middle and the last line of a file', async (_name, line) => {
    const alone = await found([line]);
    expect(alone).toHaveLength(1);
    const at = (n: number) => alone.map((f) => f.replace(/^40 /, `${40 + n} `));
    expect(await found([line, 'retries = 3', '"""'])).toEqual(at(0));
    expect(await found(['timeout = 30 \\', line, 'x'])).toEqual(at(1));
    expect(await found(['region = "eu"', '', line])).toEqual(at(2));
  });
});
