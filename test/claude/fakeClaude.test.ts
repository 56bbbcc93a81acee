import { zodOutputFormat } from '@anthropic-ai/sdk/helpers/zod';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AdrSchema } from '../../src/domain/adrSchema.js';
import { PlanSchema } from '../../src/domain/planSchema.js';
import { ReviewSchema } from '../../src/domain/reviewSchema.js';
import { checkStructuredOutputSchema, minimalInstance, startFakeClaude, type FakeClaude } from '../support/fakeClaude.js';

let fake: FakeClaude;
beforeEach(async () => {
  fake = await startFakeClaude({ apiKey: 'sk-test' });
});
afterEach(async () => {
  await fake.close();
});

const valid = { model: 'claude-sonnet-5-5', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] };

async function post(body: unknown, headers: Record<string, string> = { 'x-api-key': 'sk-test', 'anthropic-version': '2023-06-01' }) {
  const response = await fetch(`${fake.url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- wire JSON, inspected field by field below
  return { status: response.status, requestId: response.headers.get('request-id'), body: (await response.json()) as any };
}

describe('fake Claude', () => {
  it('answers a real-shaped message', async () => {
    const { status, body, requestId } = await post(valid);
    expect(status).toBe(200);
    expect(requestId).toMatch(/^req_fake_/);
    expect(body).toMatchObject({ type: 'message', role: 'assistant', model: valid.model, stop_reason: 'end_turn', stop_sequence: null });
    expect(body.content[0].type).toBe('text');
    expect(Object.keys(body.usage)).toEqual(
      expect.arrayContaining(['input_tokens', 'output_tokens', 'cache_creation_input_tokens', 'cache_read_input_tokens']),
    );
  });

  it('rejects a missing or wrong key, and a missing anthropic-version, with authentication_error', async () => {
    const variants: Record<string, string>[] = [
      { 'anthropic-version': '2023-06-01' },
      { 'x-api-key': 'nope', 'anthropic-version': '2023-06-01' },
      { 'x-api-key': 'sk-test' },
    ];
    for (const headers of variants) {
      const { status, body, requestId } = await post(valid, headers);
      expect(status).toBe(401);
      expect(body).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
      expect(body.request_id).toBe(requestId);
    }
    expect((await post(valid, { authorization: 'Bearer sk-test', 'anthropic-version': '2023-06-01' })).status).toBe(200);
  });

  it('validates the body', async () => {
    for (const body of [
      { ...valid, model: undefined },
      { ...valid, max_tokens: 0 },
      { ...valid, messages: [] },
      { ...valid, output_format: {} },
      { ...valid, tool_choice: { type: 'tool', name: 'x' } },
    ]) {
      const response = await post(body);
      expect(response.status).toBe(400);
      expect(response.body.error.type).toBe('invalid_request_error');
    }
  });

  it('caches the system prefix: creation first, read after', async () => {
    const body = { ...valid, system: [{ type: 'text', text: 'S'.repeat(400), cache_control: { type: 'ephemeral' } }] };
    const first = await post(body);
    const second = await post(body);
    expect(first.body.usage).toMatchObject({ cache_creation_input_tokens: 100, cache_read_input_tokens: 0 });
    expect(second.body.usage).toMatchObject({ cache_creation_input_tokens: 0, cache_read_input_tokens: 100 });
    const uncached = await post({ ...valid, system: 'S'.repeat(400) });
    expect(uncached.body.usage).toMatchObject({ cache_creation_input_tokens: 0, cache_read_input_tokens: 0 });
  });

  it('serves faults in order, with Anthropic error bodies and headers', async () => {
    fake.queueFault({ status: 429, retryAfter: 3 }, { status: 529 }, { status: 429, spendLimit: true });
    const rate = await fetch(`${fake.url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': 'sk-test', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify(valid),
    });
    expect(rate.status).toBe(429);
    expect(rate.headers.get('retry-after')).toBe('3');
    const overloaded = await post(valid);
    expect(overloaded.status).toBe(529);
    expect(overloaded.body.error.type).toBe('overloaded_error');
    const spend = await post(valid);
    expect(spend.body.error).toMatchObject({ type: 'rate_limit_error', details: { error_code: 'enforced_spend_limit_reached' } });
    expect(spend.body.error.message).toMatch(/usage limits/);
    expect((await post(valid)).status).toBe(200);
    expect(fake.pendingFaults()).toBe(0);
  });

  it('generates schema-valid minimal instances for the core schemas', () => {
    for (const schema of [PlanSchema, ReviewSchema, AdrSchema]) {
      const format = zodOutputFormat(schema);
      expect(checkStructuredOutputSchema(format.schema)).toBeUndefined();
      expect(schema.safeParse(minimalInstance(format.schema)).success).toBe(true);
    }
  });

  it('rejects schemas structured outputs do not support', () => {
    expect(checkStructuredOutputSchema({ type: 'object', properties: {} })).toMatch(/additionalProperties/);
    expect(
      checkStructuredOutputSchema({ type: 'object', properties: { n: { type: 'integer', minimum: 0 } }, additionalProperties: false }),
    ).toMatch(/minimum/);
    expect(
      checkStructuredOutputSchema({ $defs: { a: { $ref: '#/$defs/a' } }, $ref: '#/$defs/a' }),
    ).toMatch(/recursive/);
  });
});
