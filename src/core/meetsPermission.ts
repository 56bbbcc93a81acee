import { PERMISSIONS, type Permission } from '../config/configSchema.js';

/** Whether `actual` is at least `required` in GitHub's order read < triage < write < maintain < admin. */
export function meetsPermission(actual: Permission | 'none', required: Permission): boolean {
  if (actual === 'none') return false;
  return PERMISSIONS.indexOf(actual) >= PERMISSIONS.indexOf(required);
}
