/**
 * Every YAML file and YAML example this repository ships, parsed the way GitHub and editors parse it: a
 * strict YAML 1.2 parser (the `yaml` package) with duplicate keys refused. A file GitHub cannot parse
 * (action.yml once had an unquoted `: ` in its description) breaks the Action before it runs anything.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Code } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';

const tracked = execFileSync('git', ['ls-files'], { encoding: 'utf8' }).split('\n').filter(Boolean);

interface YamlSource {
  where: string;
  text: string;
}

/** Strict YAML 1.2: errors and warnings (duplicate keys, unknown tags...) as messages with line and column. */
function yamlProblems(text: string): string[] {
  const doc = parseDocument(text, { version: '1.2', strict: true, uniqueKeys: true, prettyErrors: true });
  return [...doc.errors, ...doc.warnings].map((e) => e.message);
}

function parseStrict(text: string): unknown {
  const doc = parseDocument(text, { version: '1.2', strict: true, uniqueKeys: true, prettyErrors: true });
  return doc.toJS();
}

/** ```yaml / ```yml blocks of a Markdown file, with their line. */
function fencedYaml(path: string): YamlSource[] {
  const tree = fromMarkdown(readFileSync(path, 'utf8'), { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const blocks: YamlSource[] = [];
  const visit = (node: { type: string; children?: unknown[] }) => {
    if (node.type === 'code') {
      const code = node as unknown as Code;
      if (code.lang === 'yaml' || code.lang === 'yml') blocks.push({ where: `${path}:${code.position?.start.line ?? 0}`, text: code.value });
    }
    for (const child of (node.children ?? []) as { type: string; children?: unknown[] }[]) visit(child);
  };
  visit(tree);
  return blocks;
}

/** Front matter of a Markdown file (agents are Markdown with YAML front matter). */
function frontMatter(path: string): YamlSource[] {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(readFileSync(path, 'utf8'));
  return match ? [{ where: `${path} (front matter)`, text: match[1]! }] : [];
}

const yamlFiles = tracked.filter((p) => /\.ya?ml$/.test(p) && !p.startsWith('test/fixtures/'));
const markdownFiles = tracked.filter((p) => p.endsWith('.md') && !p.startsWith('test/'));
const sources: YamlSource[] = [
  ...yamlFiles.map((p) => ({ where: p, text: readFileSync(p, 'utf8') })),
  ...markdownFiles.flatMap(fencedYaml),
  ...markdownFiles.filter((p) => p.startsWith('agents/')).flatMap(frontMatter),
];
const workflows: YamlSource[] = [
  ...yamlFiles.filter((p) => p.startsWith('.github/workflows/')).map((p) => ({ where: p, text: readFileSync(p, 'utf8') })),
  // Workflow examples in the docs: a YAML block with `on:` and `jobs:`.
  ...markdownFiles.flatMap(fencedYaml).filter((s) => /^on:/m.test(s.text) && /^jobs:/m.test(s.text)),
];

describe('strict YAML parser', () => {
  it('rejects the old action.yml line 2 (an unquoted ": " inside a plain scalar), and a duplicate key', () => {
    const old = 'name: Agency Architect\ndescription: A senior backend architect on every backend issue and pull request: architecture plans, reviews with evidence, ADRs.\n';
    expect(yamlProblems(old).join('\n')).toMatch(/Nested mappings are not allowed in compact mappings|mapping/i);
    expect(yamlProblems('a: 1\na: 2\n').join('\n')).toMatch(/unique/i);
    expect(yamlProblems('a: 1\nb: "x: y"\n')).toEqual([]);
  });
});

describe('every YAML file and example in the repository', () => {
  it('finds the files and the examples in README.md and docs/', () => {
    const where = sources.map((s) => s.where);
    for (const expected of ['action.yml', 'app.yml', '.github/workflows/agency.yml', '.github/workflows/ci.yml', 'examples/agency.yml']) {
      expect(where).toContain(expected);
    }
    expect(where.some((w) => w.startsWith('README.md:'))).toBe(true);
    expect(where.some((w) => w.startsWith('docs/action.md:'))).toBe(true);
    expect(where.some((w) => w.startsWith('docs/configuration.md:'))).toBe(true);
    expect(workflows.map((w) => w.where.split(':')[0])).toEqual(expect.arrayContaining(['.github/workflows/agency.yml', 'docs/action.md']));
  });

  it.each(sources.map((s) => [s.where, s] as const))('%s parses as strict YAML 1.2', (_where, source) => {
    expect(yamlProblems(source.text)).toEqual([]);
  });
});

describe('action.yml', () => {
  const action = parseStrict(readFileSync('action.yml', 'utf8')) as Record<string, unknown>;

  it('has the metadata GitHub requires: name, description, string input defaults, output descriptions', () => {
    expect(typeof action.name).toBe('string');
    expect(typeof action.description).toBe('string');
    // The description is one sentence with a colon in it: proof that it survived parsing whole.
    expect(action.description).toMatch(/^A senior backend architect .*: architecture plans, .*ADRs\.$/);
    const inputs = action.inputs as Record<string, Record<string, unknown>>;
    expect(Object.keys(inputs).length).toBeGreaterThan(0);
    for (const [name, input] of Object.entries(inputs)) {
      expect(typeof input.description, `input ${name}: description`).toBe('string');
      // Inputs reach the action as strings (INPUT_* variables): a YAML boolean or number default is a trap.
      if ('default' in input) expect(typeof input.default, `input ${name}: default`).toBe('string');
      if ('required' in input) expect(typeof input.required, `input ${name}: required`).toBe('boolean');
    }
    const outputs = action.outputs as Record<string, Record<string, unknown>>;
    expect(Object.keys(outputs).length).toBeGreaterThan(0);
    for (const [name, output] of Object.entries(outputs)) expect(typeof output.description, `output ${name}`).toBe('string');
  });

  it('runs on a Node runtime GitHub offers, from a file committed to git', () => {
    const runs = action.runs as Record<string, unknown>;
    expect(['node20', 'node24']).toContain(runs.using);
    expect(typeof runs.main).toBe('string');
    // GitHub runs the file from the repository at the ref: it must be committed, not only built locally.
    expect(tracked).toContain(runs.main);
  });
});

describe('workflows (the repository\'s own and the documented ones)', () => {
  it.each(workflows.map((w) => [w.where, w] as const))('%s has no concurrency group', (_where, workflow) => {
    // GitHub keeps at most one pending run per concurrency group and cancels the older pending one when a
    // newer one arrives (https://docs.github.com/en/actions/using-jobs/using-concurrency), whatever
    // cancel-in-progress says: any later comment on an issue would silently drop a waiting /agency:adr.
    const parsed = parseStrict(workflow.text) as { concurrency?: unknown; jobs?: Record<string, { concurrency?: unknown }> };
    expect(parsed.concurrency).toBeUndefined();
    for (const [name, job] of Object.entries(parsed.jobs ?? {})) expect(job.concurrency, `job ${name}`).toBeUndefined();
  });
});
