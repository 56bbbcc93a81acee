import { PERMISSIONS, type Permission } from '../config/configSchema.js';

/** "people with **write**, **maintain** or **admin** access": the configured level and every higher one. */
export function permissionPhrase(permission: Permission): string {
  if (permission === 'read') return 'anyone who can read this repository';
  const levels = PERMISSIONS.slice(PERMISSIONS.indexOf(permission)).map((p) => `**${p}**`);
  const list = levels.length === 1 ? levels[0] : `${levels.slice(0, -1).join(', ')} or ${levels.at(-1)}`;
  return `people with ${list} access`;
}
