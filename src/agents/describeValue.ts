const MAX = 60;

/** A short, safe rendering of a value for an error message: `42`, `""`, `["a",1]`, `nothing`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > MAX ? `${text.slice(0, MAX - 3)}...` : text;
}
