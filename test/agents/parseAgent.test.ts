import matter from 'gray-matter';
import { afterEach, describe, expect, it } from 'vitest';
import { AgentError } from '../../src/agents/AgentError.js';
import { parseAgent } from '../../src/agents/parseAgent.js';
import { safeMatterOptions } from '../../src/agents/readFrontMatter.js';

const SOURCE = 'agents/x.md';

/** The AgentError thrown by `fn`; fails the test when nothing or something else is thrown. */
function agentErrorOf(fn: () => unknown): AgentError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AgentError);
    return error as AgentError;
  }
  throw new Error('expected an AgentError, nothing was thrown');
}

describe('parseAgent: front matter', () => {
  it('reads the fields and uses the body as the prompt', () => {
    const agent = parseAgent(
      '---\nname: db-reviewer\ndescription: Reviews schemas\ncolor: green\ncategory: data\nversion: 2\n' +
        'skills: [sql, indexing]\ntools: Read, Grep\ncommands: [review, /agency:optimize, Security]\n---\n\n# DB\n\nYou review schemas.\n',
      SOURCE,
    );
    expect(agent).toEqual({
      name: 'db-reviewer',
      description: 'Reviews schemas',
      prompt: '# DB\n\nYou review schemas.',
      source: SOURCE,
      color: 'green',
      category: 'data',
      version: '2',
      skills: ['sql', 'indexing'],
      tools: 'Read, Grep',
      commands: ['review', 'optimize', 'security'],
    });
  });

  it('keeps the version as written when YAML reads it as a number', () => {
    expect(parseAgent('---\nname: a\nversion: 1.0\n---\nBody text.\n', SOURCE).version).toBe('1.0');
    expect(parseAgent('---\nname: a\nversion: "2.1.3"\n---\nBody text.\n', SOURCE).version).toBe('2.1.3');
  });

  it('accepts skills and commands written as one comma-separated string', () => {
    const agent = parseAgent('---\nname: a\nskills: sql, caching\ncommands: plan, review\n---\nBody.\n', SOURCE);
    expect(agent.skills).toEqual(['sql', 'caching']);
    expect(agent.commands).toEqual(['plan', 'review']);
  });

  it('tolerates unknown keys and empty optional values', () => {
    const agent = parseAgent('---\nname: a\nmodel: opus\npriority: 3\ncolor:\n---\nBody.\n', SOURCE);
    expect(agent.name).toBe('a');
    expect(agent).not.toHaveProperty('color');
    expect(agent).not.toHaveProperty('model');
  });

  it('takes the description from the body when the front matter has none', () => {
    const agent = parseAgent('---\nname: a\n---\n# A\n\nDesigns queues.\n', SOURCE);
    expect(agent.description).toBe('Designs queues.');
  });

  it('loads with a UTF-8 BOM and CRLF line endings', () => {
    const agent = parseAgent('\uFEFF---\r\nname: crlf\r\ndescription: Windows file\r\n---\r\n\r\n# Title\r\n\r\nLine one.\r\n', SOURCE);
    expect(agent.name).toBe('crlf');
    expect(agent.description).toBe('Windows file');
    expect(agent.prompt).toBe('# Title\n\nLine one.');
  });

  it('does not use gray-matter’s content cache', () => {
    const cache = (matter as unknown as { cache: Record<string, unknown> }).cache;
    const text = '---\nname: uncached-agent\n---\nBody.\n';
    parseAgent(text, SOURCE);
    expect(Object.keys(cache)).not.toContain(text);
    expect(Object.values(cache).some((file) => JSON.stringify(file).includes('uncached-agent'))).toBe(false);
  });

  it('returns a fresh object for the same text, not a shared cached one', () => {
    const text = '---\nname: same\n---\nBody.\n';
    const first = parseAgent(text, SOURCE);
    first.name = 'changed';
    expect(parseAgent(text, SOURCE).name).toBe('same');
  });
});

describe('parseAgent: no front matter', () => {
  it('names the agent from its first heading and describes it with the first paragraph', () => {
    const agent = parseAgent('# 🏗️ Payments Agent\n\n## Role\n\nYou design payment flows.\nCarefully.\n', SOURCE);
    expect(agent.name).toBe('Payments');
    expect(agent.description).toBe('You design payment flows. Carefully.');
    expect(agent.prompt.startsWith('# 🏗️ Payments Agent')).toBe(true);
    expect(agent).not.toHaveProperty('commands');
  });

  it('falls back to the file name when there is no heading', () => {
    expect(parseAgent('You tune queries.\n', 'repo/.agency/agents/query-tuner.md').name).toBe('query-tuner');
  });

  it('treats a line of four dashes as Markdown, not front matter', () => {
    expect(parseAgent('----\n# Rule Agent\n\nText.\n', SOURCE).name).toBe('Rule');
  });
});

describe('parseAgent: errors name the file and the field', () => {
  it('rejects a name that is not a string', () => {
    const error = agentErrorOf(() => parseAgent('---\nname: 42\n---\nBody.\n', SOURCE));
    expect(error.message).toBe('agents/x.md: front matter field "name" must be a non-empty string (got 42)');
    expect(error.source).toBe(SOURCE);
    expect(error.field).toBe('name');
  });

  it('rejects an empty name', () => {
    const error = agentErrorOf(() => parseAgent('---\nname: "  "\n---\nBody.\n', SOURCE));
    expect(error.message).toBe('agents/x.md: front matter field "name" must be a non-empty string (got "  ")');
  });

  it('rejects skills that are not strings', () => {
    const error = agentErrorOf(() => parseAgent('---\nname: a\nskills: [sql, 3]\n---\nBody.\n', SOURCE));
    expect(error.field).toBe('skills');
    expect(error.message).toContain('agents/x.md: front matter field "skills" must be a list');
    expect(error.message).toContain('(got ["sql",3])');
  });

  it('reports malformed YAML with the file and the line', () => {
    const error = agentErrorOf(() => parseAgent('---\nname: a\ndescription: a: b\ncolor: red\n---\nBody.\n', SOURCE));
    expect(error.field).toBe('front matter');
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/^agents\/x\.md: front matter is not valid YAML at line 3: /);
  });

  it('counts lines from the top of the file even with CRLF and a BOM', () => {
    const error = agentErrorOf(() => parseAgent('\uFEFF---\r\nname: a\r\nname: b\r\n---\r\nBody.\r\n', SOURCE));
    expect(error.line).toBe(3);
    expect(error.message).toContain('at line 3');
  });

  it('rejects front matter that is a list', () => {
    const error = agentErrorOf(() => parseAgent('---\n- a\n- b\n---\nBody.\n', SOURCE));
    expect(error.message).toBe('agents/x.md: front matter must be a mapping of fields (got a list)');
  });

  it('rejects an empty body', () => {
    const error = agentErrorOf(() => parseAgent('---\nname: a\ndescription: d\n---\n\n', SOURCE));
    expect(error.field).toBe('body');
    expect(error.message).toContain('agents/x.md:');
  });

  it('asks for a description when neither front matter nor body gives one', () => {
    const error = agentErrorOf(() => parseAgent('---\nname: a\n---\n# A\n\n- only\n- a list\n', SOURCE));
    expect(error.field).toBe('description');
  });
});

describe('parseAgent: code in front matter is refused and never run', () => {
  const FLAG = '__agencyFrontMatterRan';
  const payload = (language: string) =>
    `---${language}\n{ name: (globalThis.${FLAG} = true, "pwned"), description: "x" }\n---\nBody.\n`;
  const flag = () => (globalThis as Record<string, unknown>)[FLAG];

  afterEach(() => {
    delete (globalThis as Record<string, unknown>)[FLAG];
  });

  it('the payload really runs under gray-matter defaults (control)', () => {
    // Passing an options object keeps this control from polluting gray-matter's cache.
    const file = matter(payload('js'), {});
    expect(flag()).toBe(true);
    expect(file.data.name).toBe('pwned');
  });

  for (const language of ['js', 'javascript', 'JavaScript', ' js ', 'coffee', 'json']) {
    it(`refuses ---${language} without running it`, () => {
      const error = agentErrorOf(() => parseAgent(payload(language), SOURCE));
      expect(flag()).toBeUndefined();
      expect(error.field).toBe('front matter');
      expect(error.message).toContain('agents/x.md: front matter in');
      expect(error.message).toContain('only YAML is read');
    });
  }

  it('the gray-matter engines themselves refuse code (second line of defence)', () => {
    for (const language of ['js', 'javascript']) {
      expect(() => matter(payload(language), safeMatterOptions(SOURCE))).toThrow(/only YAML is read/);
      expect(flag()).toBeUndefined();
    }
  });
});
