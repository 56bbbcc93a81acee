import { lintSource } from '@secretlint/core';
import { creator as recommendedPreset } from '@secretlint/secretlint-rule-preset-recommend';
import type { Finding } from '../domain/findingSchema.js';
import { ruleLink } from '../domain/ruleLink.js';
import { insideEncodedBlob } from './insideEncodedBlob.js';
import { isTestFile } from './isCodeFile.js';
import { lastAtOrBefore } from './lastAtOrBefore.js';
import { maskSecret } from './maskSecret.js';
import { quietSecretlintProfiler } from './quietSecretlintProfiler.js';
import { SECRET_RULE_REFERENCE } from './secretRuleReference.js';
import { introducedAsExample } from './introducedAsExample.js';
import { isExampleOrPlaceholder, PRIVATE_KEY_BEGIN, SECRET_PATTERNS, type SecretPattern } from './secretPatterns.js';

export interface SecretScanFile {
  path: string;
  /** Lines to scan (usually the added lines), with their new-side numbers. */
  lines: readonly { line: number; text: string }[];
}

const SECRETLINT_CONFIG: Parameters<typeof lintSource>[0]['options']['config'] = {
  rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommendedPreset }],
};

const SECRETLINT_NAMES: Record<string, string> = {
  aws: 'AWS credential',
  gcp: 'GCP service account key',
  privatekey: 'private key',
  npm: 'npm token',
  basicauth: 'credentials in a URL',
  slack: 'Slack token',
  sendgrid: 'SendGrid API key',
  shopify: 'Shopify token',
  github: 'GitHub token',
  openai: 'OpenAI API key',
  anthropic: 'Anthropic API key',
  linear: 'Linear API key',
  '1password': '1Password token',
  'database-connection-string': 'database connection string with a password',
};

/** Our doc of the secret rules, and the public page it rests on until our docs are published. */
const OWN_RULE_URL = ruleLink('docs/rules.md#hardcoded-secret', SECRET_RULE_REFERENCE);
const GENERIC_IDS = new Set(['hardcoded-secret/hardcoded-credential', 'hardcoded-secret/url-credentials']);
const ADVICE =
  'Anything pushed is readable by everyone with access to the repository and stays in its history. Revoke and rotate this credential now, remove it from the code, and read it from the environment or a secret manager instead.';

/**
 * Secrets on the given lines: secretlint's recommended rules plus our own token shapes. Every finding is a
 * blocker on its exact line and shows the secret masked, never verbatim.
 */
export async function detectSecrets(files: readonly SecretScanFile[]): Promise<Finding[]> {
  quietSecretlintProfiler();
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const add = (finding: Finding) => {
    const key = `${finding.path}\0${finding.line}`;
    if (seen.has(key)) return;
    seen.add(key);
    findings.push(finding);
  };
  const scanned = files.filter((file) => file.lines.length > 0);
  const fromSecretlint = await secretlintAll(scanned);
  scanned.forEach((file, index) => {
    // One finding per line, the most specific first: our provider shapes name the token, secretlint's
    // rules come next, our generic shapes (passwords, URL credentials) last.
    const ours = patternFindings(file);
    const generic = (f: Finding) => GENERIC_IDS.has(f.source.id);
    const before = findings.length;
    for (const finding of ours.filter((f) => !generic(f))) add(finding);
    for (const finding of fromSecretlint[index] ?? []) add(finding);
    for (const finding of ours.filter(generic)) add(finding);
    findings.splice(before, findings.length - before, ...findings.slice(before).sort((a, b) => (a.line ?? 0) - (b.line ?? 0)));
  });
  return findings;
}

/**
 * Between two files of one secretlint source: a line no rule's pattern reads across (each stops at a
 * newline or at a NUL), so a match never joins the end of one file to the start of the next.
 */
const FILE_SEPARATOR = '\n\u0000\n';

/** The name the shared source goes by: no rule treats it specially (not package.json, .npmrc, .json or .p12). */
const SHARED_SOURCE_NAME = 'added-lines.txt';

/**
 * Whether secretlint must read this file on its own: its rules look at some names (package.json,
 * package-lock.json and .npmrc for npm tokens, .json and .p12 for GCP keys, whose JSON rule parses the whole
 * file), and `secretlint-disable` comments reach to the end of their source.
 */
function readAlone(file: SecretScanFile): boolean {
  const path = file.path.toLowerCase();
  return (
    /(?:package\.json|package-lock\.json|\.npmrc|\.json|\.p12)$/.test(path) ||
    file.lines.some((l) => l.text.includes('secretlint-') || l.text.includes('\u0000'))
  );
}

/**
 * secretlint's findings for each file. The files its rules treat alike are read as ONE source (joined with
 * a separator line), because each `lintSource` call sets up every rule again: on a 200-file diff that set-up
 * cost more than the matching. The others are read one by one, as secretlint would read them.
 */
async function secretlintAll(files: readonly SecretScanFile[]): Promise<Finding[][]> {
  const out: Finding[][] = files.map(() => []);
  const shared: number[] = [];
  for (const [index, file] of files.entries()) {
    if (readAlone(file)) out[index] = (await secretlintFindings([file], file.path))[0] ?? [];
    else shared.push(index);
  }
  if (shared.length === 0) return out;
  const together = await secretlintFindings(
    shared.map((i) => files[i]!),
    SHARED_SOURCE_NAME,
  );
  shared.forEach((i, k) => (out[i] = together[k] ?? []));
  return out;
}

/**
 * secretlint on the files' lines as one source; each message is mapped back to its file and line. A rule
 * crash on a shared source is retried file by file; on one file it yields nothing, so our own patterns'
 * findings are not hidden.
 */
async function secretlintFindings(files: readonly SecretScanFile[], filePath: string): Promise<Finding[][]> {
  const starts: number[] = [];
  const parts: string[] = [];
  let line = 1;
  for (const file of files) {
    starts.push(line);
    parts.push(file.lines.map((l) => l.text).join('\n'));
    // The file's lines, then the separator's own line.
    line += file.lines.length + 1;
  }
  const content = parts.join(FILE_SEPARATOR);
  let result;
  try {
    result = await lintSource({
      source: { content, filePath, contentType: 'text' },
      options: { config: SECRETLINT_CONFIG, maskSecrets: true },
    });
  } catch {
    if (files.length === 1) return [[]]; // A rule crash must not hide our own patterns' findings.
    const alone: Finding[][] = [];
    for (const file of files) alone.push((await secretlintFindings([file], file.path))[0] ?? []);
    return alone;
  }
  // secretlint knows no documentation examples or placeholders: those are dropped here, as for our patterns.
  const real = result.messages.filter((message) => {
    const text = matchedText(content, message.range);
    return !isExampleOrPlaceholder(text) && !insideEncodedBlob(content, message.range[0], message.range[0] + text.length) && !introducedAsExample(content, message.range[0]);
  });
  const out: Finding[][] = files.map(() => []);
  for (const message of real) {
    const at = message.loc.start.line;
    const index = lastAtOrBefore(starts, at);
    const file = files[index];
    if (!file) continue;
    const lineNumber = file.lines[at - (starts[index] ?? 1)]?.line ?? null;
    const shortId = message.ruleId.replace(/^@secretlint\/secretlint-rule-/, '');
    const name = SECRETLINT_NAMES[shortId] ?? `secret (${shortId})`;
    const masked = maskSecret(matchedText(content, message.range));
    out[index]!.push(
      secretFinding(file.path, lineNumber, name, masked, {
        kind: 'secretlint',
        id: message.ruleId,
        url: message.docsUrl ?? null,
      }),
    );
  }
  return out;
}

/**
 * What a secretlint message points at, carried to the end of its token: some rules report a range that
 * stops short of the value (the AWS rule's covers the name and the first part of the key), which would
 * hide a `...SAMPLEKEY` ending from the placeholder check.
 */
function matchedText(content: string, range: readonly [number, number]): string {
  let end = range[1];
  while (end < content.length && /[A-Za-z0-9/+=_.-]/.test(content.charAt(end))) end++;
  return content.slice(range[0], end);
}

function patternFindings(file: SecretScanFile): Finding[] {
  const out: Finding[] = [];
  const inTest = isTestFile(file.path);
  // Each pattern searched once over the whole file first; only those found there are tried line by line
  // (most patterns find nothing in most files, and 40,000 lines × every pattern was most of the scan).
  const whole = file.lines.map((l) => l.text).join('\n');
  const patterns = SECRET_PATTERNS.filter((p) => p.report && !(p.skipInTests && inTest) && inText(p, whole));
  const privateKey = whole.includes('PRIVATE KEY');
  file.lines.forEach(({ line, text }, index) => {
    if (privateKey && text.includes('PRIVATE KEY') && hasKeyMaterial(file.lines, index)) {
      out.push(secretFinding(file.path, line, 'private key', '[REDACTED]', ownSource('private-key')));
    }
    for (const pattern of patterns) {
      const secret = firstSecret(pattern, text);
      if (secret !== undefined) out.push(secretFinding(file.path, line, pattern.name, maskSecret(secret), ownSource(pattern.id)));
    }
  });
  return out;
}

/**
 * A BEGIN marker followed by key material (on its line, JSON-escaped, or on the next lines): code that
 * only mentions the marker, such as a format check, is not a leaked key.
 */
function hasKeyMaterial(lines: SecretScanFile['lines'], index: number): boolean {
  const first = lines[index] as SecretScanFile['lines'][number];
  const begin = new RegExp(PRIVATE_KEY_BEGIN.source).exec(first.text);
  if (!begin) return false;
  let text = first.text.slice(begin.index + begin[0].length);
  // PGP blocks put armor headers (`Version:`, `Comment:`) and a blank line before the key material.
  for (let i = index + 1; i <= index + 6 && lines[i]?.line === (lines[i - 1]?.line ?? 0) + 1; i++) text += `\n${lines[i]?.text}`;
  return /[A-Za-z0-9+/]{40,}/.test(text);
}

/**
 * The pattern in multiline mode (`^` and `$` at each line's edges), for searching a file's lines joined by
 * newlines: whatever it finds on one line it finds in the joined text, as long as it looks behind nothing
 * and no lookahead of it refuses a newline (secretPatterns.test checks both of every pattern). It may find
 * more (across a line end): the lines are then searched one by one as before.
 */
const MULTILINE = new Map<SecretPattern, RegExp>();

function inText(pattern: SecretPattern, text: string): boolean {
  let re = MULTILINE.get(pattern);
  if (!re) MULTILINE.set(pattern, (re = new RegExp(pattern.regex.source, pattern.regex.flags.replace('g', '').replace('m', '') + 'm')));
  return re.test(text);
}

/** exec with lastIndex rather than matchAll: matchAll clones the regex, which costs more than the match on 40k lines. */
function firstSecret(pattern: SecretPattern, text: string): string | undefined {
  const re = pattern.regex;
  re.lastIndex = 0;
  try {
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const secret = m.groups?.secret ?? m[0];
      const at = m.index + m[0].lastIndexOf(secret);
      if ((!pattern.accept || pattern.accept(secret, m[0])) && !isExampleOrPlaceholder(secret) && !insideEncodedBlob(text, at, at + secret.length) && !introducedAsExample(text, at)) return secret;
    }
    return undefined;
  } finally {
    re.lastIndex = 0;
  }
}

function ownSource(patternId: string): Finding['source'] {
  // One documented rule for all our token shapes; the pattern id says which shape matched.
  return { kind: 'rule', id: `hardcoded-secret/${patternId}`, url: OWN_RULE_URL };
}

function secretFinding(path: string, line: number | null, name: string, masked: string, source: Finding['source']): Finding {
  return {
    severity: 'blocker',
    category: 'security',
    title: `Hardcoded secret: ${name}`,
    body: `Found on this line: ${name} \`${masked}\`. ${ADVICE}`,
    path,
    line,
    endLine: null,
    suggestion: null,
    source,
  };
}
