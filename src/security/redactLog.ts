import type { JobLog } from '../domain/JobLog.js';
import { redactDeep, type Redact } from './redactor.js';

/** A JobLog whose message and string fields (nested too) are redacted before they reach the logger. */
export function redactLog(log: JobLog, redact: Redact): JobLog {
  return {
    info: (fields, message) => log.info(redactDeep(fields, redact), redact(message)),
    warn: (fields, message) => log.warn(redactDeep(fields, redact), redact(message)),
    error: (fields, message) => log.error(redactDeep(fields, redact), redact(message)),
  };
}
