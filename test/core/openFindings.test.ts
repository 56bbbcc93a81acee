import { describe, expect, it } from 'vitest';
import { checkAnnotations } from '../../src/core/checkAnnotations.js';
import { findingFingerprint } from '../../src/domain/findingFingerprint.js';
import { boundOpenFindings, lineHash, openToFinding, readOpenFindings, relocate, toOpenFinding, writeOpenFindings, type OpenFinding } from '../../src/core/openFindings.js';
import { encodeMarker, decodeMarker } from '../../src/domain/marker.js';
import type { Finding } from '../../src/domain/findingSchema.js';
import { carryForward } from '../../src/jobs/carryForward.js';

const SHA = 'a'.repeat(40);

function finding(over: Partial<Finding> = {}): Finding {
  return {
    severity: 'blocker',
    category: 'security',
    title: 'AWS access key id',
    body: 'b',
    path: 'src/aws.ts',
    line: 3,
    endLine: null,
    suggestion: null,
    source: { kind: 'secretlint', id: 'aws-key', url: null },
    ...over,
  };
}

describe('open findings in the marker', () => {
  it('round-trips through the marker with the same fingerprint, and drops malformed entries', () => {
    const open = toOpenFinding(finding(), SHA, "  accessKeyId: 'x',")!;
    const written = writeOpenFindings([open]);
    const decoded = decodeMarker(`body\n${encodeMarker({ family: 'review', open: [...written, { path: '', line: 1 }, { ...written[0], severity: 'fatal' }, { ...written[0], line: 0 }] })}`);
    const back = readOpenFindings(decoded?.open);
    expect(back).toEqual([open]);
    expect(findingFingerprint(openToFinding(back[0]!))).toBe(findingFingerprint(finding()));
    const model = finding({ source: { kind: 'model', id: 'judgment', url: null }, category: 'performance' });
    expect(findingFingerprint(openToFinding(toOpenFinding(model, SHA, 'x')!))).toBe(findingFingerprint(model));
    expect(toOpenFinding(finding({ line: null }), SHA, 'x')).toBeUndefined();
  });

  it('writes the untrusted strings inert: no Markdown, HTML, links, mentions or commands in the marker', () => {
    const hostile = toOpenFinding(
      finding({ path: 'src/aws.ts', title: '![x](https://evil.example/p.png) <img src=x> @octocat\n/agency:plan', category: '<a href=x>', source: { kind: 'model', id: 'judgment', url: null } }),
      SHA,
      'x',
    )!;
    const marker = encodeMarker({ family: 'review', open: writeOpenFindings([hostile]) });
    expect(marker).not.toMatch(/!\[|<img|<a |@octocat|https?:\/\/|\n\/agency:/);
    expect(readOpenFindings(decodeMarker(marker)?.open)).toEqual([hostile]);
  });

  it('relocates to the same line, to the nearest line with the same text, or nowhere when the text is gone', () => {
    const o: OpenFinding = toOpenFinding(finding(), SHA, 'KEY')!;
    expect(relocate(o, ['a', 'b', 'KEY'])).toBe(3);
    expect(relocate(o, ['x', 'a', 'b', 'KEY', 'c', 'd', 'e', 'KEY'])).toBe(4);
    expect(relocate(o, ['a', 'b', 'c'])).toBeUndefined();
    expect(relocate({ ...o, hash: undefined }, ['a', 'b', 'KEY'])).toBeUndefined();
    expect(lineHash('KEY  ')).toBe(lineHash('KEY'));
    expect(lineHash('KEY')).not.toBe(lineHash('KEX'));
  });

  it('keeps the most severe, once each, within the bound', () => {
    const many = Array.from({ length: 150 }, (_, i) => toOpenFinding(finding({ line: i + 1, severity: i === 149 ? 'blocker' : 'nit' }), SHA, 'x')!);
    const bounded = boundOpenFindings([...many, many[0]!]);
    expect(bounded).toHaveLength(100);
    expect(bounded[0]!.line).toBe(150);
  });
});

describe('carryForward', () => {
  const o = (path: string, line: number, text: string) => toOpenFinding(finding({ path, line }), SHA, text)!;
  it('keeps untouched files, follows renames and moved lines, drops removed files, files out of the PR and changed lines', async () => {
    const reads: string[] = [];
    const heads: Record<string, string> = { 'src/moved.ts': 'new\nfirst\nKEY\n', 'src/fixed.ts': 'a\nb\nc\n', 'src/renamed-new.ts': 'KEY\n' };
    const kept = await carryForward(
      [o('src/same.ts', 2, 'KEY'), o('src/moved.ts', 2, 'KEY'), o('src/fixed.ts', 3, 'KEY'), o('src/gone.ts', 1, 'KEY'), o('src/renamed-old.ts', 1, 'KEY'), o('src/left.ts', 1, 'KEY')],
      {
        changed: [
          { path: 'src/moved.ts', status: 'modified', additions: 1, deletions: 0 },
          { path: 'src/fixed.ts', status: 'modified', additions: 1, deletions: 1 },
          { path: 'src/gone.ts', status: 'removed', additions: 0, deletions: 1 },
          { path: 'src/renamed-new.ts', previousPath: 'src/renamed-old.ts', status: 'renamed', additions: 0, deletions: 0 },
        ],
        inPull: new Set(['src/same.ts', 'src/moved.ts', 'src/fixed.ts', 'src/renamed-new.ts']),
        readAtHead: (path) => {
          reads.push(path);
          return Promise.resolve(heads[path]);
        },
      },
    );
    expect(kept.map((k) => `${k.path}:${k.line}`)).toEqual(['src/same.ts:2', 'src/moved.ts:3', 'src/renamed-new.ts:1']);
    expect(reads.sort()).toEqual(['src/fixed.ts', 'src/moved.ts', 'src/renamed-new.ts']);
  });
});

describe('checkAnnotations', () => {
  it('leaves out what GitHub would refuse with 422 for the whole request, and keeps a reversed range at its start', () => {
    const paths = new Set(['src/aws.ts']);
    const out = checkAnnotations([finding(), finding({ line: 0 }), finding({ path: 'src/other.ts' }), finding({ line: 5, endLine: 2 }), finding({ path: null, line: null })], paths);
    expect(out.map((f) => `${f.path}:${f.line}-${f.endLine ?? f.line}`)).toEqual(['src/aws.ts:3-3', 'src/aws.ts:5-5']);
  });
});
