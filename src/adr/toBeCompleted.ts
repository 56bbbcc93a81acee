/** A visible blank in a drafted ADR: italic, so it reads as a prompt and is easy to search for. */
export function toBeCompleted(what: string): string {
  return `_To be completed by the deciders: ${what}._`;
}
