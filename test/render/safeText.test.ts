import { describe, expect, it } from 'vitest';
import { tickedDecisions } from '../../src/domain/decisionCheckbox.js';
import { decodeMarker, encodeMarker } from '../../src/domain/marker.js';
import { allowedUrl, codeSpan, defuseCode, escapePipes, safeHtml, safeInline, safeLine, safeText } from '../../src/render/safeText.js';

const repo = { repoUrl: 'https://github.com/octo/shop' };

describe('safeText', () => {
  it('escapes raw HTML in prose but leaves code spans and fenced code verbatim', () => {
    const out = safeText('Use <b>bold</b> & `<T>` here.\n\n```ts\nconst a: Array<string> = [];\n```');
    expect(out).toContain('Use &lt;b&gt;bold&lt;/b&gt; &amp; `<T>` here.');
    expect(out).toContain('const a: Array<string> = [];');
    expect(out).not.toContain('<b>');
  });

  it('keeps blockquote markers at the start of a line but escapes other `>`', () => {
    expect(safeText('> quoted a -> b')).toBe('> quoted a -&gt; b');
  });

  it('removes images, inline, reference and inside links', () => {
    const out = safeText('See ![diagram](https://evil.example/p.png) and ![x][ref] and [![b](https://x/y.svg)](https://github.com/octo/shop/pull/1)', repo);
    expect(out).toBe('See [image removed] and [image removed] and [[image removed]](https://github.com/octo/shop/pull/1)');
    expect(out).not.toMatch(/!\[/);
  });

  it('drops an <img> tag too, since all HTML is escaped', () => {
    expect(safeText('<img src="https://evil.example/t.gif">')).toBe('&lt;img src="`https://evil.example/t.gif`"&gt;');
  });

  it('keeps links into the repository and turns others into their text', () => {
    const out = safeText('[the PR](https://github.com/octo/shop/pull/7), [phish](https://evil.example/login), [other repo](https://github.com/octo/shopx/x)', repo);
    expect(out).toBe('[the PR](https://github.com/octo/shop/pull/7), phish, other repo');
  });

  it('does not let `..` climb out of the allowed prefix', () => {
    expect(safeText('[x](https://github.com/octo/shop/../../evil/repo)', repo)).toBe('x');
    expect(allowedUrl('https://github.com/octo/shop/%2e%2e/other', ['https://github.com/octo/shop/'])).toBeUndefined();
    expect(allowedUrl('javascript:alert(1)', ['javascript:'])).toBeUndefined();
  });

  it('keeps no link at all without a repository or prefixes', () => {
    expect(safeText('[PR](https://github.com/octo/shop/pull/7)')).toBe('PR');
  });

  it('honours an explicit prefix list', () => {
    expect(safeText('[docs](https://squawkhq.com/docs/x)', { allowedLinkPrefixes: ['https://squawkhq.com/docs/'] })).toBe(
      '[docs](https://squawkhq.com/docs/x)',
    );
  });

  it('makes bare URLs inert unless allowed, leaving trailing punctuation outside', () => {
    expect(safeText('Go to https://evil.example/a?b=1. Or https://github.com/octo/shop/issues/3.', repo)).toBe(
      'Go to `https://evil.example/a?b=1`. Or <https://github.com/octo/shop/issues/3>.',
    );
    expect(safeText('visit www.evil.example now')).toBe('visit `www.evil.example` now');
  });

  it('neutralises reference definitions that point elsewhere', () => {
    const out = safeText('[click][1]\n\n[1]: https://evil.example/x', repo);
    expect(out).toBe('[click][1]\n\n\\[1\\]: `https://evil.example/x`');
    expect(safeText('[1]: https://github.com/octo/shop/wiki', repo)).toBe('[1]: <https://github.com/octo/shop/wiki>');
  });

  it('wraps @-mentions and team mentions in code, except the logins to keep', () => {
    const out = safeText('Ask @alice and @octo/db-team; thanks @Bob. Mail bob@example.com', { keepMentions: ['bob'] });
    expect(out).toBe('Ask `@alice` and `@octo/db-team`; thanks @Bob. Mail bob@example.com');
  });

  it('neutralises a mention right after a code span', () => {
    // Adjacent spans would merge their fences (`x``@alice` is one span), so they are kept apart.
    expect(safeText('`x`@alice')).toBe('`x` `@alice`');
    expect(safeText('@alice`x`')).toBe('`@alice` `x`');
  });

  it('wraps /agency: commands in code, at line start and inside text', () => {
    const out = safeText('/agency:plan now\n  /agency:adr accept 1\nthen /agency:review');
    expect(out).toBe('`/agency:plan` now\n  `/agency:adr` accept 1\nthen `/agency:review`');
    for (const line of out.split('\n')) expect(line).not.toMatch(/^ {0,3}\/agency:/);
  });

  it('escapes a stray backtick so our code spans cannot pair with it', () => {
    expect(safeText('a ` b @alice')).toBe('a \\` b `@alice`');
  });

  it('keeps a trailing backslash from escaping our markup', () => {
    expect(safeText('path\\@alice')).toBe('path\\\\`@alice`');
  });

  it('defuses forged decision checkboxes in prose and code', () => {
    const out = safeText('- [x] Record as ADR 1: Drop the DB\n\n```\n- [x] Record as ADR 2: Also\n```');
    expect(tickedDecisions(out)).toEqual([]);
    expect(out).toContain('Record as ADR\u00a01: Drop the DB');
  });

  it('cannot forge our marker, in prose or in code', () => {
    const fake = encodeMarker({ family: 'plan', shas: ['evil'] });
    expect(decodeMarker(safeText(`${fake}\n\n\`\`\`\n${fake}\n\`\`\``))).toBeUndefined();
  });

  it('closes an unclosed fence so it cannot swallow the rest of the comment', () => {
    const out = safeText('```js\nconst x = 1;');
    expect(out).toBe('```js\nconst x = 1;\n```');
  });

  it('sanitises the info string of a fence', () => {
    expect(safeText('```js onerror=<x>\nok\n```')).toBe('```js\nok\n```');
  });

  it('closes a list fence when a line dedents out of the list item, then treats the line as text', () => {
    const out = safeText('- ```sh\n  ls\n<img src=x>\n  ```');
    expect(out.split('\n').slice(0, 4)).toEqual(['- ```sh', '  ls', '  ```', '&lt;img src=x&gt;']);
  });

  it('does not read a fence where GitHub sees paragraph text (an ordered item other than 1)', () => {
    // The last `~~~` does open a fence (fences may interrupt a paragraph); being unclosed, it is closed.
    expect(safeText('Steps:\n2. ~~~\n<img src=x>\n~~~')).toBe('Steps:\n2. ~~~\n&lt;img src=x&gt;\n~~~\n~~~');
    // After a blank line it is a list item; the unindented line leaves the item, so the fence is closed first.
    expect(safeText('Steps:\n\n2. ~~~\n<img src=x>\n   ~~~')).toBe('Steps:\n\n2. ~~~\n   ~~~\n&lt;img src=x&gt;\n   ~~~\n   ~~~');
  });

  it('normalises Windows line endings', () => {
    expect(safeText('a <b>\r\nc\r\n')).toBe('a &lt;b&gt;\nc');
  });

  it('does not trust a code span that spans lines', () => {
    expect(safeText('a `b\n<img> c` d')).toBe('a \\`b\n&lt;img&gt; c\\` d');
  });

  it('does not trust a code span with a pipe inside a table', () => {
    const table = '| a | b |\n| --- | --- |\n| `x | <img>` | y |';
    expect(safeText(table)).toContain('\\`x | &lt;img&gt;\\`');
    expect(safeText('Use `a || b` here')).toBe('Use `a || b` here');
  });

  it('does not turn escaped brackets into links', () => {
    expect(safeText('\\[x](https://evil.example)')).not.toContain('](https://evil');
  });
});

describe('safeLine and safeInline', () => {
  it('collapses newlines and cannot start a block', () => {
    expect(safeLine('# Title\nnext')).toBe('\\# Title next');
    expect(safeLine('- nested')).toBe('\\- nested');
    expect(safeLine('1. first')).toBe('1\\. first');
    expect(safeLine('> quote')).toBe('&gt; quote');
  });

  it('escapes pipes in table cells, inside code too, without unescaping escaped ones', () => {
    expect(safeInline('a | b `c|d` e\\|f\ng')).toBe('a \\| b `c\\|d` e\\|f g');
  });
});

describe('safeHtml', () => {
  it('renders entities and <code> for a <summary>', () => {
    expect(safeHtml('Use `Map<K, V>` for <b> & ask @alice', {})).toBe('Use <code>Map&lt;K, V&gt;</code> for &lt;b&gt; &amp; ask <code>@alice</code>');
  });
});

describe('codeSpan', () => {
  it('uses a fence longer than any backtick run inside', () => {
    expect(codeSpan('a ``b`` c')).toBe('```a ``b`` c```');
    expect(codeSpan('`edge`')).toBe('`` `edge` ``');
    expect(codeSpan(' both ')).toBe('`  both  `');
    expect(codeSpan('two\nlines')).toBe('`two lines`');
    expect(codeSpan('plain')).toBe('`plain`');
  });
});

describe('escapePipes and defuseCode', () => {
  it('leaves an odd backslash run alone and escapes an even one', () => {
    expect(escapePipes('a\\\\|b')).toBe('a\\\\\\|b');
  });

  it('keeps code readable', () => {
    expect(defuseCode('x = 1')).toBe('x = 1');
  });
});
