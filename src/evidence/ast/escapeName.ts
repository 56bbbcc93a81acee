/** A variable's name for a regex: `$` is a name character in JavaScript, PHP and Java names. */
export function escapeName(name: string): string {
  return name.replace(/[$]/g, '\\$');
}
