import type { Config } from '../config/configSchema.js';
import type { Finding } from '../domain/findingSchema.js';

/** COMMENT by default; REQUEST_CHANGES only when the repo allows it and a blocker exists. */
export function reviewEvent(findings: Finding[], config: Config): 'COMMENT' | 'REQUEST_CHANGES' {
  return config.review.requestChanges && findings.some((f) => f.severity === 'blocker') ? 'REQUEST_CHANGES' : 'COMMENT';
}

/** Check run conclusion per config: neutral unless the repo asks to fail on blockers or majors. */
export function checkConclusion(findings: Finding[], config: Config): 'neutral' | 'failure' {
  const mode = config.review.checkConclusion;
  if (mode === 'failure-on-blocker' && findings.some((f) => f.severity === 'blocker')) return 'failure';
  if (mode === 'failure-on-major' && findings.some((f) => f.severity === 'blocker' || f.severity === 'major')) return 'failure';
  return 'neutral';
}
