/**
 * No Docker engine runs in CI: these check what can be checked without one. The compose file parses with
 * the strict YAML parser and wires app + Redis; the Dockerfile's stages, user and the files it copies exist.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

describe('docker-compose.yml', () => {
  const doc = parseDocument(read('docker-compose.yml'), { strict: true, uniqueKeys: true, prettyErrors: true });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const compose = doc.toJS() as any;

  it('parses with the strict YAML parser, without warnings', () => {
    expect(doc.errors.map(String)).toEqual([]);
    expect(doc.warnings.map(String)).toEqual([]);
  });

  it('runs the app built here next to redis:7, with REDIS_URL pointing at it and a /healthz healthcheck', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['app', 'redis']);
    expect(compose.services.app.build).toBe('.');
    expect(compose.services.redis.image).toMatch(/^redis:7(\b|$)/);
    expect(compose.services.app.environment.REDIS_URL).toBe('redis://redis:6379');
    expect(compose.services.app.depends_on.redis.condition).toBe('service_healthy');
    expect(compose.services.app.healthcheck.test.join(' ')).toMatch(/127\.0\.0\.1:3000\/healthz/);
    expect(compose.services.app.ports).toContain(`${compose.services.app.environment.PORT}:3000`);
    expect(compose.services.redis.healthcheck.test).toEqual(['CMD', 'redis-cli', 'ping']);
  });
});

describe('Dockerfile', () => {
  const lines = read('Dockerfile')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const stages = lines.reduce<string[][]>((acc, line) => (line.startsWith('FROM ') ? [...acc, [line]] : (acc.at(-1)!.push(line), acc)), []);
  const final = stages.at(-1)!;

  it('is multi-stage on node:24, and the final stage installs production dependencies only and runs as a non-root user', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage[0]).toMatch(/^FROM node:24[-.\w]*( AS \w+)?$/);
    expect(final.some((l) => /^RUN .*npm ci --omit=dev/.test(l))).toBe(true);
    const user = final.filter((l) => l.startsWith('USER ')).at(-1);
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^USER (root|0)(:|$)/);
    expect(final.some((l) => /^COPY --from=build \/app\/lib \.\/lib$/.test(l))).toBe(true);
  });

  it('copies files that exist and starts what `npm start` starts', () => {
    for (const line of lines.filter((l) => l.startsWith('COPY ') && !l.includes('--from='))) {
      const sources = line.split(/\s+/).slice(1, -1);
      for (const source of sources) expect(existsSync(new URL(source, root)), `${line}: ${source}`).toBe(true);
    }
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    const cmd = JSON.parse(final.find((l) => l.startsWith('CMD '))!.slice(4)) as string[];
    expect(`${cmd.join(' ')}`).toBe(pkg.scripts.start);
    expect(existsSync(new URL('src/app/main.ts', root))).toBe(true);
    expect(JSON.parse(read('tsconfig.build.json')).compilerOptions.outDir).toBe('lib');
    expect(stages[0]!.some((l) => l === 'RUN npm run build')).toBe(true);
    // The image's healthcheck asks the route startServer serves.
    expect(lines.some((l) => l.startsWith('HEALTHCHECK') && l.includes('/healthz'))).toBe(true);
    expect(read('src/app/startServer.ts')).toMatch(/req\.url === '\/healthz'/);
  });

  it('leaves local builds, dependencies and secrets out of the build context', () => {
    const ignored = read('.dockerignore').split('\n').map((l) => l.trim());
    for (const entry of ['node_modules', 'lib', '.env', '*.pem', '.git']) expect(ignored).toContain(entry);
  });
});
