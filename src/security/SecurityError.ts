/** A write (or another action) outside what the triggering event allows. Never caught to retry. */
export class SecurityError extends Error {
  override readonly name = 'SecurityError';
  constructor(
    message: string,
    readonly operation: string,
  ) {
    super(message);
  }
}
