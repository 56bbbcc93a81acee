/** `error.details.error_code` values the API uses when an organization's spend or usage limit is reached. */
export const SPEND_LIMIT_ERROR_CODES: ReadonlySet<string> = new Set([
  'enforced_spend_limit_reached',
  'contract_spend_limit_reached',
  'linked_organization_spend_limit_reached',
]);

/**
 * Wording of spend / usage / credit limits ("You have reached your specified API usage limits", "Your credit
 * balance is too low"). Ordinary rate-limit messages ("would exceed your organization's rate limit ... see the
 * response headers for current usage") do not match.
 */
const SPEND_LIMIT_TEXT = /\b(?:usage|spend(?:ing)?|billing)\s+limits?\b|\bcredit balance\b/i;

/** True when an Anthropic error body (`{ type: 'error', error: { type, message, details } }`) says a spend limit is reached. */
export function isSpendLimitBody(body: unknown): boolean {
  if (body === null || typeof body !== 'object') return false;
  const error = (body as { error?: unknown }).error;
  if (error === null || typeof error !== 'object') return false;
  const { type, message, details } = error as { type?: unknown; message?: unknown; details?: unknown };
  const code = details !== null && typeof details === 'object' ? (details as { error_code?: unknown }).error_code : undefined;
  return isSpendLimit({ type, message, code });
}

export function isSpendLimit(parts: { type?: unknown; message?: unknown; code?: unknown }): boolean {
  if (typeof parts.code === 'string' && (SPEND_LIMIT_ERROR_CODES.has(parts.code) || /spend_limit/.test(parts.code))) {
    return true;
  }
  if (parts.type === 'billing_error') return true;
  return typeof parts.message === 'string' && SPEND_LIMIT_TEXT.test(parts.message);
}
