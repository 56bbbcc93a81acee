import { describe, expect, it } from 'vitest';
import { detectSecrets } from '../../src/evidence/detectSecrets.js';

// secretlint reads the files its rules treat alike as one source (one call per review): every finding must
// still name its own file and line, and nothing in one file may change what is found in another.
const DB_URL = (password: string) => `DATABASE_URL=postgres://app:${password}@db.internal:5432/shop`;
const X_OAUTH = 'https://Xk9vQ2mP7rLsZt4w:x-oauth-basic@github.com/acme/private.git';

const file = (path: string, texts: string[], first = 1) => ({ path, lines: texts.map((text, i) => ({ line: first + i, text })) });
const where = (findings: Awaited<ReturnType<typeof detectSecrets>>) => findings.map((f) => `${f.path}:${f.line} ${f.source.id}`);

describe('secretlint over many files at once', () => {
  it('puts each finding on its own file and line: first line, last line, and files of one line', async () => {
    const findings = await detectSecrets([
      file('a/.env', [DB_URL('Xk9vQ2mP7rLs'), 'PORT=3000', 'HOST=x'], 10),
      file('b/settings.py', ['DEBUG = False'], 5),
      file('c/.env.prod', ['A=1', 'B=2', DB_URL('Zt4wQ2mP7rLs')], 100),
      file('d/app.env', [DB_URL('Pq8rQ2mP7rLs')], 7),
    ]);
    const id = '@secretlint/secretlint-rule-database-connection-string';
    expect(where(findings)).toEqual([`a/.env:10 ${id}`, `c/.env.prod:102 ${id}`, `d/app.env:7 ${id}`]);
  });

  it('keeps a secretlint-disable comment to its own file', async () => {
    const findings = await detectSecrets([
      file('a/.env', ['# secretlint-disable', DB_URL('Xk9vQ2mP7rLs')]),
      file('b/.env', [DB_URL('Zt4wQ2mP7rLs')]),
    ]);
    // Line 2 of a/.env is ours only (secretlint was told to skip it); b/.env is secretlint's as ever.
    expect(where(findings)).toEqual(['a/.env:2 hardcoded-secret/url-credentials', 'b/.env:1 @secretlint/secretlint-rule-database-connection-string']);
  });

  it('reads package.json under its own name (a rule of its own there), among other files', async () => {
    const findings = await detectSecrets([
      file('src/clone.ts', [`const repo = '${X_OAUTH}';`]),
      file('package.json', [`  "repository": "${X_OAUTH}",`], 3),
      file('docs/notes.txt', ['nothing here']),
    ]);
    // secretlint's npm rule reads x-oauth-basic URLs in package files only; elsewhere its basic-auth rule does.
    expect(where(findings)).toEqual(['src/clone.ts:1 @secretlint/secretlint-rule-basicauth', 'package.json:3 @secretlint/secretlint-rule-npm']);
  });
});
