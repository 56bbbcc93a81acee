/** What a test passes to a process it starts with an environment of its own, so loopbackOnly.cjs guards it too. */
export function loopbackEnv(): Record<string, string> {
  const names = ['NODE_OPTIONS', 'LOOPBACK_ONLY_DIR', 'LOOPBACK_ONLY_TEST'] as const;
  return Object.fromEntries(names.flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : [])));
}
