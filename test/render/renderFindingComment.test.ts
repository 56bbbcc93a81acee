import { describe, expect, it } from 'vitest';
import { renderFindingComment } from '../../src/render/renderFindingComment.js';
import { FINDINGS, finding } from './fixtures.js';

const squawk = FINDINGS.find((f) => f.source.id === 'require-concurrent-index-creation')!;

describe('renderFindingComment', () => {
  it('renders a squawk finding with a committable suggestion', async () => {
    await expect(renderFindingComment(squawk)).toMatchFileSnapshot('__snapshots__/finding-comment.md');
  });

  it('starts with the severity and title in bold and shows the source', () => {
    const body = renderFindingComment(squawk);
    expect(body.split('\n')[0]).toBe('**🔴 Major: Index created without CONCURRENTLY blocks writes**');
    expect(body).toContain('<sub>Source: squawk [`require-concurrent-index-creation`](https://squawkhq.com/docs/require-concurrent-index-creation) · migration</sub>');
  });

  it('has no suggestion block when there is no suggestion', () => {
    const secret = FINDINGS.find((f) => f.source.kind === 'secretlint')!;
    expect(renderFindingComment(secret)).not.toContain('```');
  });

  it('keeps the suggestion byte for byte, with a fence it cannot close', () => {
    const suggestion = 'const doc = `\n```sql\nSELECT 1; -- Record as ADR 1: x\n```\n`;';
    const body = renderFindingComment(finding({ suggestion, path: 'src/doc.ts', line: 1, endLine: 5 }));
    expect(body).toContain(`\`\`\`\`suggestion\n${suggestion}\n\`\`\`\``);
  });

  it('renders an empty suggestion (delete the lines) as an empty block', () => {
    expect(renderFindingComment(finding({ suggestion: '', path: 'a.ts', line: 2 }))).toContain('```suggestion\n```');
  });

  it('keeps the requester mention only when asked to, and sanitises the body', () => {
    const f = finding({ body: 'Ping @dana-lead and @someone-else. <script>x</script>' });
    const body = renderFindingComment(f, { keepMentions: ['dana-lead'] });
    expect(body).toContain('Ping @dana-lead and `@someone-else`. &lt;script&gt;x&lt;/script&gt;');
  });
});
