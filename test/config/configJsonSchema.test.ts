import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { configJsonSchema } from '../../src/config/configJsonSchema.js';
import { DEFAULT_CONFIG } from '../../src/config/configSchema.js';
import { configSchemaFiles } from '../../src/config/configSchemaFiles.js';

const root = new URL('../../', import.meta.url);

function validator() {
  const ajv = new Ajv({ allErrors: true, strict: true });
  return ajv.compile(configJsonSchema());
}

describe('configJsonSchema', () => {
  it('is a draft-07 schema with an id, title and description', () => {
    const schema = configJsonSchema();
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.$id).toBe('agency.schema.json');
    expect(schema.title).toMatch(/Agency Architect/);
    expect(schema.description).toMatch(/\.github\/agency\.yml/);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required ?? []).toEqual([]);
  });

  it('accepts the defaults, an empty file and the example', () => {
    const validate = validator();
    const example: unknown = parse(readFileSync(new URL('examples/agency.yml', root), 'utf8'));
    for (const config of [DEFAULT_CONFIG, {}, { review: { maxInlineComments: 5 } }, example]) {
      expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it.each([
    ['out of range', { review: { maxInlineComments: 500 } }, '/review/maxInlineComments'],
    ['unknown key', { reveiw: {} }, ''],
    ['bad enum item', { commands: ['deploy'] }, '/commands/0'],
    ['absolute ADR dir', { adr: { dir: '/etc' } }, '/adr/dir'],
    ['wrong type', { label: 42 }, '/label'],
  ])('rejects %s', (_name, config, instancePath) => {
    const validate = validator();
    expect(validate(config)).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath)).toContain(instancePath);
  });
});

describe('generated files', () => {
  it.each(configSchemaFiles().map((f) => [f.path, f.text] as const))('%s is up to date', (path, text) => {
    const onDisk = readFileSync(new URL(path, root), 'utf8');
    expect(onDisk, `${path} is stale: run npm run schema`).toBe(text);
  });

  it('writes 2-space JSON ending in a newline', () => {
    const [json] = configSchemaFiles();
    expect(json?.text.startsWith('{\n  "$schema": ')).toBe(true);
    expect(json?.text.endsWith('}\n')).toBe(true);
  });
});
