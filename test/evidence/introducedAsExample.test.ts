import { describe, expect, it } from 'vitest';
import { detectSecrets } from '../../src/evidence/detectSecrets.js';
import { introducedAsExample } from '../../src/evidence/introducedAsExample.js';

// Tokens are assembled at run time, so this file holds no token-shaped literal.
const j = (...parts: string[]) => parts.join('');
const SHOPIFY = j('shpat_', 'r8TRc9ZXAvcVvcrmtr7qoVw6', '9WeeY1Qx');
const KOLIDE = j('k2sk_v1_', 'Wd7Rn2Xq9Lp4Tz6Vb3Mk8Hs5');

const scan = (path: string, texts: string[]) => detectSecrets([{ path, lines: texts.map((text, i) => ({ line: i + 1, text })) }]);
const at = (text: string, value: string) => introducedAsExample(text, text.indexOf(value));

describe('introducedAsExample', () => {
  it('is a value on a comment line after words that introduce a sample', () => {
    expect(at(`     * e.g.) ${SHOPIFY}`, SHOPIFY)).toBe(true);
    expect(at(`// For example: ${KOLIDE}`, KOLIDE)).toBe(true);
    expect(at(`# the key looks like ${KOLIDE}`, KOLIDE)).toBe(true);
    expect(at(`line one\n  -- such as ${KOLIDE}`, KOLIDE)).toBe(true);
  });

  it('is not a key in code, or in a comment that does not call it an example', () => {
    expect(at(`const token = "${SHOPIFY}"; // e.g. the shop's token`, SHOPIFY)).toBe(false);
    expect(at(`const example = "${SHOPIFY}";`, SHOPIFY)).toBe(false);
    expect(at(`// prod token: ${SHOPIFY}`, SHOPIFY)).toBe(false);
    expect(at(`# e.g. above\n${KOLIDE}`, KOLIDE)).toBe(false);
  });
});

describe('secret scanning of a token format described in a comment', () => {
  it('reports nothing for the documented sample; the same token elsewhere in the file still is', async () => {
    const findings = await scan('src/rules/shopify.js', ['/**', ' * for public apps', ' * shpat_[a-zA-Z0-9]{32,64}', ` * e.g.) ${SHOPIFY}`, ' */', `// deploy token: ${SHOPIFY}`]);
    expect(findings.map((f) => f.line)).toEqual([6]);
    expect(JSON.stringify(findings)).not.toContain(SHOPIFY);
  });
});
