import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';

// Every call of the patch parser, counted: the CLI reads the diff whole (parseUnifiedDiff), and the review
// after it must use those hunks, not parse each file's patch again.
const parsed = vi.hoisted(() => ({ patches: [] as string[], bodies: [] as string[] }));
vi.mock('../../src/evidence/parseHunks.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/evidence/parseHunks.js')>();
  return {
    ...original,
    parseHunks: (patch: string) => {
      parsed.patches.push(patch);
      return original.parseHunks(patch);
    },
  };
});

// The body as the app would post it, before the CLI leaves out its hidden marker.
vi.mock('../../src/domain/withoutMarker.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/domain/withoutMarker.js')>();
  return {
    ...original,
    withoutMarker: (body: string) => {
      parsed.bodies.push(body);
      return original.withoutMarker(body);
    },
  };
});

const { runCli } = await import('../../src/cli/runCli.js');

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('agency review parses the diff once', () => {
  it('reuses the hunks read with the diff for evidence, inline comments and the open-findings marker', async () => {
    parsed.patches.length = 0;
    parsed.bodies.length = 0;
    let stdout = '';
    const code = await runCli(['review', '--diff', 'examples/pr.diff'], {
      stdout: (t) => void (stdout += t),
      stderr: () => undefined,
      cwd: root,
      env: {},
      readStdin: async () => '',
    });
    expect(code).toBe(0);
    // The steps that read hunks all ran: findings placed on lines, inline comments checked against the diff.
    expect(stdout).toContain('`src/routes/members.ts:14`');
    expect(stdout).toMatch(/### Inline comments that would be posted \([1-9]\d*\)/);
    expect(parsed.bodies.at(-1)).toContain('"open":');
    expect(parsed.patches).toEqual([]);
  });
});
