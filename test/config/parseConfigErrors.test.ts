import { describe, expect, it } from 'vitest';
import { formatIssueLine } from '../../src/config/ConfigError.js';
import { parseConfig } from '../../src/config/parseConfig.js';

/** Every bad config must fail with exactly these lines, in this order. */
const cases: { name: string; yaml: string; lines: string[] }[] = [
  {
    name: 'number out of range',
    yaml: 'review:\n  maxInlineComments: 500\n',
    lines: ['review.maxInlineComments: got 500; expected an integer from 0 to 100'],
  },
  {
    name: 'bad enum',
    yaml: 'permission: owner\n',
    lines: ['permission: got "owner"; expected one of "read", "triage", "write", "maintain", "admin"'],
  },
  {
    name: 'enum with a close miss suggests the value',
    yaml: 'review:\n  auto: Label\n',
    lines: ['review.auto: got "Label"; expected one of "label", "paths", "off"; did you mean "label"?'],
  },
  {
    name: 'unknown top-level key with a suggestion',
    yaml: 'reveiw:\n  auto: label\n',
    lines: ['reveiw: unknown field; did you mean "review"?'],
  },
  {
    name: 'unknown key with nothing close lists the known fields',
    yaml: 'deploy: true\n',
    lines: [
      'deploy: unknown field; the known fields here are "label", "paths", "commands", "permission", "allowedLinks", "allowBots", "model", "review", "adr", "limits"',
    ],
  },
  {
    name: 'nested unknown key, snake_case spelling',
    yaml: 'review:\n  max_inline_comments: 4\n',
    lines: ['review.max_inline_comments: unknown field; did you mean "maxInlineComments"?'],
  },
  {
    name: 'bad item in the commands list',
    yaml: 'commands: [plan, review, deploy]\n',
    lines: [
      'commands[2]: got "deploy"; expected one of "plan", "review", "adr", "optimize", "test", "document", "refactor", "security", "help"',
    ],
  },
  {
    name: 'wrong type names the kind given',
    yaml: 'label: 42\n',
    lines: ['label: got 42 (a number); expected a string of 1 to 50 characters'],
  },
  {
    name: 'glob list given as a single string',
    yaml: 'paths:\n  backend: "src/**"\n',
    lines: ['paths.backend: got "src/**" (a string); expected a list, each item a non-empty string'],
  },
  {
    name: 'glob list with an empty and a non-string item',
    yaml: 'paths:\n  ignore: ["", 3, "dist/**"]\n',
    lines: ['paths.ignore[0]: got ""; expected a non-empty string', 'paths.ignore[1]: got 3 (a number); expected a non-empty string'],
  },
  {
    name: 'YAML 1.1 boolean spelling is a string in YAML 1.2',
    yaml: 'review:\n  drafts: yes\n',
    lines: ['review.drafts: got "yes" (a string); expected true or false'],
  },
  {
    name: 'fraction where an integer is needed',
    yaml: 'limits:\n  maxBodyChars: 1500.5\n',
    lines: ['limits.maxBodyChars: got 1500.5 (not a whole number); expected an integer from 1000 to 1000000'],
  },
  {
    name: 'only a lower bound',
    yaml: 'limits:\n  dailyTokenBudget: -1\n',
    lines: ['limits.dailyTokenBudget: got -1; expected an integer of 0 or more'],
  },
  {
    name: 'absolute ADR directory uses the schema message',
    yaml: 'adr:\n  dir: /etc\n',
    lines: ['adr.dir: got "/etc"; expected a relative path inside the repository'],
  },
  {
    name: 'empty group and a list where a mapping belongs',
    yaml: 'paths:\nmodel: []\n',
    lines: [
      'paths: got an empty value; expected a mapping with the fields "backend", "ignore"',
      'model: got a list of 0 items; expected a mapping with the fields "id", "maxOutputTokens", "inputTokenBudget", "timeoutSeconds"',
    ],
  },
  {
    name: 'several issues at once, all reported',
    yaml: 'label: ""\npermission: owner\nmodel:\n  maxOutputTokens: big\nreview:\n  maxInlineComments: 500\n  colour: red\nfoo: 1\n',
    lines: [
      'label: got ""; expected a string of 1 to 50 characters',
      'permission: got "owner"; expected one of "read", "triage", "write", "maintain", "admin"',
      'model.maxOutputTokens: got "big" (a string); expected an integer from 1024 to 64000',
      'review.maxInlineComments: got 500; expected an integer from 0 to 100',
      'review.colour: unknown field; the known fields here are "auto", "drafts", "inlineComments", "maxInlineComments", "requestChanges", "checkRun", "checkConclusion"',
      'foo: unknown field; the known fields here are "label", "paths", "commands", "permission", "allowedLinks", "allowBots", "model", "review", "adr", "limits"',
    ],
  },
  {
    name: 'a huge value is cut and its length given',
    yaml: `label: "${'x'.repeat(5000)}"\n`,
    lines: [`label: got "${'x'.repeat(40)}…" (5000 characters); expected a string of 1 to 50 characters`],
  },
  {
    name: 'a huge value of the wrong kind',
    yaml: `review:\n  drafts: "${'y'.repeat(300)}"\n`,
    lines: [`review.drafts: got "${'y'.repeat(40)}…" (a string of 300 characters); expected true or false`],
  },
  {
    name: 'an odd key is quoted, not dotted',
    yaml: '"a b": 1\n',
    lines: ['["a b"]: unknown field; the known fields here are "label", "paths", "commands", "permission", "allowedLinks", "allowBots", "model", "review", "adr", "limits"'],
  },
  {
    name: 'YAML syntax error names line and column',
    yaml: 'review:\n  auto: paths\n   drafts: true\n',
    lines: [
      'YAML syntax error at line 2, column 9: Nested mappings are not allowed in compact mappings; check the indentation of this line and the one above',
    ],
  },
  {
    name: 'unclosed flow list',
    yaml: 'commands: [plan, review\nlabel: x\n',
    lines: [
      'YAML syntax error at line 2, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]; check the indentation of this line and the one above',
    ],
  },
  {
    name: 'duplicate key',
    yaml: 'label: a\nlabel: b\n',
    lines: ['YAML syntax error at line 2, column 1: this key appears twice; expected each key once per mapping'],
  },
  {
    name: 'tab indentation',
    yaml: 'review:\n\tauto: off\n',
    lines: ['YAML syntax error at line 2, column 1: Tabs are not allowed as indentation'],
  },
  {
    name: 'two documents',
    yaml: 'label: a\n---\nlabel: b\n',
    lines: ['YAML syntax error at line 2, column 1: a second document starts here (a "---" line); expected one document'],
  },
  {
    name: 'custom tags are refused',
    yaml: 'label: !!js/function "x"\npermission: !custom write\n',
    lines: [
      'unsupported YAML tag "!!js/function" at line 1, column 8; expected plain values without tags',
      'unsupported YAML tag "!custom" at line 2, column 13; expected plain values without tags',
    ],
  },
  {
    name: 'YAML 1.1 tags are refused too',
    yaml: 'label: !!binary aGVsbG8=\n',
    lines: ['unsupported YAML tag "!!binary" at line 1, column 8; expected plain values without tags'],
  },
  {
    name: 'top level is a list',
    yaml: '- label: backend\n- review: {}\n',
    lines: [
      'the top level is a list of 2 items; expected a mapping with the fields "label", "paths", "commands", "permission", "allowedLinks", "allowBots", "model", "review", "adr", "limits"',
    ],
  },
  {
    name: 'top level is a scalar',
    yaml: 'backend\n',
    lines: [
      'the top level is "backend" (a string); expected a mapping with the fields "label", "paths", "commands", "permission", "allowedLinks", "allowBots", "model", "review", "adr", "limits"',
    ],
  },
];

describe('parseConfig error text', () => {
  it.each(cases)('$name', ({ yaml, lines }) => {
    const result = parseConfig(yaml);
    expect(result.ok).toBe(false);
    if (result.ok) throw new Error('expected the config to be rejected');
    expect(result.error.issues.map(formatIssueLine)).toEqual(lines);
    expect(result.error.source).toBe('.github/agency.yml');
  });

  it('puts every issue in the error message under a count', () => {
    const result = parseConfig('label: 42\npermission: owner\n', 'repo/.github/agency.yml');
    expect(result.ok).toBe(false);
    if (result.ok) throw new Error('expected the config to be rejected');
    expect(result.error.message).toBe(
      [
        'repo/.github/agency.yml has 2 problems:',
        '- label: got 42 (a number); expected a string of 1 to 50 characters',
        '- permission: got "owner"; expected one of "read", "triage", "write", "maintain", "admin"',
      ].join('\n'),
    );
    expect(result.error.name).toBe('ConfigError');
    expect(result.error).toBeInstanceOf(Error);
  });
});
