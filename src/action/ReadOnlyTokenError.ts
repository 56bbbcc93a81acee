/** A write was refused because the token may not write (fork PR, or `permissions:` too narrow). */
export class ReadOnlyTokenError extends Error {
  constructor(readonly write: string) {
    super(`the token may not write (the ${write} write answered 403)`);
  }
}
