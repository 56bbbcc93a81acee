import type { Severity } from '../domain/findingSchema.js';

/** The migration fails on a non-empty table, or data is lost or rewritten under an exclusive lock. */
const BLOCKER_RULES = new Set([
  'adding-required-field',
  'ban-drop-column',
  'ban-drop-table',
  'ban-drop-database',
  'ban-truncate-cascade',
  'changing-column-type',
  'ban-concurrent-index-creation-in-transaction',
]);

/** Locks that block writes (or reads) for the length of a scan or build, or changes that break clients. */
const MAJOR_RULES = new Set([
  'require-concurrent-index-creation',
  'require-concurrent-index-deletion',
  'adding-field-with-default',
  'adding-not-nullable-field',
  'adding-foreign-key-constraint',
  'adding-primary-key-constraint',
  'adding-serial-primary-key-field',
  'constraint-missing-not-valid',
  'disallowed-unique-constraint',
  'renaming-column',
  'renaming-table',
  'ban-drop-not-null',
  'ban-alter-domain-with-add-constraint',
  'ban-create-domain-with-constraint',
  'ban-uncommitted-transaction',
  'transaction-nesting',
]);

/**
 * Squawk 2.x reports nearly every rule at level "Warning", so the level alone says little: severity comes
 * from what the rule protects against. Unknown rules fall back to the level.
 */
export function squawkSeverity(rule: string, level: string): Severity {
  if (BLOCKER_RULES.has(rule)) return 'blocker';
  if (MAJOR_RULES.has(rule)) return 'major';
  return level.toLowerCase() === 'error' ? 'major' : 'minor';
}
