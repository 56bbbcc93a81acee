import { z } from 'zod';
import { RULE_LANGUAGES } from './astGrep.js';

/**
 * How far a metavariable's value must come from outside for the rule to report:
 * - `request`: request data within the enclosing function (directly, or through variables assigned from it);
 * - `built`: a string assembled from non-constant values (concatenation, interpolation, formatting), or request data;
 * - `dynamic`: anything but a constant;
 * - `leading`: request data that starts the value, after at most a bare scheme (`https://`, `//`): it picks
 *   a URL's host, which a fixed `https://api.example.com/` prefix or a configured base does not let it do.
 */
export const TAINT_LEVELS = ['request', 'built', 'dynamic', 'leading'] as const;
export type TaintLevel = (typeof TAINT_LEVELS)[number];

const Example = z.string().min(1);
const Severity = z.enum(['error', 'warning', 'info', 'hint']);
const Taint = z.record(z.string(), z.enum(TAINT_LEVELS));

/**
 * One rule file: ast-grep's YAML rule format (id, language, rule, constraints, utils, message, severity,
 * note, url) plus our `metadata`: the documentation, the taint requirements and the examples the tests run.
 * ast-grep's severities map to ours: error → blocker, warning → major, info → minor, hint → nit.
 */
export const AstRuleSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
    language: z.enum(RULE_LANGUAGES),
    severity: Severity,
    message: z.string().min(1),
    note: z.string().optional(),
    url: z.string().optional(),
    rule: z.record(z.string(), z.unknown()),
    constraints: z.record(z.string(), z.unknown()).optional(),
    utils: z.record(z.string(), z.unknown()).optional(),
    metadata: z
      .object({
        category: z.string().min(1),
        title: z.string().min(1),
        what: z.string().min(1),
        why: z.string().min(1),
        fix: z.string().min(1),
        reference: z.url(),
        /** Metavariable (without `$`) → how it must be fed for a finding. */
        taint: Taint.optional(),
        /**
         * A match that misses `taint` but meets these weaker requirements (the named metavariables' levels
         * replaced, the others kept) is reported with this severity and message: e.g. a shell command that is
         * not a constant, where no request data is seen reaching it. The message must say that.
         */
        sourceUnknown: z.object({ taint: Taint, severity: Severity, message: z.string().min(1) }).strict().optional(),
        /** Only in files that handle HTTP requests (by path or by a route declared in the file). */
        handlersOnly: z.boolean().optional(),
        /** Flagged lines end with a `ruleid` comment (`// ruleid` or `# ruleid`). */
        examples: z.object({ invalid: z.array(Example).min(1), valid: z.array(Example).min(1) }).strict(),
      })
      .strict(),
  })
  .strict();
export type AstRule = z.infer<typeof AstRuleSchema> & { file: string };

export const SEVERITY_OF = { error: 'blocker', warning: 'major', info: 'minor', hint: 'nit' } as const;
