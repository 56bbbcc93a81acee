import { describe, expect, it, vi } from 'vitest';
import { appSecrets, createRedactor, redactDeep } from '../../src/security/redactor.js';
import { redactLog } from '../../src/security/redactLog.js';

const PEM = ['-----BEGIN PRIVATE KEY-----', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7', 'Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHF1dXhxdXV4cXV1', '-----END PRIVATE KEY-----'].join('\n');

describe('createRedactor', () => {
  it('masks known token shapes and the exact values given', () => {
    const redact = createRedactor(['s3cr3t-webhook-value', undefined, '']);
    const out = redact(`a s3cr3t-webhook-value b sk-ant-api03-${'x'.repeat(30)} AKIAIOSFODNN7EXAMPLE`);
    expect(out).not.toContain('s3cr3t-webhook-value');
    expect(out).not.toContain('x'.repeat(30));
    expect(out).not.toContain('AKIAIOSFODNN7EXAMPLE');
    // The text around the secrets survives; given values become [REDACTED], token shapes are masked.
    expect(out).toBe(`a [REDACTED] b sk-a${'*'.repeat(35)}xxxx AKIA************MPLE`);
  });

  it('masks a private key given with escaped newlines, whole or line by line', () => {
    const redact = createRedactor([PEM.replace(/\n/g, '\\n')]);
    expect(redact(`key: ${PEM}`)).not.toContain('MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7');
    expect(redact('just a line Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHF1dXhxdXV4cXV1 here')).toBe('just a line [REDACTED] here');
  });

  it('ignores values too short to be secrets', () => {
    expect(createRedactor(['x', 'abc'])('x abc')).toBe('x abc');
  });
});

describe('appSecrets', () => {
  it('takes the app key values from the environment', () => {
    expect(appSecrets({ ANTHROPIC_API_KEY: 'k1', PRIVATE_KEY: 'k2', WEBHOOK_SECRET: 'k3', OTHER: 'no' })).toEqual(['k1', 'k2', 'k3']);
  });
});

describe('redactDeep and redactLog', () => {
  it('redacts every nested string and error message', () => {
    const redact = createRedactor(['canary-value-123']);
    const out = redactDeep({ a: ['canary-value-123'], b: { c: 'canary-value-123', n: 1 }, e: new Error('canary-value-123') }, redact);
    expect(JSON.stringify(out)).not.toContain('canary-value-123');
    expect(out.b.n).toBe(1);
    expect(out.a).toEqual(['[REDACTED]']);
    expect(out.b.c).toBe('[REDACTED]');
    expect((out.e as { message: string }).message).toBe('[REDACTED]');
  });

  it('redacts log messages and fields', () => {
    const inner = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const log = redactLog(inner, createRedactor(['canary-value-123']));
    log.warn({ err: 'failed with canary-value-123' }, 'message canary-value-123');
    expect(inner.warn).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(inner.warn.mock.calls)).not.toContain('canary-value-123');
    expect(JSON.stringify(inner.warn.mock.calls)).toContain('message [REDACTED]');
  });
});
