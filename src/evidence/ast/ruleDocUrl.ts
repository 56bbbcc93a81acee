/** The rule's section in docs/rules.md, relative to the project root (sourceLabel makes it absolute). */
export function ruleDocUrl(id: string): string {
  return `docs/rules.md#${id}`;
}
