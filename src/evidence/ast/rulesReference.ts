import { SEVERITY_OF, type AstRule } from './AstRule.js';
import { LANGUAGES, RULE_LANGUAGES } from './astGrep.js';
import { SECRET_RULE_REFERENCE } from '../secretRuleReference.js';

const LANGUAGE_NAMES = Object.fromEntries(RULE_LANGUAGES.map((l) => [l, LANGUAGES[l].name])) as Record<AstRule['language'], string>;
const FENCE = Object.fromEntries(RULE_LANGUAGES.map((l) => [l, LANGUAGES[l].fence])) as Record<AstRule['language'], string>;

/** The rules grouped by id, in file order, each id's files in the registry's language order (its first file carries the doc). */
export function rulesById(rules: readonly AstRule[]): Map<string, AstRule[]> {
  const byId = new Map<string, AstRule[]>();
  for (const rule of rules) byId.set(rule.id, [...(byId.get(rule.id) ?? []), rule]);
  for (const files of byId.values()) files.sort((a, b) => RULE_LANGUAGES.indexOf(a.language) - RULE_LANGUAGES.indexOf(b.language));
  return byId;
}

/** A rule file's severities: its own, then its weaker form's (sourceUnknown) when it has one. */
export function severitiesOf(rule: AstRule): string[] {
  const weaker = rule.metadata.sourceUnknown;
  return weaker ? [SEVERITY_OF[rule.severity], SEVERITY_OF[weaker.severity]] : [SEVERITY_OF[rule.severity]];
}

/** docs/rules.md, generated from the rule files (`npm run rules:doc`); a test keeps the committed copy current. */
export function rulesReference(rules: readonly AstRule[]): string {
  const byId = rulesById(rules);
  const out: string[] = [
    '# Agency\'s own rules',
    '',
    '<!-- Generated from rules/*.yml by `npm run rules:doc`; edit the rule files, not this page. -->',
    '',
    'Agency Architect puts deterministic evidence in front of every review. Most of it comes from the',
    'field\'s own tools: [squawk](https://squawkhq.com) lints SQL migrations and',
    '[secretlint](https://github.com/secretlint/secretlint) finds secrets. The rules on this page cover',
    'application code. Each finding names its rule and links the page the rule cites (its **Reference**',
    'below); once this project\'s docs are published, it links its section here instead.',
    '',
    '**How they run.** Each rule is a data file in `rules/` in [ast-grep](https://ast-grep.github.io)\'s',
    'YAML rule format (one file per rule and language), run on the syntax tree of the code a pull request',
    'changes (JavaScript, TypeScript, Python, Go, Ruby, Java, Kotlin, PHP, C#). A finding is reported only',
    'where a match touches an added line. Migrations, tests and fixtures, and paths in `paths.ignore` are',
    'skipped; minified, generated and very large files are skipped with a note, and so are languages the',
    'rules do not read. The parsers of languages other than JavaScript/TypeScript load only when a pull',
    'request has a file in one of them.',
    '',
    '**Request data, not patterns.** Rules about injection follow values within the function: a sink is',
    'reported when what reaches it comes from the request (`req.query`, `request.GET`, `params`,',
    '`r.URL.Query()`, `request.getParameter`, `@RequestParam` parameters, `$_GET`, `Request.Query` ...),',
    'directly or through variables assigned from it, or, for SQL and shell commands, when its text is',
    'built from values. Bound parameters, constants and words inside log strings are not reported.',
    'A rule can also report a weaker form at a lower severity and say so in its message: Python\'s',
    '`os.system` with a command that is not a constant (a parameter, a helper\'s result) where no request',
    'data is seen reaching it is a major finding, the same call with request data a blocker (likewise',
    'SQL text built from values in every language, and PyYAML\'s `yaml.load` of a document that is not a',
    'constant).',
    'Command-line arguments and standard input (`sys.argv`, `process.argv`, `os.Args`, `ARGV`, `input()`) are',
    'the operator\'s, not request data: a script that opens the file named on its command line is not a',
    'path traversal, and a shell command built from them is that weaker form.',
    'Request data also means Flask/FastAPI route parameters (`@app.route("/f/<name>")`) and the fields a',
    'TypeScript handler destructures from a typed `Request`, and in Go a variable filled through its address by',
    'a call that reads the request (`json.NewDecoder(r.Body).Decode(&in)`, `c.ShouldBindJSON(&in)`,',
    '`decodeJSON(w, r, &in)`), and a gRPC or Connect handler\'s request message (`req *pb.RunRequest`); a row',
    'scanned into a variable (`row.Scan(&url)`) is stored data. A closure reads the',
    'variables of the function around it (`files.forEach((f) => exec(cmd + f))`, `go func() { ... }()`) unless it',
    'takes the name as a parameter. Values pass through loops (`for (const x of',
    'list)`, Java\'s `for (Cookie c : req.getCookies())`), and into a Java builder, list or map they are appended,',
    'added or put into; they are followed six assignments back. The class a Java static method is called on',
    '(`Utils.quote(x)`, `System.getenv("HOME")`) is a type, not a value: only the call\'s arguments decide; so is a module',
    'the file imports or the runtime gives (`config.get("dir")`, `viper.GetString("dir")`, `process.cwd()`, `__dirname`,',
    '`__file__`) unless a parameter shadows it, but not one that reads the program\'s input (`sys.argv`, `flag.Arg(0)`,',
    '`argparse`) or a framework\'s global `request`. A Java, C# or Kotlin member (`name.Trim()`) is read by the object it is on, and a',
    'chain that starts at a type (`Path.Combine(...)`) by its calls\' arguments; the class\'s fields and properties,',
    '`this.X` and a controller\'s `User` or `Request` are not types. A read of a local list or map (Java\'s',
    '`values.get(1)` and `map.get("keyA")`, Go\'s and Python\'s `m["keyA"]`) is the value stored there when the',
    'function\'s changes to it can be replayed (each `add`, `set`, `remove(0)`, `put`, `m["k"] = v`, `delete(m, "k")`',
    'a plain statement of the declaring block, indexes and keys literals, the collection used no other way),',
    'else anything put into it. A later plain assignment in the same block',
    'replaces what a variable held; one inside a branch adds a possible value, unless the branch\'s condition is',
    'made only of constants (`if 7*42 > 200`, `num > 10 ? "title" : term` with `int num = 12`, a Java `switch`',
    'on `guess.charAt(1)` with `String guess = "ABC"`): then the branch or `case` group that never runs adds',
    'nothing and the one that always runs is straight-line code (a name is a constant only when its function',
    'sets it once: a loop\'s later `state = "run"` or `tries++` makes it a variable). Calls that cannot carry the input\'s text stop it (`parseInt`, `int()`,',
    '`to_i`, `strconv.Atoi`, `path.basename`, `File.basename`, `secure_filename`, a `sanitize...` function),',
    'and so does a lookup in a fixed table (`ALLOWED[key]`, also one declared outside the function; a literal',
    'holding request data, `[]string{param}`, is not one). A value',
    'checked before its use is checked when the failing branch leaves or replaces it: `if !allowed[name] { return }`,',
    '`if !strings.HasPrefix(full, root) { return }`, `if not is_safe_url(target): abort(400)`,',
    '`if (!hosts.has(u.hostname)) return res.sendStatus(400)`, `if u.Host != r.Host { return }` (a check on `u, _ := url.Parse(target)` counts',
    'for `target`); a check that only logs, or one after the use, does not. A record looked up by a request key',
    '(`User.findById(req.params.id)`, `Post.find(params[:id])`, `get_object_or_404(...)`) is stored data, not',
    'the request\'s. For SSRF and open redirects only request data',
    'that starts the URL counts (after at most a bare `https://` or `//`): a fixed or configured host',
    '(`"https://api.example.com/" + id`, `config.base + path`, Go\'s `url.URL{Host: "api.example.com", Path: p}`) decides where the request goes.',
    'Not hearing from a rule does not mean the code is fine. `npm run bench -- realcode` runs the rules on',
    'real code no one wrote for them (198 files of 89 public web applications, the installed npm',
    'dependencies, the Python standard library) and lists every finding: how much a user hears from each',
    'rule on ordinary code (bench/heldout/README.md has the last figures).',
    '',
    '| Rule | Languages | Severity | Category |',
    '| --- | --- | --- | --- |',
  ];
  for (const [id, files] of byId) {
    const first = files[0] as AstRule;
    const severities = [...new Set(files.flatMap(severitiesOf))].join(' / ');
    out.push(`| [\`${id}\`](#${id}) | ${files.map((f) => LANGUAGE_NAMES[f.language]).join(', ')} | ${severities} | ${first.metadata.category} |`);
  }
  out.push('| [`hardcoded-secret`](#hardcoded-secret) | any file | blocker | security |', '');
  for (const [id, files] of byId) {
    const first = files[0] as AstRule;
    const m = first.metadata;
    out.push(`## ${id}`, '', `${m.title}.`, '', `**What.** ${m.what}`, '', `**Why.** ${m.why}`, '', `**How to fix.** ${m.fix}`, '', `**Reference.** <${m.reference}>`, '');
    out.push('| Language | Rule file | Reported when |', '| --- | --- | --- |');
    for (const f of files) out.push(`| ${LANGUAGE_NAMES[f.language]} | [\`rules/${f.file}\`](../rules/${f.file}) | ${reportedWhen(f).replace(/\|/g, '\\|')} |`);
    out.push('');
    for (const f of files) {
      const example = f.metadata.examples.invalid[0] as string;
      out.push(`<details><summary>${LANGUAGE_NAMES[f.language]}: flagged and not flagged</summary>`, '', '```' + FENCE[f.language], example.trimEnd(), '```', '', '```' + FENCE[f.language], (f.metadata.examples.valid[0] as string).trimEnd(), '```', '', '</details>', '');
    }
  }
  out.push(...SECRETS_AND_SQUAWK);
  return `${out.join('\n').trimEnd()}\n`;
}

/** The rule's message, and its weaker form's with that form's severity. */
function reportedWhen(rule: AstRule): string {
  const weaker = rule.metadata.sourceUnknown;
  if (!weaker) return rule.message;
  return `${rule.message} (${SEVERITY_OF[rule.severity]}) Otherwise: ${weaker.message} (${SEVERITY_OF[weaker.severity]})`;
}

const SECRETS_AND_SQUAWK = [
  '## hardcoded-secret',
  '',
  '**What.** A credential on an added line, in any file (lockfiles and generated files included),',
  'recognised by shape: GitHub tokens (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`, `github_pat_`), GitLab',
  '(`glpat-` ...), Hugging Face (`hf_`), PyPI (`pypi-AgEIcHlwaS5vcmc...`), DigitalOcean (`dop_v1_`),',
  'HashiCorp Vault (`hvs.`), Postman (`PMAK-`), New Relic (`NRAK-`), Anthropic keys (`sk-ant-`), AWS',
  'access key ids (`AKIA...`, `ASIA...`) and secret access keys next to their name, Slack tokens and',
  'webhooks, Stripe live and test keys, Twilio API keys and auth tokens, Telegram bot tokens, Google API',
  'keys, npm tokens, SendGrid, Mailgun, Mailchimp, Square, Braintree and Facebook tokens, AWS session',
  'tokens next to their name, Azure Storage account keys (`AccountKey=`), Onfido (`api_live.`), Kolide',
  '(`k2sk_`), Composio (`ak_`, `oak_`, `uak_`), SonarQube (`squ_`, `sqa_`, `sqp_`, or 40 hex next to a',
  'Sonar setting) and age (`AGE-SECRET-KEY-1`) keys, credentials',
  'inside URLs (`scheme://user:password@host`), private key blocks (PEM, OpenSSH, PGP; also inside',
  'string literals), signed JSON Web Tokens, passwords on an `sshpass -p` command line, and literals',
  'assigned to a credential\'s name (`api_key = "..."`, `DB_PASSWORD=...`; rule id',
  '`hardcoded-secret/hardcoded-credential`) when the value has some strength and is not a placeholder,',
  'an environment read or in a test. secretlint\'s recommended rules run alongside and report under',
  'their own ids; one finding per line, the most specific name first. The full list, and how it was',
  'measured: [secrets.md](secrets.md).',
  '',
  '**Not reported.** Keys published in providers\' documentation (`AKIAIOSFODNN7EXAMPLE`, Stripe\'s',
  'sample key, Azurite\'s account key ...) and obvious placeholders (`xxxx`, `<your-key>`, `changeme`,',
  '`${VAR}`, one character repeated), and a sample a comment introduces as one (`// e.g. ghp_...`).',
  'They are still masked in everything sent to a model or posted.',
  '',
  '**Why.** Anything pushed is readable by everyone with access to the repository and stays in its',
  'history even after the line is deleted.',
  '',
  '**How the secret is shown.** Never verbatim: at most four characters at each end',
  '(`AKIA************3IAR`), or `[REDACTED]` for short values. The same patterns mask secrets in',
  'everything Agency sends to a model or posts.',
  '',
  '**How to fix.** Revoke and rotate the credential first, then remove it and read it from the',
  'environment or a secret manager.',
  '',
  `**Reference.** <${SECRET_RULE_REFERENCE}>`,
  '',
  '## Migrations (squawk)',
  '',
  'Squawk findings keep squawk\'s rule ids and link to squawk\'s documentation. Squawk 2 reports almost',
  'every rule at level "warning", so Agency ranks them by what they protect against:',
  '',
  '- **blocker**: the migration fails on a non-empty table, or loses or rewrites data under an exclusive',
  '  lock (`adding-required-field`, `ban-drop-column`, `ban-drop-table`, `changing-column-type`, ...);',
  '- **major**: locks that block writes or reads for a scan or build, or changes that break running',
  '  clients (`require-concurrent-index-creation`, `adding-field-with-default`,',
  '  `constraint-missing-not-valid`, `renaming-column`, ...);',
  '- **minor**: everything else. Rules that fire on every statement (`prefer-robust-stmts`,',
  '  `require-lock-timeout`, `require-statement-timeout`, the `prefer-*` type rules) are reported once',
  '  per file.',
  '',
  'A foreign key added without `NOT VALID` is listed once, as `adding-foreign-key-constraint`: squawk',
  'also reports the generic `constraint-missing-not-valid` on the same statement, which says no more.',
  '',
  'Down migrations are not linted (they drop things on purpose), and a file squawk cannot parse (it',
  'reads Postgres only) is noted in the review instead of reported as a finding.',
];
