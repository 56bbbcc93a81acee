import { z } from 'zod';
import { COMMANDS } from '../domain/commands.js';

/** Paths that make a change "backend": migrations, SQL, schemas, HTTP entry points, services, data access. */
export const DEFAULT_BACKEND_PATHS = [
  '**/migrations/**',
  '**/migrate/**',
  '**/*.sql',
  '**/schema.prisma',
  '**/prisma/**',
  '**/schema.{rb,graphql,gql}',
  '**/*.graphql',
  '**/db/**',
  '**/routes/**',
  '**/controllers/**',
  '**/handlers/**',
  '**/services/**',
  '**/repositories/**',
  '**/models/**',
  '**/api/**',
  '**/server/**',
  '**/*.proto',
  '**/openapi.{yml,yaml,json}',
];

/** Paths never sent to the model: lockfiles, generated, vendored, built, minified, binaries. */
export const DEFAULT_IGNORE_PATHS = [
  '**/package-lock.json',
  '**/yarn.lock',
  '**/pnpm-lock.yaml',
  '**/bun.lock{,b}',
  '**/Cargo.lock',
  '**/Gemfile.lock',
  '**/poetry.lock',
  '**/composer.lock',
  '**/go.sum',
  '**/vendor/**',
  '**/node_modules/**',
  '**/dist/**',
  '**/build/**',
  '**/generated/**',
  '**/__generated__/**',
  '**/*.generated.*',
  '**/*.min.{js,css}',
  '**/*.map',
  '**/*.{png,jpg,jpeg,gif,webp,ico,pdf,zip,gz,tgz,jar,woff,woff2,ttf,eot,mp4,mp3,wasm,so,dylib,dll,exe,bin}',
];

export const PERMISSIONS = ['read', 'triage', 'write', 'maintain', 'admin'] as const;
export type Permission = (typeof PERMISSIONS)[number];

const globList = (description: string, defaults: string[]) =>
  z.array(z.string().min(1)).default(defaults).describe(description);

/**
 * `.github/agency.yml`: the one schema for repository config. It holds every default and a description
 * per field; the JSON Schema in `schema/agency.schema.json` and the README reference are generated from it.
 */
export const ConfigSchema = z
  .object({
    label: z
      .string()
      .min(1)
      .max(50)
      .default('backend')
      .describe('Label that asks for a plan on an issue and a review on a pull request.'),
    paths: z
      .object({
        backend: globList('Globs of backend files; a PR touching one is reviewed (see review.auto).', DEFAULT_BACKEND_PATHS),
        ignore: globList('Globs never read or sent to the model (lockfiles, generated, vendored, binaries).', DEFAULT_IGNORE_PATHS),
      })
      .strict()
      .prefault({})
      .describe('Which files count as backend, and which are never read.'),
    commands: z
      .array(z.enum(COMMANDS))
      .default([...COMMANDS])
      .describe('Enabled /agency: commands; others answer with help.'),
    permission: z
      .enum(PERMISSIONS)
      .default('write')
      .describe('Minimum repository permission a user needs to trigger work.'),
    allowedLinks: z
      .array(z.string().regex(/^https:\/\/[^\s/]+\//, 'an https:// URL prefix ending in a path, e.g. https://docs.example.com/'))
      .default([])
      .describe('Extra link prefixes that model-written text may link to; links into this repository are always kept, others become plain text.'),
    allowBots: z
      .array(z.string().min(1))
      .default([])
      .describe('Bot logins (e.g. "renovate[bot]") allowed to trigger; bots are ignored otherwise.'),
    model: z
      .object({
        id: z.string().min(1).default('claude-sonnet-5-5').describe('Claude model id.'),
        maxOutputTokens: z.int().min(1024).max(64000).default(8192).describe('Maximum output tokens per model call.'),
        inputTokenBudget: z
          .int()
          .min(4000)
          .max(400000)
          .default(60000)
          .describe('Input token budget per event; diffs beyond it are listed as not reviewed.'),
        timeoutSeconds: z.int().min(10).max(600).default(120).describe('Timeout of one model call, in seconds.'),
      })
      .strict()
      .prefault({})
      .describe('Model settings.'),
    review: z
      .object({
        auto: z
          .enum(['label', 'paths', 'off'])
          .default('paths')
          .describe('Review PRs automatically: "label" = only labeled ones, "paths" = labeled or touching backend paths, "off" = only on /agency:review.'),
        drafts: z.boolean().default(false).describe('Also review draft PRs automatically.'),
        inlineComments: z.boolean().default(true).describe('Post findings as inline comments on diff lines.'),
        maxInlineComments: z.int().min(0).max(100).default(20).describe('Most inline comments in one review.'),
        requestChanges: z.boolean().default(false).describe('Use REQUEST_CHANGES when a blocker is found (COMMENT otherwise).'),
        checkRun: z.boolean().default(true).describe('Publish a check run with annotations for the findings.'),
        checkConclusion: z
          .enum(['neutral', 'failure-on-blocker', 'failure-on-major'])
          .default('neutral')
          .describe('Conclusion of the check run.'),
      })
      .strict()
      .prefault({})
      .describe('Pull request reviews.'),
    adr: z
      .object({
        dir: z
          .string()
          .min(1)
          .regex(/^(?!\/)(?!.*(^|\/)\.\.(\/|$))[^\0]+$/, 'a relative path inside the repository')
          .default('.agency/decisions')
          .describe('Directory of Architecture Decision Records.'),
        mode: z.enum(['pr', 'direct']).default('pr').describe('"pr" proposes ADRs through a pull request; "direct" commits to the default branch.'),
        auto: z.boolean().default(false).describe('Record every proposed decision of a plan as an ADR.'),
      })
      .strict()
      .prefault({})
      .describe('Architecture Decision Records.'),
    limits: z
      .object({
        maxBodyChars: z.int().min(1000).max(1000000).default(60000).describe('Longest issue/PR/comment text read; longer text is cut with a note.'),
        maxFilesPerReview: z.int().min(1).max(3000).default(300).describe('Most files whose changes the reviewer (model or offline engine) reads in one review; the linters and code rules still check the files past it.'),
        modelCallsPerEvent: z.int().min(1).max(10).default(2).describe('Most model calls for one event.'),
        dailyTokenBudget: z.int().min(0).default(2000000).describe('Tokens per installation per day; 0 = unlimited.'),
        commandsPerWindow: z
          .int()
          .min(0)
          .max(1000)
          .default(5)
          .describe('Commands one user may run per repository within commandWindowMinutes (a burst allowance; writers are trusted, so their commands queue); 0 = unlimited.'),
        commandWindowMinutes: z.int().min(1).max(1440).default(10).describe('The sliding window of commandsPerWindow, in minutes.'),
        repoMapFileReads: z.int().min(0).max(100).default(10).describe('Files read to map the repository (stack, schema, routes); one GitHub request each unless cached.'),
        toolCallsPerJob: z.int().min(0).max(50).default(8).describe('Repository tool calls (list a folder, read a file, search) Claude may make in one job; 0 = no tools.'),
        toolBytesPerJob: z.int().min(0).max(2000000).default(120000).describe('Bytes of tool results Claude may read in one job.'),
        toolTokensPerJob: z.int().min(1000).max(5000000).default(150000).describe('Input tokens all model requests of one job may use together when tools are called.'),
      })
      .strict()
      .prefault({})
      .describe('Limits that bound cost and noise.'),
  })
  .strict();

export type Config = z.infer<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;

export const DEFAULT_CONFIG: Config = ConfigSchema.parse({});
