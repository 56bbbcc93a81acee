import { describe, expect, it } from 'vitest';
import { collectEvidence } from '../../../src/evidence/collectEvidence.js';
import { at, newFile } from '../diffHelpers.js';

// Shapes met in public projects' migrations (a reality check of the translators), each written anew.

describe('Django shapes from real migrations', () => {
  const migration = (ops: string[]) => [
    'from django.db import migrations, models',
    'import mptt.fields',
    '',
    'class Migration(migrations.Migration):',
    "    dependencies = [('shop', '0007_prev')]",
    '    operations = [',
    ...ops,
    '    ]',
  ];

  it('reads a library key field (TreeForeignKey, FlexibleForeignKey) as a foreign key', async () => {
    const body = migration([
      "        migrations.AddField(model_name='category', name='parent', field=mptt.fields.TreeForeignKey(null=True, on_delete=models.CASCADE, to='shop.category')),",
    ]);
    const { findings } = await collectEvidence([newFile('shop/migrations/0008_category_parent.py', body)]);
    expect(at(findings)).toEqual(['7 adding-foreign-key-constraint', '7 require-concurrent-index-creation']);
  });

  it("adds a NOT NULL string field with blank=True and no default with Django's '' (then dropped), not as a required field", async () => {
    const body = migration(["        migrations.AddField(model_name='category', name='notes', field=models.TextField(blank=True)),"]);
    const { findings } = await collectEvidence([newFile('shop/migrations/0009_category_notes.py', body)]);
    expect(at(findings)).toEqual(['7 not-null-without-database-default']);
  });
});

describe('Django AlterField without the earlier migrations', () => {
  it('says the type change it reports is assumed, not read', async () => {
    const body = [
      'from django.db import migrations, models',
      '',
      'class Migration(migrations.Migration):',
      "    dependencies = [('shop', '0011_prev')]",
      '    operations = [',
      "        migrations.AlterField(model_name='coupon', name='code', field=models.CharField(max_length=40)),",
      '    ]',
    ];
    const { findings } = await collectEvidence([newFile('shop/migrations/0012_coupon_code.py', body)]);
    expect(at(findings)).toEqual(['6 adding-not-nullable-field', '6 changing-column-type']);
    for (const f of findings) expect(f.body).toMatch(/was not found, so a type change and SET NOT NULL are assumed/);
  });
});
