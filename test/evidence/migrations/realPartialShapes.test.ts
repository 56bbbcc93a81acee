import { describe, expect, it } from 'vitest';
import { collectEvidence } from '../../../src/evidence/collectEvidence.js';
import { diffFileFromPatch } from '../../../src/evidence/parseUnifiedDiff.js';

describe('a modified migration whose full file cannot be read', () => {
  it('tells the framework from the hunk heading, and never calls a migration "not a migration format"', async () => {
    const patch = (heading: string) =>
      [`@@ -20,3 +20,4 @@ ${heading}`, '   operations = [', "+    migrations.RemoveField(model_name='ticket', name='legacy_flag'),", '   ]'].join('\n');
    const withHeading = await collectEvidence([diffFileFromPatch('desk/migrations/0031_ticket.py', 'modified', patch('class Migration(migrations.Migration):'))]);
    expect(withHeading.notes.join('\n')).toMatch(/Only the diff's hunks of desk\/migrations\/0031_ticket\.py \(added and context lines\) were translated/);
    expect(withHeading.notes.join('\n')).not.toMatch(/not a migration format/);
    const bare = await collectEvidence([diffFileFromPatch('desk/migrations/0032_ticket.py', 'modified', patch(''))]);
    expect(bare.notes.join('\n')).toMatch(/only the diff's hunks of desk\/migrations\/0032_ticket\.py were available \(not the full file\), and they do not show which framework/);
    expect(bare.notes.join('\n')).not.toMatch(/not a migration format/);
  });
});
