import { describe, expect, it } from 'vitest';
import { MAX_COMMANDS, MAX_SCAN_CHARS, parseCommands } from '../../src/triggers/parseCommands.js';

const names = (body: string) => parseCommands(body).map((c) => c.name);

describe('parseCommands', () => {
  it('reads a command and the rest of its line as args', () => {
    expect(parseCommands('/agency:plan   with a queue for emails  \nthanks')).toEqual([
      { command: 'plan', name: 'plan', args: 'with a queue for emails' },
    ]);
  });

  it('is case-insensitive and lower-cases the typed name', () => {
    expect(parseCommands('/Agency:PLAN Keep This Case')).toEqual([{ command: 'plan', name: 'plan', args: 'Keep This Case' }]);
  });

  it('accepts up to 3 leading spaces, not 4 (indented code)', () => {
    expect(names('   /agency:review')).toEqual(['review']);
    expect(names('    /agency:review')).toEqual([]);
    expect(names('\t/agency:review')).toEqual([]);
  });

  it('only matches at the start of a line', () => {
    expect(names('please run /agency:plan')).toEqual([]);
    expect(names('- /agency:plan')).toEqual([]);
  });

  it('returns commands in order, one per line', () => {
    expect(names('Hi\n/agency:plan\ntext\n/agency:adr Use Postgres\r\n/agency:security')).toEqual(['plan', 'adr', 'security']);
  });

  it('routes unknown names to help and keeps the typed name', () => {
    expect(parseCommands('/agency:Deploy now')).toEqual([{ command: 'help', name: 'deploy', args: 'now' }]);
  });

  it('routes a bare /agency: to help with an empty name', () => {
    expect(parseCommands('/agency:')).toEqual([{ command: 'help', name: '', args: '' }]);
    expect(parseCommands('/agency: plan')).toEqual([{ command: 'help', name: '', args: 'plan' }]);
  });

  it('ends the name at punctuation, which goes to args', () => {
    expect(parseCommands('/agency:plan.')).toEqual([{ command: 'plan', name: 'plan', args: '.' }]);
    expect(parseCommands('/agency:dry-run')).toEqual([{ command: 'help', name: 'dry-run', args: '' }]);
  });

  it('ignores a look-alike prefix', () => {
    expect(names('/agencyplan\n/agency-plan\n/agent:plan')).toEqual([]);
  });

  it('skips quoted replies, including their lazy continuation lines', () => {
    expect(names('> /agency:plan')).toEqual([]);
    expect(names('  > /agency:plan')).toEqual([]);
    expect(names('> you said\n/agency:plan\n\n/agency:review')).toEqual(['review']);
  });

  it('skips backtick and tilde fences, tracking the opening fence', () => {
    expect(names('```\n/agency:plan\n```\n/agency:review')).toEqual(['review']);
    expect(names('~~~md\n/agency:plan\n~~~\n/agency:review')).toEqual(['review']);
    // A shorter or different fence does not close a longer one.
    expect(names('````\n```\n/agency:plan\n~~~~\n/agency:test\n````\n/agency:review')).toEqual(['review']);
    expect(names('~~~\n```\n/agency:plan\n~~~\n/agency:review')).toEqual(['review']);
  });

  it('treats an unclosed fence as running to the end', () => {
    expect(names('/agency:plan\n```\n/agency:review')).toEqual(['plan']);
  });

  it('skips a fence inside a list item', () => {
    expect(names('- example:\n  ```\n  /agency:plan\n  ```\n/agency:review')).toEqual(['review']);
    expect(names('1. ```\n   /agency:plan\n   ```\n\n/agency:review')).toEqual(['review']);
  });

  it('does not take a one-line ```code``` span for a fence', () => {
    expect(names('```x``` is inline\n\n/agency:plan')).toEqual(['plan']);
  });

  it('skips inline code, also a span opened on the previous line', () => {
    expect(names('`/agency:plan`')).toEqual([]);
    expect(names('Try `x\n/agency:plan` here')).toEqual([]);
    expect(names('Try ``a `\n/agency:plan`` here')).toEqual([]);
  });

  it('runs a command after a backtick that never closes or closes elsewhere', () => {
    // An unmatched backtick is literal text, so the next line is prose.
    expect(names('it costs 3` of work\n/agency:plan')).toEqual(['plan']);
    expect(names('`a` and `b`\n/agency:plan `c`')).toEqual(['plan']);
    // A blank line ends the paragraph, so a span cannot reach past it.
    expect(names('open `here\n\n/agency:plan`')).toEqual(['plan']);
    expect(names('escaped \\` tick\n/agency:plan `')).toEqual(['plan']);
  });

  it('skips HTML comments such as issue template hints', () => {
    expect(names('<!--\n/agency:plan\n-->\n/agency:review')).toEqual(['review']);
    expect(names('<!-- one line --> \n/agency:review')).toEqual(['review']);
  });

  it('caps the number of commands returned', () => {
    const body = Array.from({ length: 50 }, (_, i) => `/agency:plan ${i}`).join('\n');
    const found = parseCommands(body);
    expect(found).toHaveLength(MAX_COMMANDS);
    expect(found.map((c) => c.args)).toEqual(['0', '1', '2', '3', '4']);
  });

  it('only scans the first MAX_SCAN_CHARS and drops the line the limit cuts', () => {
    const filler = `${'x'.repeat(99)}\n`.repeat(Math.ceil(MAX_SCAN_CHARS / 100));
    expect(names(`/agency:plan\n${filler}/agency:review`)).toEqual(['plan']);
    // A command straddling the limit is not read half-way as `/agency:re`.
    const cut = 'y'.repeat(MAX_SCAN_CHARS - 20);
    expect(names(`${cut}\n/agency:review-this-pull-request-please`)).toEqual([]);
  });

  it('returns nothing for an empty body or prose', () => {
    expect(parseCommands('')).toEqual([]);
    expect(parseCommands("You are totally right! I'll get this fixed right away.")).toEqual([]);
  });
});
