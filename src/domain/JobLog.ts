/** The logger port: structured fields and a message. Probot's pino logger, the Action's workflow commands and the CLI's stderr implement it. */
export interface JobLog {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}
