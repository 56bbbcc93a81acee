import { loadAstRules } from '../evidence/ast/loadAstRules.js';
import { rulesById, severitiesOf } from '../evidence/ast/rulesReference.js';

/** `agency rules`: every code rule with its languages, severity and the section of docs/rules.md that explains it. */
export function listRules(format: 'markdown' | 'json'): string {
  const rows = [...rulesById(loadAstRules())].map(([id, files]) => ({
    id,
    title: files[0]?.metadata.title ?? id,
    category: files[0]?.metadata.category ?? '',
    severity: [...new Set(files.flatMap(severitiesOf))].join('/'),
    languages: files.map((f) => f.language),
    doc: `docs/rules.md#${id}`,
  }));
  if (format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
  const lines = ['| Rule | Languages | Severity | What it finds | Doc |', '| --- | --- | --- | --- | --- |'];
  for (const r of rows) lines.push(`| \`${r.id}\` | ${r.languages.join(', ')} | ${r.severity} | ${r.title} | ${r.doc} |`);
  return `${lines.join('\n')}\n`;
}
