import { describe, expect, it } from 'vitest';
import { collectEvidence } from '../../../src/evidence/collectEvidence.js';
import { djangoPriorFields } from '../../../src/evidence/migrations/djangoFields.js';
import { at, newFile } from '../diffHelpers.js';

const repo: Record<string, string> = {
  'billing/migrations/0001_initial.py': [
    'from django.db import migrations, models',
    'class Migration(migrations.Migration):',
    '    initial = True',
    '    dependencies = []',
    '    operations = [',
    '        migrations.CreateModel(name="Invoice", fields=[',
    '            ("id", models.BigAutoField(primary_key=True)),',
    '            ("memo", models.CharField(max_length=80, null=True)),',
    '            ("cents", models.IntegerField()),',
    '        ]),',
    '    ]',
  ].join('\n'),
  'billing/migrations/0002_invoice_ref.py': [
    'from django.db import migrations, models',
    'class Migration(migrations.Migration):',
    '    dependencies = [("billing", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]',
    '    operations = [',
    '        migrations.AddField(model_name="invoice", name="ref", field=models.SlugField(max_length=40, null=True)),',
    '        migrations.RenameField(model_name="invoice", old_name="cents", new_name="amount_cents"),',
    '    ]',
  ].join('\n'),
};
const read = async (path: string) => repo[path];

const alter = (ops: string[]) => [
  'from django.db import migrations, models',
  'class Migration(migrations.Migration):',
  '    dependencies = [("billing", "0002_invoice_ref")]',
  '    operations = [',
  ...ops.map((o) => `        ${o}`),
  '    ]',
];

describe('Django AlterField against the field as the app\'s earlier migrations left it', () => {
  it('follows CreateModel, AddField and RenameField through the dependency chain of the same app', async () => {
    const states = await djangoPriorFields('billing/migrations/0003_x.py', alter([]).join('\n'), read);
    expect([...(states?.entries() ?? [])].map(([k, f]) => `${k} ${f.type}${f.nullable ? ' null' : ''}`)).toEqual([
      'invoice.id bigint',
      'invoice.memo varchar(80) null',
      'invoice.ref varchar(40) null',
      'invoice.amount_cents integer',
    ]);
  });

  it('reports nothing for an AlterField that changes no column (help_text), and the type change when there is one', async () => {
    const ops = [
      'migrations.AlterField(model_name="invoice", name="memo", field=models.CharField(max_length=80, null=True, help_text="Shown on the PDF")),',
      'migrations.AlterField(model_name="invoice", name="amount_cents", field=models.BigIntegerField()),',
      'migrations.AlterField(model_name="invoice", name="ref", field=models.SlugField(max_length=40)),',
    ];
    const { findings } = await collectEvidence([newFile('billing/migrations/0003_tune_invoice.py', alter(ops))], { readFile: read });
    expect(at(findings)).toEqual(['6 changing-column-type', '7 adding-not-nullable-field']);
  });

  it('keeps the cautious reading when the earlier migrations cannot be read', async () => {
    const ops = ['migrations.AlterField(model_name="invoice", name="memo", field=models.CharField(max_length=80, help_text="Shown on the PDF")),'];
    const { findings } = await collectEvidence([newFile('billing/migrations/0003_tune_invoice.py', alter(ops))], { readFile: async () => undefined });
    expect(at(findings)).toEqual(['5 adding-not-nullable-field', '5 changing-column-type']);
  });
});
