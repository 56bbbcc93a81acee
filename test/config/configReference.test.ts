import { describe, expect, it } from 'vitest';
import { configReference, CONFIG_REFERENCE_EXAMPLE } from '../../src/config/configReference.js';
import { parseConfig } from '../../src/config/parseConfig.js';

const reference = configReference();

describe('configReference', () => {
  it('says where the file lives', () => {
    expect(reference).toContain("reads `.github/agency.yml` from the repository's default branch");
  });

  it.each([
    '| `label` | string, 1–50 characters | `"backend"` | Label that asks for a plan on an issue and a review on a pull request. |',
    '| `review.maxInlineComments` | integer, 0–100 | `20` | Most inline comments in one review. |',
    '| `review.auto` | one of `label`, `paths`, `off` | `"paths"` |',
    '| `limits.dailyTokenBudget` | integer ≥ 0 | `2000000` |',
    '| `paths.backend` | list of non-empty strings | see [below](#long-defaults) |',
    '| `allowBots` | list of non-empty strings | `[]` |',
    '| `model` | mapping | — | Model settings. |',
  ])('has the row %s', (row) => {
    expect(reference).toContain(row);
  });

  it('has one row per field, nested ones dotted', () => {
    const names = [...reference.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
    expect(names).toHaveLength(36);
    expect(names).toContain('adr.dir');
    expect(new Set(names).size).toBe(names.length);
  });

  it('prints long defaults as YAML that can be pasted', () => {
    expect(reference).toContain('### `paths.ignore`\n\n```yaml\npaths:\n  ignore:\n    - "**/package-lock.json"');
  });

  it('shows an example that is a valid config', () => {
    expect(reference).toContain(CONFIG_REFERENCE_EXAMPLE.trimEnd());
    const result = parseConfig(CONFIG_REFERENCE_EXAMPLE);
    expect(result.ok && result.config.review).toMatchObject({ auto: 'label', maxInlineComments: 10, drafts: false });
  });
});
