import type { Config } from '../config/configSchema.js';
import { encodeMarker, type MarkerData } from '../domain/marker.js';
import { permissionPhrase } from './permissionPhrase.js';
import { codeSpan } from './safeText.js';

/**
 * The short reply to someone who may not run commands. It says who can, and nothing about the
 * person's own permission level or the request (which was not read and cost nothing).
 */
export function renderNotAllowed(config: Pick<Config, 'permission'> & Partial<Pick<Config, 'label'>>, opts: { marker?: MarkerData } = {}): string {
  const text = [
    `Thanks for asking! Agency Architect commands can be run by ${permissionPhrase(config.permission)} to this repository.`,
    `A maintainer can run the command for you, or add the ${codeSpan(config.label ?? 'backend')} label where that fits.`,
  ].join(' ');
  return opts.marker ? `${text}\n\n${encodeMarker(opts.marker)}` : text;
}
