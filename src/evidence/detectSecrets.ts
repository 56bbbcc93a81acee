import { lintSource } from '@secretlint/core';
import { creator as recommendedPreset } from '@secretlint/secretlint-rule-preset-recommend';
import type { Finding } from '../domain/findingSchema.js';
import { isTestFile } from './isCodeFile.js';
import { maskSecret } from './maskSecret.js';
import { quietSecretlintProfiler } from './quietSecretlintProfiler.js';
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

const OWN_RULE_URL = 'docs/rules.md#hardcoded-secret';
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
  for (const file of files) {
    if (file.lines.length === 0) continue;
    // One source per file (the lines joined) keeps secretlint to one pass per file instead of per line.
    const content = file.lines.map((l) => l.text).join('\n');
    // One finding per line, the most specific first: our provider shapes name the token, secretlint's
    // rules come next, our generic shapes (passwords, URL credentials) last.
    const ours = patternFindings(file);
    const generic = (f: Finding) => GENERIC_IDS.has(f.source.id);
    const before = findings.length;
    for (const finding of ours.filter((f) => !generic(f))) add(finding);
    for (const finding of await secretlintFindings(file, content)) add(finding);
    for (const finding of ours.filter(generic)) add(finding);
    findings.splice(before, findings.length - before, ...findings.slice(before).sort((a, b) => (a.line ?? 0) - (b.line ?? 0)));
  }
  return findings;
}

async function secretlintFindings(file: SecretScanFile, content: string): Promise<Finding[]> {
  let result;
  try {
    result = await lintSource({
      source: { content, filePath: file.path, contentType: 'text' },
      options: { config: SECRETLINT_CONFIG, maskSecrets: true },
    });
  } catch {
    return []; // A rule crash must not hide our own patterns' findings.
  }
  // secretlint knows no documentation examples or placeholders: those are dropped here, as for our patterns.
  const real = result.messages.filter((message) => !isExampleOrPlaceholder(matchedText(content, message.range)));
  return real.map((message) => {
    const line = file.lines[message.loc.start.line - 1]?.line ?? null;
    const shortId = message.ruleId.replace(/^@secretlint\/secretlint-rule-/, '');
    const name = SECRETLINT_NAMES[shortId] ?? `secret (${shortId})`;
    const masked = maskSecret(matchedText(content, message.range));
    return secretFinding(file.path, line, name, masked, {
      kind: 'secretlint',
      id: message.ruleId,
      url: message.docsUrl ?? null,
    });
  });
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
  file.lines.forEach(({ line, text }, index) => {
    if (text.includes('PRIVATE KEY') && hasKeyMaterial(file.lines, index)) {
      out.push(secretFinding(file.path, line, 'private key', '[REDACTED]', ownSource('private-key')));
    }
    for (const pattern of SECRET_PATTERNS) {
      if (!pattern.report || (pattern.skipInTests && inTest)) continue;
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

/** exec with lastIndex rather than matchAll: matchAll clones the regex, which costs more than the match on 40k lines. */
function firstSecret(pattern: SecretPattern, text: string): string | undefined {
  const re = pattern.regex;
  re.lastIndex = 0;
  try {
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const secret = m.groups?.secret ?? m[0];
      if ((!pattern.accept || pattern.accept(secret)) && !isExampleOrPlaceholder(secret)) return secret;
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
