const BY_EXTENSION: Record<string, string> = {
  sql: 'sql',
  ts: 'ts',
  tsx: 'tsx',
  js: 'js',
  mjs: 'js',
  cjs: 'js',
  py: 'python',
  rb: 'ruby',
  go: 'go',
  java: 'java',
  kt: 'kotlin',
  rs: 'rust',
  cs: 'csharp',
  php: 'php',
  prisma: 'prisma',
  graphql: 'graphql',
  gql: 'graphql',
  proto: 'protobuf',
  yml: 'yaml',
  yaml: 'yaml',
  json: 'json',
};

/** The info string for highlighting code from `path`; empty when unknown (a plain block is fine). */
export function fenceLanguage(path: string | null): string {
  const ext = path ? /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase() : undefined;
  return (ext && BY_EXTENSION[ext]) ?? '';
}
