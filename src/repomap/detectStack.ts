/** Stack facts from manifests and paths: display names, deduplicated. */
export interface Stack {
  frameworks: Set<string>;
  dataStores: Set<string>;
  orms: Set<string>;
}

/** Dependency name (npm, Go module, gem, PyPI) → what it tells. */
const DEPENDENCIES: { match: RegExp; framework?: string; store?: string; orm?: string }[] = [
  { match: /^express$/, framework: 'Express' },
  { match: /^fastify$/, framework: 'Fastify' },
  { match: /^koa$/, framework: 'Koa' },
  { match: /^hono$/, framework: 'Hono' },
  { match: /^@nestjs\/core$/, framework: 'NestJS' },
  { match: /^next$/, framework: 'Next.js' },
  { match: /^@hapi\/hapi$/, framework: 'hapi' },
  { match: /^(react|react-dom)$/, framework: 'React' },
  { match: /^vue$/, framework: 'Vue' },
  { match: /^graphql$|^@apollo\/server$|^apollo-server/, framework: 'GraphQL' },
  { match: /^(pg|postgres|pg-promise)$|^github\.com\/(jackc\/pgx|lib\/pq)|^psycopg2?(-binary)?$|^psycopg$|^asyncpg$|^pg$/, store: 'PostgreSQL' },
  { match: /^(mysql2?|mariadb)$|^github\.com\/go-sql-driver\/mysql|^mysqlclient$|^pymysql$|^mysql2$/i, store: 'MySQL' },
  { match: /^(sqlite3|better-sqlite3)$|^github\.com\/mattn\/go-sqlite3|^sqlite3$/, store: 'SQLite' },
  { match: /^(mongodb|mongoose)$|^go\.mongodb\.org\/mongo-driver|^pymongo$|^mongoid$/, store: 'MongoDB' },
  { match: /^(redis|ioredis|@redis\/client)$|^github\.com\/(redis|go-redis)\/|^redis(-py)?$|^redis-rails$/, store: 'Redis' },
  { match: /^@elastic\/elasticsearch$|^elasticsearch/, store: 'Elasticsearch' },
  { match: /^(bullmq|bull)$|^sidekiq$|^celery$/, store: 'job queue' },
  { match: /^(kafkajs|node-rdkafka)$|^github\.com\/segmentio\/kafka-go|^kafka-python$/, store: 'Kafka' },
  { match: /^knex$/, orm: 'Knex' },
  { match: /^(prisma|@prisma\/client)$/, orm: 'Prisma' },
  { match: /^typeorm$/, orm: 'TypeORM' },
  { match: /^sequelize$/, orm: 'Sequelize' },
  { match: /^drizzle-orm$/, orm: 'Drizzle' },
  { match: /^@mikro-orm\/core$/, orm: 'MikroORM' },
  { match: /^objection$/, orm: 'Objection' },
  { match: /^mongoose$/, orm: 'Mongoose' },
  { match: /^gorm\.io\/gorm$/, orm: 'GORM' },
  { match: /^github\.com\/jmoiron\/sqlx$/, orm: 'sqlx' },
  { match: /^github\.com\/gin-gonic\/gin$/, framework: 'Gin' },
  { match: /^github\.com\/labstack\/echo/, framework: 'Echo' },
  { match: /^github\.com\/go-chi\/chi/, framework: 'chi' },
  { match: /^github\.com\/gofiber\/fiber/, framework: 'Fiber' },
  { match: /^github\.com\/gorilla\/mux$/, framework: 'gorilla/mux' },
  { match: /^rails$/, framework: 'Ruby on Rails', orm: 'ActiveRecord' },
  { match: /^sinatra$/, framework: 'Sinatra' },
  { match: /^pg$/, store: 'PostgreSQL' },
  { match: /^django$/i, framework: 'Django', orm: 'Django ORM' },
  { match: /^djangorestframework$/i, framework: 'Django REST framework' },
  { match: /^flask$/i, framework: 'Flask' },
  { match: /^fastapi$/i, framework: 'FastAPI' },
  { match: /^sqlalchemy$/i, orm: 'SQLAlchemy' },
  { match: /^alembic$/i, orm: 'Alembic' },
  { match: /^stripe$|^github\.com\/stripe\/stripe-go/, framework: 'Stripe SDK' },
];

export function addDependency(stack: Stack, name: string): void {
  for (const d of DEPENDENCIES) {
    if (!d.match.test(name)) continue;
    if (d.framework) stack.frameworks.add(d.framework);
    if (d.store) stack.dataStores.add(d.store);
    if (d.orm) stack.orms.add(d.orm);
  }
}

/** Dependency names of a manifest, by its file name; [] for what cannot be parsed. */
export function manifestDependencies(path: string, text: string): string[] {
  const name = path.split('/').pop()!.toLowerCase();
  if (name === 'package.json') {
    try {
      const pkg = JSON.parse(text) as Record<string, unknown>;
      const deps = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'].flatMap((key) =>
        pkg[key] && typeof pkg[key] === 'object' ? Object.keys(pkg[key] as object) : [],
      );
      return deps;
    } catch {
      return [];
    }
  }
  if (name === 'go.mod') return [...text.matchAll(/^\s*(?:require\s+)?([\w.-]+\.[\w.-]+\/[\w./-]+)\s+v[\w.+-]+/gm)].map((m) => m[1]!);
  if (name === 'gemfile') return [...text.matchAll(/^\s*gem\s+['"]([\w-]+)['"]/gm)].map((m) => m[1]!);
  if (name === 'requirements.txt' || name.endsWith('.in') || /^requirements.*\.txt$/.test(name)) {
    return text.split('\n').map((l) => /^\s*([A-Za-z0-9_.-]+)/.exec(l)?.[1] ?? '').filter((n) => n.length > 0 && !n.startsWith('-'));
  }
  if (name === 'pyproject.toml' || name === 'pipfile') {
    const out = [...text.matchAll(/^\s*["']?([A-Za-z0-9_.-]+)["']?\s*(?:[=<>~!]|\s*=\s*[{"'])/gm)].map((m) => m[1]!);
    out.push(...[...text.matchAll(/["']([A-Za-z0-9_.-]+)\s*(?:\[[^\]]*\])?\s*(?:[<>=~!][^"']*)?["']/g)].map((m) => m[1]!));
    return out;
  }
  return [];
}

/** What lockfiles, config files and folders say without being read. */
export function stackFromPaths(stack: Stack, paths: readonly string[]): void {
  for (const path of paths) {
    const base = path.split('/').pop()!;
    if (base === 'schema.prisma' || path.endsWith('.prisma')) stack.orms.add('Prisma');
    if (path === 'config/database.yml') stack.orms.add('ActiveRecord');
    if (base === 'manage.py') stack.frameworks.add('Django');
    if (base === 'alembic.ini') stack.orms.add('Alembic');
    if (base === 'knexfile.js' || base === 'knexfile.ts') stack.orms.add('Knex');
    if (/^ormconfig\./.test(base)) stack.orms.add('TypeORM');
    if (/^drizzle\.config\./.test(base)) stack.orms.add('Drizzle');
  }
}

export const LOCKFILES: Record<string, string> = {
  'package-lock.json': 'npm',
  'yarn.lock': 'Yarn',
  'pnpm-lock.yaml': 'pnpm',
  'bun.lockb': 'Bun',
  'go.sum': 'Go modules',
  'Gemfile.lock': 'Bundler',
  'poetry.lock': 'Poetry',
  'Pipfile.lock': 'Pipenv',
  'uv.lock': 'uv',
  'Cargo.lock': 'Cargo',
  'composer.lock': 'Composer',
};

export const LANGUAGES: Record<string, string> = {
  ts: 'TypeScript',
  tsx: 'TypeScript',
  mts: 'TypeScript',
  cts: 'TypeScript',
  js: 'JavaScript',
  jsx: 'JavaScript',
  mjs: 'JavaScript',
  cjs: 'JavaScript',
  go: 'Go',
  rb: 'Ruby',
  py: 'Python',
  java: 'Java',
  kt: 'Kotlin',
  rs: 'Rust',
  php: 'PHP',
  cs: 'C#',
  sql: 'SQL',
  ex: 'Elixir',
  exs: 'Elixir',
  scala: 'Scala',
  swift: 'Swift',
};
