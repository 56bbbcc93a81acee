import { expect } from 'vitest';
import type { RecordedRequest } from '../support/fakeGitHub.js';
import type { TestApp } from '../support/startTestApp.js';
import { allCanaries } from './canaries.js';
import { loadAstRules } from '../../src/evidence/ast/loadAstRules.js';
import { MIGRATION_RULE_REFERENCES } from '../../src/evidence/migrations/migrationRules.js';
import { SECRET_RULE_REFERENCE } from '../../src/evidence/secretRuleReference.js';
import { TROJAN_SOURCE_REFERENCE } from '../../src/security/trojanSourceFinding.js';

/** Every page our own evidence may link (as sourceLabel writes it): the references its rules cite. */
const EVIDENCE_REFERENCES = [
  ...loadAstRules().map((r) => r.metadata.reference),
  ...Object.values(MIGRATION_RULE_REFERENCES),
  SECRET_RULE_REFERENCE,
  TROJAN_SOURCE_REFERENCE,
].map((u) => new URL(u).href.replace(/\(/g, '%28').replace(/\)/g, '%29'));

const ADR_DIR = '.agency/decisions/';
const ADR_REF = /^(refs\/)?heads\/agency\/adr-[\w.-]+$|^agency\/adr-[\w.-]+$|^refs\/agency\/adr-numbers\/\d+$/;

function params(template: string, path: string): Record<string, string> {
  const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const re = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{\w+\\?\}/g, '(.+?)')}$`);
  const m = re.exec(path);
  return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m?.[i + 1] ?? '')]));
}

/**
 * Every write the app made is allowed: comments, edits of its own comments, reactions, reviews and check
 * runs on the triggering issue or PR only, in the seeded repository; git writes only to ADR branches and
 * the ADR directory. Returns the list of writes (for extra checks).
 */
export function expectOnlyAllowedWrites(a: TestApp, target: number, triggerCommentIds: number[] = []): RecordedRequest[] {
  const writes = a.gh.writes();
  for (const w of writes) {
    const where = `${w.method} ${w.path} ${String(JSON.stringify(w.body ?? null)).slice(0, 200)}`;
    const template = w.template ?? '';
    if (template === '/app/installations/{installation_id}/access_tokens') continue;
    const p = params(template, w.path);
    expect(`${p.owner}/${p.repo}`, where).toBe(`${a.owner}/${a.repo}`);
    const body = (w.body ?? {}) as Record<string, unknown>;
    switch (`${w.method} ${template}`) {
      case 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments':
        expect(Number(p.issue_number), where).toBe(target);
        break;
      case 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}': {
        const comment = a.gh.comments(a.owner, a.repo, target).find((c) => c.id === Number(p.comment_id));
        expect(comment, `edited comment is on #${target}: ${where}`).toBeDefined();
        expect(comment!.user.login, where).toBe(a.gh.botLogin);
        break;
      }
      case 'POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions':
        expect(triggerCommentIds, where).toContain(Number(p.comment_id));
        break;
      case 'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews':
        expect(Number(p.pull_number), where).toBe(target);
        break;
      case 'POST /repos/{owner}/{repo}/check-runs':
        break;
      case 'POST /repos/{owner}/{repo}/git/refs':
        expect(String(body.ref), where).toMatch(ADR_REF);
        break;
      case 'PATCH /repos/{owner}/{repo}/git/refs/{ref}':
        expect(p.ref, where).toMatch(ADR_REF);
        break;
      case 'PUT /repos/{owner}/{repo}/contents/{path}':
        expect(p.path!.startsWith(ADR_DIR) && !p.path!.includes('..'), where).toBe(true);
        expect(String(body.branch), where).toMatch(ADR_REF);
        break;
      case 'POST /repos/{owner}/{repo}/git/blobs':
      case 'POST /repos/{owner}/{repo}/git/commits':
        break;
      case 'POST /repos/{owner}/{repo}/git/trees':
        for (const entry of (body.tree as { path: string }[]) ?? []) expect(entry.path.startsWith(ADR_DIR) && !entry.path.includes('..'), where).toBe(true);
        break;
      case 'POST /repos/{owner}/{repo}/pulls':
        expect(String(body.head), where).toMatch(ADR_REF);
        break;
      default:
        expect.fail(`unexpected write: ${where}`);
    }
  }
  return writes;
}

/** No canary (token shapes, the app's keys) in any model request, GitHub write or log line. */
export function expectNoCanaries(a: TestApp, logLines: string[]): void {
  const places = [
    ...(a.claude?.accepted() ?? []).map((r, i) => ({ where: `model request ${i}`, text: JSON.stringify(r.body) })),
    ...a.gh.writes().map((w) => ({ where: `${w.method} ${w.path}`, text: JSON.stringify(w.body ?? '') })),
    ...logLines.map((line, i) => ({ where: `log line ${i}`, text: line })),
  ];
  for (const { name, value } of allCanaries()) {
    // JSON escapes `/` nowhere but newlines in keys: compare both raw and JSON-escaped forms.
    const forms = [value, JSON.stringify(value).slice(1, -1)];
    for (const { where, text } of places) {
      for (const form of forms) expect(text.includes(form), `${name} found in ${where}`).toBe(false);
    }
  }
}

/** Texts the app posted as Markdown: comment bodies, review bodies and inline comments, check-run summaries. */
export function postedMarkdown(a: TestApp): string[] {
  const out: string[] = [];
  for (const w of a.gh.writes()) {
    const body = (w.body ?? {}) as { body?: unknown; comments?: { body?: unknown }[]; output?: { summary?: unknown; text?: unknown } };
    if (typeof body.body === 'string') out.push(body.body);
    for (const c of body.comments ?? []) if (typeof c.body === 'string') out.push(c.body);
    if (typeof body.output?.summary === 'string') out.push(body.output.summary);
    if (typeof body.output?.text === 'string') out.push(body.output.text);
  }
  return out;
}

/** Code blocks and spans removed: what remains is what GitHub renders as Markdown/HTML. */
function outsideCode(text: string): string {
  return text.replace(/^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^ {0,3}\1[`~]*[ \t]*$|(?![\s\S]))/gm, '').replace(/(`+)[\s\S]*?\1/g, '').replace(/<code>[\s\S]*?<\/code>/g, '');
}

/** The model's hostile output neutralised: no images, raw HTML, foreign links, stray mentions, command lines or forged markers. */
export function expectNeutralised(a: TestApp, requester?: string): void {
  for (const text of postedMarkdown(a)) {
    const rendered = outsideCode(text);
    const show = text.slice(0, 600);
    expect(rendered, show).not.toMatch(/!\[/);
    expect(rendered, show).not.toMatch(/<(img|a|script|iframe|div|span)\b/i);
    // Links the model wrote survive only into the repository; the evidence links only the docs its own rules cite.
    for (const m of rendered.matchAll(/\]\(\s*<?(https?:\/\/[^\s)>]+)/gi)) {
      if (/^https:\/\/(github\.com|squawkhq\.com)\//i.test(m[1]!)) continue;
      expect(EVIDENCE_REFERENCES, `link ${m[1]} in ${show}`).toContain(m[1]);
    }
    expect(rendered, show).not.toMatch(/<https?:\/\/(?!github\.com\/acme\/api\/)/i);
    const evil = rendered.search(/https?:\/\/evil\.example/i);
    expect(evil, `evil.example at: ${rendered.slice(Math.max(0, evil - 300), evil + 100)}`).toBe(-1);
    expect(rendered, show).not.toMatch(/^\s*\/agency:/m);
    for (const m of rendered.replace(/<!--[\s\S]*?-->/g, '').matchAll(/(?<![\w`])@([A-Za-z0-9][\w-]*)/g)) {
      expect([requester?.toLowerCase()], `mention @${m[1]} in ${rendered.slice(Math.max(0, m.index - 300), m.index + 100)}`).toContain(m[1]!.toLowerCase());
    }
    expect(rendered.split('<!-- agency-architect:').length - 1, show).toBeLessThanOrEqual(1);
  }
}

export async function expectHealthy(a: TestApp): Promise<void> {
  const res = await fetch(`${a.url}/healthz`);
  expect(res.status).toBe(200);
}
