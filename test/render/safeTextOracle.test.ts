import type { Nodes } from 'mdast';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/markdown/parseMarkdown.js';
import { walk } from '../../src/markdown/markdownTree.js';
import { safeLine, safeText } from '../../src/render/safeText.js';

/**
 * The real parser is the oracle: what safeText returns is parsed as GitHub will parse it (GFM), with our
 * footer after it, and the tree must hold nothing that renders as an image, HTML, a link off the allowed
 * prefix, a live mention or a command line, and the footer must still be a paragraph of its own.
 */
const REPO = 'https://github.com/octo/shop';
const FOOTER = 'FOOTER-LINE';

function problems(output: string, keep: string[] = []): string[] {
  const found: string[] = [];
  const tree = parseMarkdown(`${output}\n\n${FOOTER}`);
  walk(tree, (node: Nodes) => {
    if (node.type === 'code' || node.type === 'inlineCode') return false;
    if (node.type === 'image' || node.type === 'imageReference') found.push(`image ${JSON.stringify(node)}`);
    if (node.type === 'html') found.push(`html ${node.value}`);
    // An e-mail address stays as written (GFM shows it as a mailto link): it sends no reader to a site.
    if ((node.type === 'link' || node.type === 'definition') && !node.url.startsWith(`${REPO}/`) && !node.url.startsWith('mailto:')) found.push(`link to ${node.url}`);
    if (node.type === 'text') {
      for (const m of node.value.matchAll(/(?<![A-Za-z0-9_`])@([A-Za-z0-9][\w-]*)/g)) if (!keep.includes(m[1]!.toLowerCase())) found.push(`mention @${m[1]}`);
    }
    if (node.type === 'paragraph' && node.children[0]?.type === 'text' && /^\/agency:/m.test(node.children[0].value)) found.push('command line');
    return undefined;
  });
  const last = tree.children[tree.children.length - 1];
  if (last?.type !== 'paragraph' || last.children[0]?.type !== 'text' || last.children[0].value !== FOOTER) found.push('footer swallowed');
  return found;
}

const HOSTILE = [
  'See ![x](https://evil.example/p.png) and ![y][r]\n\n[r]: https://evil.example/q.png',
  '[phish](https://evil.example/login) [ok](https://github.com/octo/shop/pull/1) <https://evil.example/auto>',
  'bare https://evil.example/a and www.evil.example and http://evil.example/(x)',
  'Ask @alice, @octo/team and me@example.com; `@kept-in-code`',
  '/agency:plan\n  /agency:adr accept 1',
  '<img src=x onerror=alert(1)>\n<div hidden>secret @alice</div>',
  '<img src=x>\n   ~~~\n<script>alert(1)</script>',
  '<div>\n```\n</div>\n<img src=x>',
  '- ```sh\n  ls\n<img src=x>\n  ```',
  '> ```\n> <img src=x>\nlazy <img src=y>',
  '- > ```js\n  > code\n<iframe src=https://evil.example>',
  'Steps:\n2. ~~~\n<img src=x>\n~~~',
  '```\nunclosed <img src=x>',
  '    indented <img src=x> @alice\n\nafter <b>bold</b>',
  '| a | b |\n| --- | --- |\n| `x | <img src=x>` | @alice |',
  'a `b\n<img> c` d',
  '\\[x](https://evil.example) and [a\\](https://evil.example/b)',
  '[click][1]\n\n[1]: https://evil.example/x "t"\n[2]: <https://github.com/octo/shop/wiki>',
  '<https://evil.example>`x` and `y`<img src=z>',
  '<!-- comment @alice -->\n<details><summary>@bob</summary>![i](https://evil.example/i.png)</details>',
  '[![b](https://evil.example/y.svg)](https://evil.example/z)',
  '~~~ js onerror=<x>\nok\n~~~',
  '<pre>\n~~~\n<img src=x>\n</pre>\n[a](https://evil.example)',
];

describe('safeText against the parser', () => {
  it.each(HOSTILE)('neutralises %j', (input) => {
    expect(problems(safeText(input, { repoUrl: REPO }))).toEqual([]);
  });

  it('keeps the requester mention live and nobody else', () => {
    expect(problems(safeText('Thanks @Lead, cc @other', { repoUrl: REPO, keepMentions: ['lead'] }), ['lead'])).toEqual([]);
  });

  it('safeLine: one line, nothing that starts a block or renders', () => {
    for (const input of HOSTILE) {
      const line = safeLine(input, { repoUrl: REPO });
      expect(line).not.toContain('\n');
      expect(problems(line)).toEqual([]);
    }
  });

  it('the oracle itself sees what it must refuse', () => {
    expect(problems('![x](https://evil.example/p.png)')).toContain('image {"type":"image","title":null,"url":"https://evil.example/p.png","alt":"x","position":{"start":{"line":1,"column":1,"offset":0},"end":{"line":1,"column":33,"offset":32}}}');
    expect(problems('```\nopen')).toContain('footer swallowed');
    expect(problems('hi @alice')).toEqual(['mention @alice']);
  });
});

describe('safeText on deeply nested input', () => {
  it('reads past 16 levels of quotes and lists as prose, and the output is still neutral', () => {
    const input = `${'> '.repeat(200)}\`\`\`\n<img src=x> @alice\n\n${'- '.repeat(200)}<b>x</b> ![i](https://evil.example/i.png)`;
    expect(problems(safeText(input, { repoUrl: REPO }))).toEqual([]);
  });
});
