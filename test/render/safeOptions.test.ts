import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parseConfig.js';
import { safeOptions } from '../../src/render/safeOptions.js';
import { safeText } from '../../src/render/safeText.js';

const repoUrl = 'https://github.com/acme/api';
const text = 'See [runbook](https://docs.acme.dev/runbooks/db), [code](https://github.com/acme/api/blob/main/x.ts) and [elsewhere](https://evil.example/x).';

describe('safeOptions', () => {
  it('keeps only links into the repository by default', () => {
    const out = safeText(text, safeOptions({ repoUrl }));
    expect(out).toContain('](https://github.com/acme/api/blob/main/x.ts)');
    expect(out).not.toContain('https://docs.acme.dev');
    expect(out).not.toContain('https://evil.example');
  });

  it('also keeps the prefixes the repository allows in allowedLinks, and still drops the rest', () => {
    const out = safeText(text, safeOptions({ repoUrl, allowedLinks: ['https://docs.acme.dev/'] }));
    expect(out).toContain('](https://docs.acme.dev/runbooks/db)');
    expect(out).toContain('](https://github.com/acme/api/blob/main/x.ts)');
    expect(out).not.toContain('https://evil.example');
  });

  it('accepts only https prefixes in the config', () => {
    const bad = parseConfig('allowedLinks: ["http://docs.acme.dev/"]');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.issues[0]!.path).toBe('allowedLinks[0]');
    expect(parseConfig('allowedLinks: ["https://docs.acme.dev/"]').ok).toBe(true);
  });
});
