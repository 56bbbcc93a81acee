import { describe, expect, it } from 'vitest';
import { parseAdrFile } from '../../src/adr/parseAdrFile.js';
import { renderAdrFile } from '../../src/adr/renderAdrFile.js';
import { ADR_STATUSES } from '../../src/domain/adrSchema.js';
import { adrFixture } from './adrFixture.js';

const ADR_TOOLS = `# 2. Use Kafka for order events

Date: 2023-06-01

## Status

Superseded by [5. Use PostgreSQL outbox](0005-use-postgresql-outbox.md)

Supersedes [1. Record architecture decisions](0001-record-architecture-decisions.md)

## Context

Orders must reach the warehouse.

## Decision

We will publish order events to **Kafka**.

## Consequences

A cluster to run.
`;

const MADR_NO_FRONT_MATTER = `# Use Markdown Architectural Decision Records

* Status: accepted
* Deciders: team
* Date: 2021-02-03

## Context and Problem Statement

We want to record decisions.

## Decision Outcome

Chosen option: "MADR 2.1.2", because it is lean.

### Positive Consequences

* Structure.
`;

describe('parseAdrFile', () => {
  it('reads back what renderAdrFile writes', () => {
    for (const status of ADR_STATUSES) {
      const text = renderAdrFile(adrFixture, { number: 42, status, date: '2024-12-31', deciders: ['alice'], links: {}, supersededBy: [43] });
      const parsed = parseAdrFile('.agency/decisions/0042-use-postgresql.md', text);
      expect(parsed).toMatchObject({ number: 42, title: adrFixture.title, status, date: '2024-12-31', deciders: ['alice'], supersededBy: [43] });
      expect(parsed.decision).toBe('Chosen option: PostgreSQL. It gives transactions and the team knows it.');
    }
  });

  it('reads adr-tools files', () => {
    expect(parseAdrFile('doc/adr/0002-use-kafka-for-order-events.md', ADR_TOOLS)).toEqual({
      path: 'doc/adr/0002-use-kafka-for-order-events.md',
      number: 2,
      title: 'Use Kafka for order events',
      status: 'superseded',
      date: '2023-06-01',
      decision: 'We will publish order events to Kafka.',
      supersedes: [1],
      supersededBy: [5],
    });
  });

  it('reads MADR without front matter, numbering from the file name', () => {
    expect(parseAdrFile('docs/decisions/0000-use-markdown-architectural-decision-records.md', MADR_NO_FRONT_MATTER)).toEqual({
      path: 'docs/decisions/0000-use-markdown-architectural-decision-records.md',
      number: 0,
      title: 'Use Markdown Architectural Decision Records',
      status: 'accepted',
      date: '2021-02-03',
      decision: 'Chosen option: "MADR 2.1.2", because it is lean.',
    });
  });

  it('reads MADR 4 front matter with decision-makers and a date parsed as YAML', () => {
    const text = '---\nstatus: Approved\ndate: 2024-05-06\ndecision-makers: [carol, dan]\n---\n\n# ADR-0009: Use OpenTelemetry\n\n## Decision Outcome\n\nChosen option: OTel.\n';
    expect(parseAdrFile('adr/use-otel.md', text)).toEqual({
      path: 'adr/use-otel.md',
      number: 9,
      title: 'Use OpenTelemetry',
      status: 'accepted',
      date: '2024-05-06',
      decision: 'Chosen option: OTel.',
      deciders: ['carol', 'dan'],
    });
  });

  it('ignores headings inside code fences and CRLF line endings', () => {
    const text = '# 3. Real title\r\n\r\n```md\r\n# 9. Fake title\r\n## Decision\r\nfake\r\n```\r\n\r\n## Decision\r\n\r\nReal decision.\r\n';
    expect(parseAdrFile('x.md', text)).toMatchObject({ number: 3, title: 'Real title', decision: 'Real decision.' });
  });

  it('summarises a long decision to a bounded length', () => {
    const text = `# 1. T\n\n## Decision\n\n${'word '.repeat(300)}`;
    const decision = parseAdrFile('0001-t.md', text).decision ?? '';
    expect(decision.length).toBeLessThanOrEqual(401);
    expect(decision.endsWith('…')).toBe(true);
  });

  it('keeps an unknown status word as written, lower-cased', () => {
    expect(parseAdrFile('0001-t.md', '# T\n\n## Status\n\nParked until Q3\n').status).toBe('parked');
    expect(parseAdrFile('0001-t.md', '# T\n\n## Status\n\nDraft\n').status).toBe('proposed');
  });

  it('never throws on garbage and returns what it can', () => {
    const inputs: unknown[] = [
      '',
      '---\n: : : [\n---\n# 4. Still a title\n',
      '---\ntitle: [unclosed\n',
      '---\ntitle: 123\nnumber: -5\nstatus: [a, b]\ndate: not-a-date\ndeciders: {a: 1}\nsupersedes: nope\n---\n',
      '---js\nmodule.exports = { title: require("child_process").execSync("id").toString() }\n---\n# 5. JS front matter\n',
      '---\na: &a [*a, *a]\nb: &b [*a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c]\n---\n',
      '\u0000\u0001\u0002binary\uFFFD\uD800',
      '#'.repeat(10_000),
      `---\n${'x: y\n'.repeat(50_000)}---\n`,
      null,
      42,
    ];
    for (const input of inputs) {
      const parsed = parseAdrFile('docs/adr/0004-x.md', input as string);
      expect(parsed.path).toBe('docs/adr/0004-x.md');
      expect(parsed.number).toBe(4);
    }
    expect(parseAdrFile('a.md', '---\n: : : [\n---\n# 4. Still a title\n').title).toBe('Still a title');
    expect(parseAdrFile('a.md', '---\ntitle: 123\nnumber: -5\nstatus: [a, b]\ndate: not-a-date\n---\n')).toEqual({ path: 'a.md', title: '123' });
    const js = parseAdrFile('a.md', '---js\nmodule.exports = { title: "evil" }\n---\n# 5. JS front matter\n');
    expect(js.title).toBe('JS front matter');
  });
});
