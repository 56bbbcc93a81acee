import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/runCli.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

async function review(diff: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['review', '--diff', '-'], {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    cwd: root,
    env: {},
    readStdin: async () => diff,
  });
  return { code, stdout, stderr };
}

function newFileDiff(path: string, lines: string[]): string {
  return [`diff --git a/${path} b/${path}`, 'new file mode 100644', '--- /dev/null', `+++ b/${path}`, `@@ -0,0 +1,${lines.length} @@`, ...lines.map((l) => `+${l}`), ''].join('\n');
}

const RAILS = 'db/migrate/20261120120000_add_tenant_to_accounts.rb';

describe('agency review on framework migrations', () => {
  it('prints the squawk findings of a Rails migration at its source lines, with the Rails fix', async () => {
    const diff = newFileDiff(RAILS, [
      'class AddTenantToAccounts < ActiveRecord::Migration[7.1]',
      '  def change',
      '    add_column :accounts, :tenant_id, :bigint, null: false',
      '    add_index :accounts, :tenant_id',
      '  end',
      'end',
    ]);
    const { code, stdout } = await review(diff);
    expect(code).toBe(0);
    const row = (where: string, id: string) => stdout.split('\n').some((l) => l.startsWith('| ') && l.includes(`\`${where}\``) && l.includes(`\`${id}\``));
    expect(row(`${RAILS}:3`, 'adding-required-field')).toBe(true);
    expect(row(`${RAILS}:4`, 'require-concurrent-index-creation')).toBe(true);
    expect(stdout).toContain('algorithm: :concurrently');
    expect(stdout).not.toContain('Looks good');
  });

  it('says which migration lines were not linted instead of passing them silently', async () => {
    const diff = newFileDiff(RAILS, [
      'class AddTenantToAccounts < ActiveRecord::Migration[7.1]',
      '  def change',
      '    execute "UPDATE accounts SET plan = #{default_plan}"',
      '  end',
      'end',
    ]);
    const { stdout } = await review(diff);
    expect(stdout).toContain(`Not linted in ${RAILS} (Rails): line 3 \`execute\` with interpolated or computed SQL`);
  });

  it('does not say "Looks good" of a migration it could not read (a 1 MB line)', async () => {
    const diff = newFileDiff(RAILS, [
      'class AddTenantToAccounts < ActiveRecord::Migration[7.1]',
      '  def change',
      `    add_column :accounts, :note, :string, null: false, default: "${'b'.repeat(1_000_000)}"`,
      '  end',
      'end',
    ]);
    const { stdout } = await review(diff);
    expect(stdout).toContain(`Not linted: ${RAILS} looks generated or minified`);
    expect(stdout).toMatch(/\*\*Verdict:\*\* ⚠️ Partly reviewed · no findings\n\nReviewed 2 of 5 changed lines/);
    expect(stdout).not.toContain('Looks good');
  });
});
