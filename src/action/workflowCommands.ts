import { randomBytes } from 'node:crypto';

/** Escaping of workflow command data (`::error::<data>`), as the runner decodes it. */
export function escapeCommandData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** One `::error::` annotation line (message only: never a stack). */
export function errorAnnotation(message: string): string {
  return `::error title=Agency Architect::${escapeCommandData(message)}\n`;
}

export function warningAnnotation(message: string): string {
  return `::warning title=Agency Architect::${escapeCommandData(message)}\n`;
}

/**
 * `GITHUB_OUTPUT` lines in the multi-line form: `name<<DELIM`, the value, `DELIM`. The delimiter is
 * random per value and checked against the value, so no value can end early and set another output.
 */
export function formatOutputs(outputs: Record<string, string>, delimiter: () => string = () => `ghadelimiter_${randomBytes(16).toString('hex')}`): string {
  let text = '';
  for (const [name, value] of Object.entries(outputs)) {
    let delim = delimiter();
    while (value.includes(delim)) delim = delimiter();
    text += `${name}<<${delim}\n${value}\n${delim}\n`;
  }
  return text;
}
