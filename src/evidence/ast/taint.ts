import type { SgNode } from '@ast-grep/napi';
import type { TaintLevel } from './AstRule.js';
import type { RuleLanguage } from './astGrep.js';
import { collectionElement } from './collectionElement.js';
import { constantValue, type ConstantContext } from './constantCondition.js';
import { escapeName } from './escapeName.js';
import { NodeFacts } from './NodeFacts.js';
import { memberChainFrom, memberChainRoot, type ChainGrammar } from './memberChainRoot.js';
import { moduleBindings } from './moduleBindings.js';

interface LanguageShape {
  /** Request data, read in the expression's text. */
  request: RegExp;
  /** Function-like nodes: a variable is looked up in the innermost one around the use. */
  scopes: ReadonlySet<string>;
  /** Assignment-like nodes with a target and a value: a field name, `kind:<kind>` (the first child of that kind), `first` or `last` (named child). */
  assignments: Readonly<Record<string, readonly [target: string, value: string]>>;
  identifiers: ReadonlySet<string>;
  /** String literals that cannot carry a value (no interpolation child). */
  strings: ReadonlySet<string>;
  /** Interpolation children of a string. */
  interpolation: ReadonlySet<string>;
  /** A call that formats a string, judged by its text start. */
  formatCall: RegExp;
  binary: ReadonlySet<string>;
  /** Call nodes, when not `call_expression`/`call`. */
  calls?: ReadonlySet<string>;
  /** The string concatenation operator, when not `+`. */
  concat?: string;
  /** Parameters the framework fills from the request (Spring's `@RequestParam`, ASP.NET's `[FromQuery]` ...). */
  requestParameters?: { kinds: ReadonlySet<string>; pattern: RegExp; names?: RegExp };
  /** A route declared on the function (Flask `@app.route("/f/<name>")`, FastAPI `"/f/{name}"`): its path parameters are request data. */
  routeParameters?: { decorated: string; route: RegExp };
  /** Calls whose result cannot carry the input's text (a number, a bare file name, a shell-quoted word), judged by the call's text. */
  sanitizer: RegExp;
  /** An index into a fixed table (`ALLOWED[key]`): the value is one of the table's, whatever the key. */
  lookup?: { kinds: ReadonlySet<string>; object: string; tables: ReadonlySet<string> };
  /**
   * Functions called by a bare name whose result is known from constant arguments (`str(5)`, `len("ab")`).
   * At the `dynamic` level, a bare-name call of any other function (`make_command()`, a helper or an
   * import) is not a constant: its result is not known here.
   */
  pureCalls?: RegExp;
  /**
   * Calls that fill a variable through its address (`json.NewDecoder(r.Body).Decode(&in)`, `c.ShouldBindJSON(&in)`):
   * the variable then holds what the call read. The rule finds the calls; `pattern` names the variable (group 1) of each `&x` argument.
   */
  outArguments?: { rule: Record<string, unknown>; pattern: RegExp };
  /** The grammar's `if` statement (a `condition` and a `consequence` or `body` field), where checks are read (guardsOf). */
  ifStatement?: string;
  /** In-place appends, found by an ast-grep rule, their receiver by the node's text (group 1): it then also holds the argument (`q << x`, `q.concat(x)`). */
  appends?: { rule: Record<string, unknown>; pattern: RegExp };
  /** Reads of a local list or map (`values.get(1)`, `m["k"]`), by their text, replayed to the value stored there (collectionElement). */
  collectionReads?: RegExp;
  /** Integer operands divide to an integer (`7 / 2` is 3), as in Java, Go, C# and Kotlin. */
  integerDivision?: true;
  /** The `switch` statement: on a constant, only the groups whose label matches run (liveGroups). */
  switchStatement?: { kind: string; groups: ReadonlySet<string>; label: string };
  /**
   * Names the runtime gives every module for where it runs (`__dirname`, `__file__`): what they hold is the
   * deployment's, never a caller's.
   */
  ambient?: RegExp;
  /** Modules the runtime gives without an import (`process`): read like the file's imports (isModuleReceiver). */
  runtimeModules?: RegExp;
  /**
   * Java, C# and Kotlin: a member's name is no value of its own (memberChainRoot), and a chain that starts at a type
   * (`Path.Combine`, `Environment.GetEnvironmentVariable`) is decided by its calls' arguments. `members`:
   * names a controller inherits that hold input (`User`, `Request`), never read as types; `declared`: the
   * file's fields and properties (not types either), by a rule and the first name in each match; `packages`:
   * a chain can start at a lower-case package (`org.acme.Utils.quote(x)`), members being camelCase.
   */
  memberChains?: { grammar: ChainGrammar; members?: RegExp; declared: Record<string, unknown>; packages?: true };
}

const CALLS: ReadonlySet<string> = new Set(['call_expression', 'call']);

/** Java methods that put a value into their receiver: a builder's `append`, a collection's `add`, a map's `put`. */
const JAVA_FILLERS = 'append|insert|add|addAll|addFirst|addLast|push|offer|put|putAll|set';

const SHAPES: Record<RuleLanguage, LanguageShape> = {
  javascript: {
    request:
      /\b(?:req|request|ctx\.request|ctx)\.(?:body|query|params|headers|cookies|files|file|url|originalUrl|path|hostname|ip)\b|\bctx\.(?:query|params)\b|\bsearchParams\.get\(|\bevent\.(?:body|queryStringParameters|pathParameters|headers)\b|\b(?:req|request)\.(?:param|get|header)\(|\blocation\.(?:search|hash|href)\b/,
    scopes: new Set(['function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'function', 'generator_function_declaration']),
    // `for (const x of list)`: each x is a value of the list.
    assignments: { variable_declarator: ['name', 'value'], assignment_expression: ['left', 'right'], augmented_assignment_expression: ['left', 'right'], for_in_statement: ['left', 'right'] },
    identifiers: new Set(['identifier', 'shorthand_property_identifier_pattern']),
    ambient: /^(?:__dirname|__filename)$/,
    runtimeModules: /^process$/,
    strings: new Set(['string', 'number', 'template_string', 'true', 'false', 'null', 'regex']),
    interpolation: new Set(['template_substitution']),
    formatCall: /^(?:util\.format|format|sprintf)\(|\.(?:concat|join|replace)\(/,
    binary: new Set(['binary_expression']),
    ifStatement: 'if_statement',
    // TypeScript handlers that destructure the request: `({ body, query }: Request, res) => ...`.
    requestParameters: { kinds: new Set(['required_parameter', 'optional_parameter']), pattern: /:\s*(?:express\.)?Request\b/, names: /^(?:body|query|params|headers|cookies|files)$/ },
    // `x.replace(/\.\./g, '')`: the `..` segments removed.
    // A record looked up by a request key is stored data, not the request's (`await User.findById(req.params.id)`).
    sanitizer: /^(?:parseInt|parseFloat|Number|Math\.\w+|path\.basename|\w*[sS]anitiz\w*)\(|\.replace\(\/.*\\\.\\\.|^[\w$.]+\.(?:findByPk|findById|findOne|findUnique|findUniqueOrThrow|findFirst|findOneBy|findOneOrFail)\(/,
    lookup: { kinds: new Set(['subscript_expression']), object: 'object', tables: new Set(['object', 'array']) },
  },
  python: {
    request:
      /\brequest\.(?:GET|POST|FILES|COOKIES|META|args|form|values|json|data|files|headers|cookies|query_params|get_json|path_params|body|params|match_info|query|POST\.get|GET\.get|content)\b|\bevent\[|\bself\.request\.(?:arguments|body|get_argument)|\bget_argument\(/,
    scopes: new Set(['function_definition', 'lambda']),
    // `with open(path) as f`: f reads what path names.
    assignments: { assignment: ['left', 'right'], augmented_assignment: ['left', 'right'], named_expression: ['name', 'value'], for_statement: ['left', 'right'], as_pattern: ['alias', 'first'] },
    collectionReads: /^\w+\[\s*["'\d]/,
    identifiers: new Set(['identifier']),
    strings: new Set(['string', 'integer', 'float', 'true', 'false', 'none', 'concatenated_string']),
    interpolation: new Set(['interpolation']),
    formatCall: /\.format\(|^(?:format|str\.format)\(|\.join\(/,
    binary: new Set(['binary_operator']),
    ifStatement: 'if_statement',
    routeParameters: { decorated: 'decorated_definition', route: /@\w+(?:\.\w+)*\.(?:route|get|post|put|patch|delete|api_route|websocket)\(/ },
    // A record looked up by a request key is stored data (`get_object_or_404(Doc, pk=...)`, `Doc.objects.get(...)`, `db.session.get(Doc, id)`).
    sanitizer: /^(?:int|float|bool|os\.path\.basename|secure_filename|shlex\.quote|uuid\.UUID|\w*sanitiz\w*|get_object_or_404|get_list_or_404)\(|^[\w.]+\.objects\.get\(|^[\w.]+\.(?:get_or_404|first_or_404)\(|^[\w.]+\.query\.get\(|^(?:db\.)?session\.get\(/,
    lookup: { kinds: new Set(['subscript']), object: 'value', tables: new Set(['dictionary', 'list', 'set', 'tuple']) },
    ambient: /^(?:__file__|__name__)$/,
    pureCalls: /^(?:str|repr|ascii|int|float|bool|complex|bytes|bytearray|len|format|abs|min|max|round|sum|sorted|reversed|list|tuple|dict|set|frozenset|chr|ord|hex|oct|bin|range|enumerate|zip|map|filter|any|all|type|isinstance|issubclass|hash|id|divmod|pow)$/,
  },
  go: {
    integerDivision: true,
    request:
      /\.URL\.Query\(\)|\.(?:FormValue|PostFormValue|Query|Param|Params|PostForm|DefaultQuery|DefaultPostForm|GetQuery|GetPostForm|GetHeader|QueryParam|FormFile|Params\.ByName|Cookie)\(|\b(?:r|req|request)\.(?:Body|Form|PostForm|URL|Header|Host|RequestURI)\b|\b(?:mux\.Vars|chi\.URLParam|chi\.URLParamFromCtx)\(|\bc\.(?:Request|Params)\b|\b(?:c|ctx)\.(?:ShouldBind\w*|Bind\w*|BodyParser|QueryParser|ParamsParser)\(|\w\((?:w,\s*)?(?:r|req|request),\s*&\w/,
    scopes: new Set(['function_declaration', 'method_declaration', 'func_literal']),
    assignments: { short_var_declaration: ['left', 'right'], assignment_statement: ['left', 'right'], var_spec: ['name', 'value'], range_clause: ['left', 'right'] },
    collectionReads: /^\w+\[\s*["\d]/,
    identifiers: new Set(['identifier']),
    strings: new Set(['interpreted_string_literal', 'raw_string_literal', 'int_literal', 'float_literal', 'true', 'false', 'nil']),
    interpolation: new Set([]),
    formatCall: /^fmt\.(?:Sprintf|Printf|Fprintf)\(|^strings\.(?:Join|Replace\w*)\(|\.String\(\)/,
    binary: new Set(['binary_expression']),
    ifStatement: 'if_statement',
    // A gRPC or Connect handler's request message (`req *pb.RunJobRequest`, `req *connect.Request[v1.PingRequest]`); not `*http.Request`, whose fields are read one by one above.
    requestParameters: { kinds: new Set(['parameter_declaration']), pattern: /\*\s*(?!http\.Request\b)[\w.]*Request\b/ },
    // A number written as text (`strconv.Itoa(len(q))`) holds digits only.
    sanitizer: /^(?:strconv\.(?:Atoi|Parse\w+|Itoa|Format(?:Int|Uint|Float|Bool))|len|cap|filepath\.Base|path\.Base|uuid\.Parse)\(/,
    lookup: { kinds: new Set(['index_expression']), object: 'operand', tables: new Set(['composite_literal']) },
    // `json.NewDecoder(r.Body).Decode(&in)`, `c.ShouldBindJSON(&in)`, `json.Unmarshal(body, &in)`, `decodeJSON(w, r, &in)`.
    // Not a database read into the variable (`rows.Scan(&name)`, `db.Get(&u, q, id)`, `db.First(&u, id)`): that is stored data.
    outArguments: {
      rule: {
        kind: 'call_expression',
        has: { field: 'arguments', has: { kind: 'unary_expression', regex: '^&' } },
        not: { has: { field: 'function', regex: '\\.(Scan\\w*|StructScan|Get|Select|First|Last|Take|Find\\w*|Pluck|Count|QueryRow\\w*)$' } },
      },
      pattern: /(?<![&\w])&(?!&)\s*([A-Za-z_]\w*)\s*(?=[,)])/g,
    },
  },
  ruby: {
    request: /\bparams\b|\brequest\.(?:params|body|query_string|headers|env|url|path|fullpath|query_parameters|request_parameters|raw_post|referer)\b|\bcookies(?:\.permanent)?\[/,
    scopes: new Set(['method', 'singleton_method', 'block', 'do_block', 'lambda']),
    assignments: { assignment: ['left', 'right'], operator_assignment: ['left', 'right'] },
    identifiers: new Set(['identifier', 'instance_variable']),
    strings: new Set(['string', 'integer', 'float', 'true', 'false', 'nil', 'simple_symbol', 'symbol']),
    interpolation: new Set(['interpolation']),
    formatCall: /^(?:format|sprintf)\(|\.(?:join|gsub|sub)\(|^Kernel\.format\(/,
    binary: new Set(['binary']),
    // A record looked up by a request key is stored data, not the request's (`WebHook.find(params[:id])`);
    // a record built from it is a model, not text (`redirect_to @post` after `@post = current_user.posts.build(...)` goes to the record's path).
    sanitizer:
      /^(?:Integer|Float|File\.basename|Shellwords\.(?:escape|shellescape))\b|^[\w:@.]+\.(?:find|find_by!?|find_sole_by|build|create!?)\b|^(?!(?:Pathname|File|String|URI|StringIO|IO|Tempfile|Dir)\.)[A-Z]\w*(?:::[A-Z]\w*)*\.new\b|\.(?:to_i|to_f|shellescape)$/,
    lookup: { kinds: new Set(['element_reference']), object: 'object', tables: new Set(['hash', 'array']) },
    appends: {
      rule: { any: [{ kind: 'binary', has: { field: 'operator', regex: '^<<$' } }, { kind: 'call', has: { field: 'method', regex: '^(concat|prepend)$' } }] },
      pattern: /^(@?\w+)\s*(?:<<|\.(?:concat|prepend)\b)/,
    },
  },
  java: {
    integerDivision: true,
    request:
      // Also through a static accessor (Struts' `ServletActionContext.getRequest().getParameter(`, Spring's
      // `RequestContextHolder...getRequest()`, JSF's `getExternalContext().getRequestParameterMap()`): the class
      // such a call is made on is a type (memberChainRoot), so the request must be known by the call's name.
      /\b(?:\w*[rR]equest(?:\(\))?|req)\.(?:getParameter\w*|getHeaders?|getHeaderNames|getQueryString|getCookies|getInputStream|getReader|getPathInfo|getRequestURI|getRequestURL|getParts?)\(|\.getRequest(?:ParameterMap|ParameterValuesMap|ParameterNames|HeaderMap|CookieMap)\(|\bctx\.(?:queryParam|pathParam|formParam|header|body)\(/,
    scopes: new Set(['method_declaration', 'constructor_declaration', 'lambda_expression']),
    // `for (Cookie c : request.getCookies())`: each c is a value of the array.
    assignments: { variable_declarator: ['name', 'value'], assignment_expression: ['left', 'right'], enhanced_for_statement: ['name', 'value'] },
    identifiers: new Set(['identifier']),
    strings: new Set(['string_literal', 'text_block', 'decimal_integer_literal', 'true', 'false', 'null_literal']),
    interpolation: new Set([]),
    formatCall: /^String\.(?:format|join)\(|\.(?:formatted|concat|replace\w*)\(|\.toString\(\)$/,
    binary: new Set(['binary_expression']),
    ifStatement: 'if_statement',
    sanitizer: /^(?:Integer\.parseInt|Long\.parseLong|Integer\.valueOf|Long\.valueOf|FilenameUtils\.getName|UUID\.fromString)\(/,
    calls: new Set(['method_invocation']),
    requestParameters: { kinds: new Set(['formal_parameter']), pattern: /@(?:RequestParam|PathVariable|RequestBody|RequestHeader|CookieValue|QueryParam|PathParam|FormParam|HeaderParam)\b/ },
    // `sql.append(name)`, `args.add(name)`, `values.put("k", name)`: the builder, list or map then holds the value.
    appends: {
      rule: { kind: 'method_invocation', has: { field: 'name', regex: `^(?:${JAVA_FILLERS})$` } },
      pattern: new RegExp(`^(\\w+)\\s*\\.\\s*(?:${JAVA_FILLERS})\\s*\\(`),
    },
    collectionReads: /\.\s*get\s*\(/,
    switchStatement: { kind: 'switch_expression', groups: new Set(['switch_block_statement_group', 'switch_rule']), label: 'switch_label' },
    memberChains: { grammar: 'java', declared: { kind: 'variable_declarator', inside: { kind: 'field_declaration', stopBy: 'end' } }, packages: true },
  },
  kotlin: {
    integerDivision: true,
    request:
      /\b(?:\w*[rR]equest|req)\.(?:getParameter\w*|getHeader|queryParameters|queryString|getQueryString)\b|\bcall\.(?:parameters|receive\w*|request\.(?:queryParameters|headers|uri))\b|\bctx\.(?:queryParam|pathParam|formParam|body)\(/,
    scopes: new Set(['function_declaration', 'lambda_literal', 'anonymous_function', 'secondary_constructor']),
    assignments: { property_declaration: ['kind:variable_declaration', 'last'], assignment: ['kind:directly_assignable_expression', 'last'] },
    identifiers: new Set(['simple_identifier', 'interpolated_identifier']),
    strings: new Set(['string_literal', 'multiline_string_literal', 'integer_literal', 'boolean_literal', 'null']),
    interpolation: new Set(['interpolated_identifier', 'interpolated_expression']),
    formatCall: /^String\.format\(|\.(?:format|joinToString|replace)\(/,
    binary: new Set(['additive_expression']),
    sanitizer: /\.(?:toInt|toLong|toIntOrNull|toLongOrNull)\(\)$|^UUID\.fromString\(/,
    requestParameters: { kinds: new Set(['parameter']), pattern: /@(?:RequestParam|PathVariable|RequestBody|RequestHeader|CookieValue|QueryParam|PathParam)\b/ },
    memberChains: {
      grammar: 'kotlin',
      members: /^(?:Request|Response|Session)$/,
      packages: true,
      declared: { any: [{ kind: 'class_parameter' }, { kind: 'property_declaration', not: { inside: { kind: 'function_declaration', stopBy: 'end' } } }] },
    },
  },
  php: {
    request:
      /\$_(?:GET|POST|REQUEST|COOKIE|FILES|SERVER)\b|\$request->(?:input|get|query|post|all|only|route|file|cookie|header|json|getContent)\(|\brequest\(\s*(?:\)->|['"])|\bInput::get\(|->getVar\(|php:\/\/input/,
    scopes: new Set(['function_definition', 'method_declaration', 'anonymous_function', 'anonymous_function_creation_expression', 'arrow_function']),
    assignments: { assignment_expression: ['left', 'right'], augmented_assignment_expression: ['left', 'right'] },
    identifiers: new Set(['variable_name']),
    strings: new Set(['string', 'encapsed_string', 'heredoc', 'nowdoc', 'integer', 'float', 'boolean', 'null']),
    interpolation: new Set(['variable_name', 'subscript_expression', 'member_access_expression', 'dynamic_variable_name']),
    formatCall: /^(?:sprintf|vsprintf|implode|str_replace|strtr)\(/,
    binary: new Set(['binary_expression']),
    ifStatement: 'if_statement',
    sanitizer: /^(?:intval|floatval|basename|escapeshellarg|\(int\))\b/,
    calls: new Set(['function_call_expression', 'member_call_expression', 'scoped_call_expression']),
    concat: '.',
  },
  csharp: {
    integerDivision: true,
    request: /\bRequest\.(?:Query|Form|Headers|Cookies|Body|Path|QueryString|RouteValues)\b|\bHttpContext\.Request\b|\bcontext\.Request\.(?:Query|Form|Headers|Body)\b/,
    scopes: new Set(['method_declaration', 'constructor_declaration', 'local_function_statement', 'lambda_expression', 'accessor_declaration']),
    assignments: { variable_declarator: ['name', 'last'], assignment_expression: ['left', 'right'] },
    identifiers: new Set(['identifier']),
    strings: new Set(['string_literal', 'verbatim_string_literal', 'raw_string_literal', 'interpolated_string_expression', 'integer_literal', 'real_literal', 'boolean_literal', 'null_literal']),
    interpolation: new Set(['interpolation']),
    formatCall: /^(?:string|String)\.(?:Format|Join|Concat)\(|\.(?:Replace|ToString)\(/,
    binary: new Set(['binary_expression']),
    ifStatement: 'if_statement',
    sanitizer: /^(?:int\.Parse|long\.Parse|Guid\.Parse|Path\.GetFileName|Convert\.ToInt\d+)\(/,
    calls: new Set(['invocation_expression']),
    requestParameters: { kinds: new Set(['parameter']), pattern: /\[From(?:Query|Body|Route|Form|Header)\b/ },
    memberChains: {
      grammar: 'csharp',
      members: /^(?:User|Request|Response|HttpContext|Context|Session|TempData|ViewBag|ViewData|RouteData|Url|ModelState|Form|Query|Cookies|Headers|Input)$/,
      declared: { any: [{ kind: 'property_declaration' }, { kind: 'variable_declarator', inside: { kind: 'field_declaration', stopBy: 'end' } }] },
    },
  },
};

/** A language's shape with the file's cache of assignments. */
type Shape = LanguageShape & {
  cache: TaintCache;
  facts: NodeFacts;
  constants?: ConstantContext;
  conditions?: Map<number, boolean | undefined>;
  switches?: Map<number, ReadonlySet<number> | undefined>;
  language: RuleLanguage;
  /** The names the file's imports bind, read once per file. */
  bindings?: Set<string>;
  /** The fields and properties the file declares (memberChains), read once per file. */
  declared?: Set<string>;
};

/**
 * How many assignments deep a value is followed back (x = a; y = x + b; run(y)). Servlet code takes six: the
 * header names, the loop's name, the parameter set from it, a copy, the path built from it, the use.
 */
const DEPTH = 6;
/** UPPER_CASE names are constants by convention. */
const CONSTANT = /^[A-Z][A-Z0-9_]*$/;

/** Whether a metavariable's node meets a rule's taint requirement. */
export function meetsTaint(node: SgNode, level: TaintLevel, lang: RuleLanguage, cache: TaintCache = taintCache()): boolean {
  let shape = cache.shapes.get(lang);
  if (!shape) {
    shape = { ...SHAPES[lang], language: lang, cache, facts: cache.facts };
    cache.shapes.set(lang, shape);
  }
  if (level === 'request') return fromRequest(node, shape, DEPTH);
  if (level === 'built') return built(node, shape, DEPTH) || fromRequest(node, shape, DEPTH);
  if (level === 'leading') return leading(node, shape, DEPTH);
  return dynamic(node, shape, DEPTH, true);
}

/** Whether meeting `full` always meets `weaker` too, by meetsTaint's construction (`built` is built text or request data). */
export function impliesLevel(full: TaintLevel, weaker: TaintLevel): boolean {
  return full === weaker || (full === 'request' && weaker === 'built');
}

/** The request-data pattern of a language, for rules that judge a whole file (e.g. handlers). */
export function requestPattern(lang: RuleLanguage): RegExp {
  return SHAPES[lang].request;
}

function fromRequest(node: SgNode, shape: Shape, depth: number): boolean {
  if (isSanitizer(node, shape)) return false;
  if (requestIn(node, shape)) return true;
  if (depth === 0) return false;
  return identifiersIn(node, shape).some(
    (id) => requestParameter(id, shape) || routeParameter(id, shape) || assignedValues(id, shape).some((value) => fromRequest(value, shape, depth - 1)),
  );
}

/** A call that turns its input into something that cannot carry the input's text (`parseInt(x)`, `int(x)`, `File.basename(x)`). */
function isSanitizer(node: SgNode, shape: Shape): boolean {
  if (CHECKED.has(node)) return true;
  const kind = shape.facts.kind(node);
  if (shape.lookup?.kinds.has(kind)) return isTableLookup(node, shape, shape.lookup);
  return (shape.calls ?? CALLS).has(kind) && shape.sanitizer.test(shape.facts.text(node));
}

/** `ALLOWED[key]`, `modes[key]` with `modes = { ... }` in the function: an allow-list picks the value, not the key. */
function isTableLookup(node: SgNode, shape: Shape, lookup: NonNullable<LanguageShape['lookup']>): boolean {
  const table = node.field(lookup.object) ?? shape.facts.named(node)[0];
  if (!table || !shape.identifiers.has(shape.facts.kind(table))) return false;
  if (CONSTANT.test(shape.facts.text(table))) return true;
  // A table declared outside the function (Go's package-level `var allowed = map[string]bool{...}`) when the function assigns none.
  const inFunction = assignedValues(table, shape);
  const values = inFunction.length > 0 ? inFunction : fileLevelValues(table, shape);
  // Not a literal holding request data (`[]string{param}`, `[req.query.cmd]`): that holds what it was given, not a fixed set.
  const fixed = (v: SgNode) => lookup.tables.has(shape.facts.kind(v)) && !fromRequest(v, shape, 1);
  return values.length > 0 && values.map((v) => single(v, shape)).every(fixed);
}

/** Go's `a := x` puts x in a list of one: the value itself. */
function single(node: SgNode, shape: Shape): SgNode {
  if (shape.facts.kind(node) !== 'expression_list') return node;
  const named = shape.facts.named(node);
  return named.length === 1 ? (named[0] as SgNode) : node;
}

/** Request data in the node's text, not counting what its sanitizing calls read (`"/f/" + path.basename(req.query.f)`). */
function requestIn(node: SgNode, shape: Shape): boolean {
  const text = shape.facts.text(node);
  // Without request data in the whole text there is none in any part of it: no walk for sanitizers.
  if (!shape.request.test(text)) return false;
  const start = shape.facts.start(node);
  const cuts = descendants(node, shape, (n) => isSanitizer(n, shape));
  if (cuts.length === 0) return true;
  let out = '';
  let at = 0;
  for (const cut of cuts) {
    out += `${text.slice(at, shape.facts.start(cut) - start)}0`;
    at = shape.facts.end(cut) - start;
  }
  return shape.request.test(out + text.slice(at));
}

/**
 * Request data at the start of the value, after at most a bare scheme: `req.query.url`, `"https://" + host`,
 * `` `${target}/x` ``, `fmt.Sprintf("https://%s/api", host)`. A fixed host (`"https://api.example.com/" + id`)
 * or a base that is not request data (`config.base + path`) decides where the value points: not reported.
 */
function leading(node: SgNode, shape: Shape, depth: number): boolean {
  if (isSanitizer(node, shape)) return false;
  const kind = shape.facts.kind(node);
  // `(x)`, and Go's `a := x` (its right side is a list of one).
  if (kind === 'parenthesized_expression' || kind === 'expression_list') {
    const named = shape.facts.named(node);
    if (named.length === 1) return leading(named[0] as SgNode, shape, depth);
  }
  if (shape.binary.has(kind)) {
    const op = operatorOf(node, shape);
    if (op === (shape.concat ?? '+')) {
      for (const piece of concatPieces(node, shape, op)) {
        if (shape.strings.has(shape.facts.kind(piece)) && !hasInterpolation(piece, shape) && BARE_SCHEME.test(literalText(piece, shape))) continue;
        return leading(piece, shape, depth);
      }
      return false;
    }
    // `"%s/id" % (x,)`: the format string decides.
    if (op === '%') return formatLeads(node, shape, depth);
  }
  if (shape.strings.has(kind)) {
    const first = shape.facts.children(node).find((c) => shape.interpolation.has(shape.facts.kind(c)));
    if (!first) return false;
    const before = shape.facts.text(node).slice(0, shape.facts.start(first) - shape.facts.start(node));
    return BARE_SCHEME.test(stripQuote(before)) && fromRequest(first, shape, depth);
  }
  if ((shape.calls ?? CALLS).has(kind) && shape.formatCall.test(shape.facts.text(node))) return formatLeads(node, shape, depth);
  // Go's `&url.URL{Scheme: "https", Host: h, Path: p}`: the host decides where it points.
  const goUrl = kind === 'unary_expression' || kind === 'composite_literal' ? URL_LITERAL.exec(shape.facts.text(node)) : null;
  if (goUrl) {
    const host = descendants(node, shape, (n) => shape.facts.kind(n) === 'keyed_element' && /^(?:Host|Opaque)\s*:/.test(shape.facts.text(n)))[0];
    return !!host && fromRequest(shape.facts.named(host).at(-1) ?? host, shape, depth);
  }
  if (shape.identifiers.has(kind)) {
    if (shape.request.test(shape.facts.text(node)) || requestParameter(node, shape) || routeParameter(node, shape)) return true;
    if (depth === 0) return false;
    return assignedValues(node, shape).some((value) => leading(value, shape, depth - 1) || augmentedWithValue(value, shape, depth));
  }
  return fromRequest(node, shape, depth);
}

/** `fmt.Sprintf("https://%s/x", host)`, `"{}.csv".format(x)`: request data leads when only a scheme comes before the first placeholder. */
function formatLeads(node: SgNode, shape: Shape, depth: number): boolean {
  const template = descendants(node, shape, (n) => shape.strings.has(shape.facts.kind(n)))[0];
  if (!template) {
    // `u.String()`: the text of the value it is called on.
    const callee = node.field('function');
    const receiver = callee && shape.facts.kind(callee) === 'selector_expression' ? callee.field('operand') : null;
    return receiver !== null && /^\.String\(\)$/.test(shape.facts.text(node).slice(shape.facts.end(receiver) - shape.facts.start(node))) && leading(receiver, shape, depth);
  }
  const body = literalText(template, shape);
  const placeholder = /%[-+ #0-9.]*[a-zA-Z]|\{[^{}]*\}/.exec(body);
  if (!placeholder || !BARE_SCHEME.test(body.slice(0, placeholder.index))) return false;
  return fromRequest(node, shape, depth);
}

/** The outermost nodes under `node` (in source order) that pass the test; a small walk (an expression, not a file). */
function descendants(node: SgNode, shape: Shape, test: (n: SgNode) => boolean): SgNode[] {
  const out: SgNode[] = [];
  const walk = (n: SgNode) => {
    for (const child of shape.facts.children(n)) {
      if (test(child)) out.push(child);
      else walk(child);
    }
  };
  walk(node);
  return out;
}

/** A Go `url.URL` literal (or its address). */
const URL_LITERAL = /^&?\s*url\.URL\s*\{/;

/** Nothing, or only a scheme and the `//` before a host. */
const BARE_SCHEME = /^(?:[a-z][a-z0-9+.-]*:)?(?:\/\/)?$/i;
const OPENING_QUOTE = /^[A-Za-z]*(?:"""|'''|["'`])/;

function stripQuote(text: string): string {
  return text.replace(OPENING_QUOTE, '');
}

function literalText(node: SgNode, shape: Shape): string {
  return stripQuote(shape.facts.text(node)).replace(/(?:"""|'''|["'`])$/, '');
}

function hasInterpolation(node: SgNode, shape: Shape): boolean {
  return shape.facts.children(node).some((c) => shape.interpolation.has(shape.facts.kind(c)));
}

function operatorOf(node: SgNode, shape: Shape): string | undefined {
  const operator = node.field('operator');
  if (operator) return operator.text();
  const second = shape.facts.children(node)[1];
  return second && shape.facts.text(second);
}

/** `a + b + c` as [a, b, c] (the tree nests to the left). */
function concatPieces(node: SgNode, shape: Shape, op: string): SgNode[] {
  if (!shape.binary.has(shape.facts.kind(node)) || operatorOf(node, shape) !== op) return [node];
  const named = shape.facts.named(node);
  const left = node.field('left') ?? named[0];
  const right = node.field('right') ?? named.at(-1);
  if (!left || !right) return [node];
  return [...concatPieces(left, shape, op), ...concatPieces(right, shape, op)];
}

/** A path parameter of the route declared on the enclosing function (`@app.route("/files/<name>")`, FastAPI's `"/files/{name}"`). */
function routeParameter(id: SgNode, shape: Shape): boolean {
  const route = shape.routeParameters;
  if (!route) return false;
  const scope = scopeOf(id, shape);
  const wrapper = scope && shape.facts.parent(scope);
  if (!scope || !wrapper || shape.facts.kind(wrapper) !== route.decorated) return false;
  const decorators = shape.facts.text(wrapper).slice(0, shape.facts.start(scope) - shape.facts.start(wrapper));
  if (!route.route.test(decorators)) return false;
  const name = escapeName(shape.facts.text(id));
  // Flask's `<int:id>`, Starlette's `{id:int}`: the router only accepts a number or a UUID there.
  if (new RegExp(`<(?:int|float|uuid):${name}>|\\{${name}:(?:int|float|uuid)\\}`).test(decorators)) return false;
  if (!new RegExp(`<(?:\\w+:)?${name}>|\\{${name}(?::[^}]*)?\\}`).test(decorators)) return false;
  return !typedWithoutText(scope, shape.facts.text(id));
}

/** FastAPI's `id: int`, `id: uuid.UUID`: the framework parses the path segment into that type or answers 422. */
const NO_TEXT_ANNOTATION = /^(?:int|float|bool|(?:uuid\.)?UUID|(?:datetime\.)?(?:date|datetime)|Decimal)$/;

function typedWithoutText(scope: SgNode, name: string): boolean {
  const params = scope.field('parameters');
  if (!params) return false;
  for (const param of params.children()) {
    const kind = param.kind();
    if (kind !== 'typed_parameter' && kind !== 'typed_default_parameter') continue;
    const paramName = param.field('name')?.text() ?? param.children().find((c) => c.kind() === 'identifier')?.text();
    if (paramName !== name) continue;
    return NO_TEXT_ANNOTATION.test(param.field('type')?.text().trim() ?? '');
  }
  return false;
}

/** A parameter of the enclosing function that the framework binds from the request, by its annotation. */
function requestParameter(id: SgNode, shape: Shape): boolean {
  const params = shape.requestParameters;
  if (!params || (params.names && !params.names.test(shape.facts.text(id)))) return false;
  const scope = scopeOf(id, shape);
  if (!scope) return false;
  const word = new RegExp(`(?:^|[^\\w$])${escapeName(shape.facts.text(id))}(?![\\w])`);
  // The parameter list when the grammar names it (a walk of a few nodes; TypeScript's parameter kinds are not
  // JavaScript's, so a search by kind would fail there), else a search of the function.
  const list = parametersOf(scope);
  const candidates = list
    ? descendants(list, shape, (n) => params.kinds.has(shape.facts.kind(n)))
    : [...params.kinds].flatMap((kind) => scope.findAll({ rule: { kind } }));
  for (const param of candidates) {
    // Kotlin puts a parameter's annotations in the node before it.
    const before = param.prev();
    const text = (before && /modifiers/.test(shape.facts.kind(before)) ? `${before.text()} ` : '') + param.text();
    if (params.pattern.test(text) && word.test(param.text().replace(/"[^"]*"/g, ''))) return !holdsNoText(param);
  }
  return false;
}

/**
 * Types whose values cannot carry text: numbers, booleans, UUIDs, dates, and lists of them. The framework
 * parses the request into them or rejects the request (`@PathVariable Long id`, `[FromRoute] Guid id`).
 */
const NO_TEXT_TYPE =
  /^(?:(?:java\.lang\.|java\.util\.|System\.)?(?:long|int|short|byte|double|float|boolean|bool|decimal|uint|ulong|Long|Integer|Int|Short|Byte|Double|Float|Boolean|Decimal|BigDecimal|BigInteger|UUID|Guid|Int32|Int64|LocalDate|LocalDateTime|Instant|OffsetDateTime|DateTime|DateTimeOffset|DateOnly)\??(?:\[\])?|(?:List|Set|Collection|Iterable|IEnumerable|IList|ICollection|IReadOnlyList|Array)<\s*(?:long|int|Long|Integer|Int|UUID|Guid|Boolean|Double|Float)\s*>)$/;

/** A parameter declared with a type that cannot carry text (Java's and C#'s `type` field, Kotlin's `name: Type`). */
function holdsNoText(param: SgNode): boolean {
  const declared = param.field('type')?.text() ?? /:\s*([\w.<>?[\] ]+?)\s*(?:=|$)/.exec(param.text())?.[1];
  return !!declared && NO_TEXT_TYPE.test(declared.replace(/\s+/g, ' ').trim());
}

/** The innermost function around the node; null outside functions. */
function scopeOf(node: SgNode, shape: Shape): SgNode | null {
  let scope = shape.facts.parent(node);
  while (scope && !shape.scopes.has(shape.facts.kind(scope))) scope = shape.facts.parent(scope);
  return scope;
}

/** A string assembled from values, at least one of which is not a constant; or a variable holding one. */
function built(value: SgNode, shape: Shape, depth: number): boolean {
  // Go's `q := fmt.Sprintf(...)` assigns a list of one: judge the value itself.
  const node = single(value, shape);
  if (isBuilding(node, shape) && dynamic(node, shape, depth)) return true;
  if (depth === 0 || !shape.identifiers.has(shape.facts.kind(node))) return false;
  return assignedValues(node, shape).some((value) => built(value, shape, depth - 1) || augmentedWithValue(value, shape, depth));
}

/** `q += "... " + x`: the value of an augmented assignment is itself a piece of the string. */
function augmentedWithValue(value: SgNode, shape: Shape, depth: number): boolean {
  const parent = shape.facts.parent(value);
  if (!parent || !/augmented|operator_assignment/.test(shape.facts.kind(parent))) return false;
  return dynamic(value, shape, depth - 1);
}

function isBuilding(node: SgNode, shape: Shape): boolean {
  const kind = shape.facts.kind(node);
  if (shape.strings.has(kind)) return shape.facts.children(node).some((c) => shape.interpolation.has(shape.facts.kind(c)));
  if (shape.binary.has(kind)) {
    const op = operatorOf(node, shape);
    if (op === '%') return true;
    return op === (shape.concat ?? '+') && shape.facts.children(node).some((c) => shape.strings.has(shape.facts.kind(c)) || isBuilding(c, shape));
  }
  if ((shape.calls ?? CALLS).has(kind)) return shape.formatCall.test(shape.facts.text(node));
  if (kind === 'parenthesized_expression') return shape.facts.children(node).some((c) => isBuilding(c, shape));
  return false;
}

/**
 * Not a constant: holds a name that is not UPPER_CASE and not assigned only constants in its function.
 * With `opaque` (the `dynamic` level, not a built string), also a call of a function by its bare name that
 * is not one of the language's pure builtins (`os.system(make_command())`).
 */
function dynamic(node: SgNode, shape: Shape, depth: number, opaque = false): boolean {
  const kind = shape.facts.kind(node);
  if (shape.strings.has(kind) && !shape.facts.children(node).some((c) => shape.interpolation.has(shape.facts.kind(c)))) return false;
  if (isSanitizer(node, shape)) return false;
  if (requestIn(node, shape)) return true;
  if (opaque && opaqueCallIn(node, shape)) return true;
  const ids = identifiersIn(node, shape);
  return ids.some((id) => {
    if (CONSTANT.test(shape.facts.text(id))) return false;
    const values = assignedValues(id, shape);
    // A name the function never sets: a caller's (a parameter) unless the runtime gives it (`__dirname`).
    if (values.length === 0) return !(shape.ambient?.test(shape.facts.text(id)) && !isParameterAround(id, shape));
    if (depth === 0) return true;
    return values.some((value) => dynamic(value, shape, depth - 1, opaque));
  });
}

/** A call, in the node or under it (not under a sanitizer), of a function named bare that is not a pure builtin. */
function opaqueCallIn(node: SgNode, shape: Shape): boolean {
  const pure = shape.pureCalls;
  if (!pure) return false;
  const opaque = (n: SgNode): boolean => {
    if (!(shape.calls ?? CALLS).has(shape.facts.kind(n))) return false;
    const callee = n.field('function');
    return !!callee && shape.identifiers.has(shape.facts.kind(callee)) && !pure.test(shape.facts.text(callee)) && !CONSTANT.test(shape.facts.text(callee));
  };
  return opaque(node) || descendants(node, shape, (n) => opaque(n) || isSanitizer(n, shape)).some(opaque);
}

function identifiersIn(node: SgNode, shape: Shape): SgNode[] {
  const start = liveBranch(node, shape) ?? node;
  if (shape.identifiers.has(shape.facts.kind(start))) return [start];
  const out: SgNode[] = [];
  const visit = (child: SgNode): void => {
    if (shape.identifiers.has(shape.facts.kind(child))) {
      // The callee of a call (`fmt.Sprintf`, `str`) is a function, not a value; nor is the class of a static
      // call, nor the name after a dot (Python's `os.path` names `path` with an identifier too).
      if (!isCallee(child, shape) && !isAttributeName(child, shape) && !isMemberOrType(child, shape)) out.push(child);
      return;
    }
    if (isSanitizer(child, shape)) return;
    const live = liveBranch(child, shape);
    if (live) visit(live);
    else for (const c of shape.facts.children(child)) visit(c);
  };
  for (const child of shape.facts.children(start)) visit(child);
  return out;
}

/** The branch a conditional expression takes when its condition is constant (`num > 200 ? "fixed" : param`); undefined otherwise. */
function liveBranch(node: SgNode, shape: Shape): SgNode | undefined {
  const kind = shape.facts.kind(node);
  if (kind !== 'ternary_expression' && kind !== 'conditional_expression') return undefined;
  let [condition, yes, no]: (SgNode | null | undefined)[] = [node.field('condition'), node.field('consequence'), node.field('alternative')];
  // Python's `a if c else b` names no fields.
  if (!condition) [yes, condition, no] = shape.facts.named(node);
  if (!condition || !yes || !no) return undefined;
  const value = conditionValue(condition, shape);
  return value === undefined ? undefined : value ? yes : no;
}

/** A condition's constant truth, once per condition node of the file; undefined when it is not constant. */
function conditionValue(condition: SgNode, shape: Shape): boolean | undefined {
  const conditions = (shape.conditions ??= new Map());
  const id = condition.id();
  if (conditions.has(id)) return conditions.get(id);
  const value = constantValue(condition, constantsOf(shape));
  // A bare string's truth differs by language (PHP's "0" is false): only numbers and booleans are judged.
  const truth = value === undefined || typeof value === 'string' ? undefined : Boolean(value);
  conditions.set(id, truth);
  return truth;
}

function constantsOf(shape: Shape): ConstantContext {
  return (shape.constants ??= {
    kind: (n) => shape.facts.kind(n),
    text: (n) => shape.facts.text(n),
    children: (n) => shape.facts.children(n),
    named: (n) => shape.facts.named(n),
    valuesOf: (id) => localValues(id, shape),
    isIdentifier: (n) => shape.identifiers.has(shape.facts.kind(n)),
    integerDivision: shape.integerDivision,
  });
}

/** Statements that leave a `switch` group (or the function): the groups after it do not run. */
const LEAVES_GROUP = /^(?:break_statement|return_statement|throw_statement|continue_statement|yield_statement)$/;
/** The same, anywhere in a statement's text (a `break` inside an `if`). */
const LEAVING = /\b(?:break|return|throw|continue|yield)\b/;

/**
 * The statement groups (by id) that run in a `switch` on a constant (`switch (guess.charAt(1))`): from the
 * group whose label matches (else `default`), falling through until a group ends by leaving; an arrow
 * case runs alone. Undefined when the value or a label is not constant, or a group could leave half way
 * (a `break` inside an `if`), so which groups run is not known. Once per switch of the file.
 */
function liveGroups(statement: SgNode, shape: Shape): ReadonlySet<number> | undefined {
  const switches = (shape.switches ??= new Map());
  const id = statement.id();
  if (!switches.has(id)) switches.set(id, groupsThatRun(statement, shape));
  return switches.get(id);
}

function groupsThatRun(statement: SgNode, shape: Shape): ReadonlySet<number> | undefined {
  const spec = shape.switchStatement;
  const condition = statement.field('condition');
  const body = statement.field('body');
  if (!spec || !condition || !body) return undefined;
  const value = constantValue(condition, constantsOf(shape));
  if (value === undefined) return undefined;
  const groups = shape.facts.named(body).filter((n) => spec.groups.has(shape.facts.kind(n)));
  let matching = -1;
  let otherwise = -1;
  for (const [index, group] of groups.entries()) {
    for (const label of shape.facts.named(group).filter((n) => shape.facts.kind(n) === spec.label)) {
      const cases = shape.facts.named(label);
      if (cases.length === 0 && /^default\b/.test(shape.facts.text(label))) otherwise = index;
      for (const c of cases) {
        const labelled = constantValue(c, constantsOf(shape));
        if (labelled === undefined) return undefined;
        if (labelled === value && matching < 0) matching = index;
      }
    }
  }
  const live = new Set<number>();
  const first = matching >= 0 ? matching : otherwise;
  for (let index = first; index >= 0 && index < groups.length; index++) {
    const group = groups[index] as SgNode;
    live.add(group.id());
    if (shape.facts.kind(group) === 'switch_rule') break;
    const statements = shape.facts.named(group).filter((n) => shape.facts.kind(n) !== spec.label && !/comment/.test(shape.facts.kind(n)));
    const last = statements.at(-1);
    const leaves = !!last && LEAVES_GROUP.test(shape.facts.kind(last));
    // A way out before the end (a `break` inside an `if`): which groups run is not known.
    if ((leaves ? statements.slice(0, -1) : statements).some((s) => LEAVING.test(shape.facts.text(s)))) return undefined;
    if (leaves) break;
  }
  return live;
}

/** Whether the node is a group of a `switch` on a constant: `true` when it runs, `false` when it never does, undefined otherwise. */
function groupRuns(node: SgNode, shape: Shape): boolean | undefined {
  const spec = shape.switchStatement;
  if (!spec || !spec.groups.has(shape.facts.kind(node))) return undefined;
  const statement = shape.facts.parent(shape.facts.parent(node) as SgNode);
  if (!statement || shape.facts.kind(statement) !== spec.kind) return undefined;
  return liveGroups(statement, shape)?.has(node.id());
}

/**
 * The values given to a name in its own function before the use, and nowhere else: a module's `DEBUG = False`
 * can be set otherwise where the code runs (settings, tests patching it), a local cannot. None for a name
 * assigned more than once in the function.
 */
function localValues(id: SgNode, shape: Shape): SgNode[] {
  const scope = scopeOf(id, shape);
  if (!scope) return [];
  const word = nameIn(shape.facts.text(id));
  // Given a value anywhere else in the function (after the use too: a loop's next turn, a state machine's
  // `state = "run"`), or changed by `tries++`/`--n` (not assignments in the grammars), the name is not a
  // constant where it is read: no value is known.
  if (assignmentsIn(scope, shape).filter((a) => word.test(a.target)).length > 1) return [];
  const name = escapeName(shape.facts.text(id));
  if (new RegExp(`(?<![\\w$])${name}\\s*(?:\\+\\+|--)|(?:\\+\\+|--)\\s*${name}(?![\\w$])`).test(shape.facts.text(scope))) return [];
  return valuesIn(scope, word, shape.facts.start(id), shape);
}

/**
 * Whether the branch of an `if` that holds `inside` always runs or never runs, by the statement's constant
 * condition; undefined when the condition is not constant or `inside` is the condition itself. Only a plain
 * `else` always runs when the condition is false (an `elif` has a condition of its own).
 */
function branchFate(statement: SgNode, inside: SgNode, shape: Shape): 'always' | 'never' | undefined {
  const condition = statement.field('condition');
  if (!condition || within(inside, condition, shape)) return undefined;
  const truth = conditionValue(condition, shape);
  if (truth === undefined) return undefined;
  const then = statement.field('consequence') ?? statement.field('body');
  if (then && within(inside, then, shape)) return truth ? 'always' : 'never';
  if (truth) return 'never';
  const otherwise = statement.field('alternative');
  return otherwise && !/elif|elsif|else_if/.test(shape.facts.kind(otherwise)) && !shape.facts.named(otherwise).some((n) => shape.facts.kind(n) === shape.ifStatement) ? 'always' : undefined;
}

function hasConstantCondition(statement: SgNode, shape: Shape): boolean {
  const condition = statement.field('condition');
  return !!condition && conditionValue(condition, shape) !== undefined;
}

function within(node: SgNode, outer: SgNode, shape: Shape): boolean {
  return shape.facts.start(outer) <= shape.facts.start(node) && shape.facts.end(node) <= shape.facts.end(outer);
}

/** An assignment under an `if` whose condition is constant and takes the other branch, or in a `switch` group that is not taken: it never runs. */
function neverRuns(node: SgNode, root: SgNode, shape: Shape): boolean {
  if (!shape.ifStatement) return false;
  const rootId = root.id();
  let child = node;
  let at = shape.facts.parent(node);
  while (at && at.id() !== rootId) {
    if (shape.facts.kind(at) === shape.ifStatement && branchFate(at, child, shape) === 'never') return true;
    if (groupRuns(at, shape) === false) return true;
    child = at;
    at = shape.facts.parent(at);
  }
  return false;
}

function isCallee(id: SgNode, shape: Shape): boolean {
  const parent = shape.facts.parent(id);
  if (!parent) return false;
  const kind = shape.facts.kind(parent);
  if (kind === 'call_expression' || kind === 'call') return parent.field('function')?.id() === id.id() || parent.field('method')?.id() === id.id();
  if (kind === 'method_invocation' || kind === 'invocation_expression') return (parent.field('name') ?? parent.field('function'))?.id() === id.id();
  // `new ProcessStartInfo("ping")`: the type is not a value.
  if (kind === 'object_creation_expression') return parent.field('type')?.id() === id.id();
  // `fmt` in `fmt.Sprintf(...)`, `os` in `os.path.join(...)`: a package or module the call is made on.
  if (kind === 'selector_expression' || kind === 'attribute' || kind === 'member_expression') {
    if (parent.child(0)?.id() !== id.id()) return false;
    let callee = parent;
    for (let up = shape.facts.parent(callee); up && shape.facts.kind(up) === kind && up.child(0)?.id() === callee.id(); up = shape.facts.parent(callee)) callee = up;
    const call = shape.facts.parent(callee);
    if (!call || !(shape.facts.kind(call) === 'call_expression' || shape.facts.kind(call) === 'call') || call.field('function')?.id() !== callee.id()) return false;
    return PACKAGES.test(shape.facts.text(id)) || isModuleReceiver(id, shape);
  }
  return false;
}

/**
 * A name after a dot in Python (`path` and `join` of `os.path.join(...)`, an identifier there too) when the
 * chain starts at a package or module a call is made on: a name looked up there, not a variable. After
 * another object (`self.command`) it still counts: what the object holds is not known here.
 */
function isAttributeName(id: SgNode, shape: Shape): boolean {
  if (shape.language !== 'python') return false;
  const base = memberChainRoot(id, shape.facts, 'python');
  return !!base && base.id() !== id.id() && isCallee(base, shape);
}

/**
 * Java, C#, Kotlin: a member's name (`Trim` of `name.Trim()`: the chain's start decides), or a chain's start
 * that is a type: a class (`Utils.quote(x)`, `System.getenv("HOME")`) or, where members are camelCase, a
 * package before one (`org.acme.Utils.quote(x)`); never a local, a parameter, a field or property of the
 * file, nor a controller's input. A type is not a value: the chain's calls' arguments decide.
 */
function isMemberOrType(id: SgNode, shape: Shape): boolean {
  const chains = shape.memberChains;
  if (!chains) return false;
  const root = memberChainRoot(id, shape.facts, chains.grammar);
  if (!root) return false;
  if (root.id() !== id.id()) return true;
  const name = shape.facts.text(id);
  if (chains.members?.test(name) || isLocalName(id, shape)) return false;
  if (!/^[A-Z]/.test(name)) return !!chains.packages && PACKAGE_PATH.test(shape.facts.text(memberChainFrom(id, shape.facts, chains.grammar)));
  shape.declared ??= declaredMembers(id.getRoot().root(), shape);
  return !shape.declared.has(name);
}

/** Lower-case package names, then a class: `org.acme.Utils` at the start of `org.acme.Utils.quote(x)`. */
const PACKAGE_PATH = /^(?:[a-z_$][\w$]*\.)+[A-Z]/;

/** The names of the fields and properties a file declares (memberChains' rule). */
function declaredMembers(root: SgNode, shape: Shape): Set<string> {
  const names = new Set<string>();
  const rule = shape.memberChains?.declared;
  if (!rule) return names;
  for (const node of root.findAll({ rule })) {
    const name = node.field('name') ?? node.find({ rule: { kind: 'simple_identifier' } });
    if (name) names.add(shape.facts.text(name));
  }
  return names;
}

/**
 * A module a function is called on (`config.get("dir")`, `viper.GetString("dir")`, `process.cwd()`): one the
 * file imports or the runtime gives, not a local or a parameter of that name. Like a package, it is not a
 * value: the call's arguments decide. Except modules whose functions read the program's input (`flag.Arg(0)`,
 * `argparse.ArgumentParser()`): what those return is whoever runs the program's.
 */
function isModuleReceiver(id: SgNode, shape: Shape): boolean {
  const name = shape.facts.text(id);
  if (INPUT_MODULES.test(name)) return false;
  if (!shape.runtimeModules?.test(name)) {
    shape.bindings ??= moduleBindings(id.getRoot().root().text(), shape.language);
    if (!shape.bindings.has(name)) return false;
  }
  return !isLocalName(id, shape);
}

/**
 * Modules that read the program's arguments or standard input, and the request or session a framework
 * imports as a global (Flask's `request.get_data()`, `session`, `g`): their calls return input.
 */
const INPUT_MODULES = /^(?:sys|flag|pflag|kingpin|argparse|optparse|getopt|fileinput|click|typer|yargs|commander|minimist|meow|readline|prompts?|inquirer|bufio|request|req|session|g|ctx|context)$/;

/** A name the function (or one around it) sets or takes as a parameter: then it shadows an import or a class. */
function isLocalName(id: SgNode, shape: Shape): boolean {
  return assignedValues(id, shape).length > 0 || isParameterAround(id, shape);
}

/** Whether a function around the node takes the name as a parameter. */
function isParameterAround(id: SgNode, shape: Shape): boolean {
  const word = nameIn(shape.facts.text(id));
  for (let scope = scopeOf(id, shape); scope; scope = scopeOf(scope, shape)) if (isParameter(scope, word, shape)) return true;
  return false;
}

const PACKAGES = /^(?:fmt|strings|strconv|os|path|filepath|json|re|str|util|math|time|log)$/;

/** The assignments of one function (or of the file outside functions): where each starts, its target and value. */
type Assignments = { at: number; target: string; value: SgNode; overrides: boolean; block: { start: number; end: number }; ownBlock?: boolean; statement?: SgNode }[];

/** Statement lists: an assignment directly in one runs before every later statement of it. */
const BLOCKS = /^(?:program|module|source_file|block|statement_block|statement_list|compound_statement|body_statement|then|else|do|begin|ensure|else_clause|elif_clause|case_clause|default_case|expression_case|communication_case|switch_case|switch_block_statement_group|switch_rule|when|constructor_body|function_body|statements)$/;
/**
 * Statements that may not run their body, where the body is one statement without a block of its own
 * (`if (c) x = '/';`, Ruby's `x = y unless c`): an assignment there stays inside them.
 */
const BRANCHES = /^(?:if_statement|while_statement|for_statement|for_in_statement|if_modifier|unless_modifier|while_modifier|until_modifier|rescue_modifier)$/;
/** Assignments that add to the old value, or bind a loop's elements, instead of replacing it. */
const ADDING = /augmented|operator_assignment|for_in_statement|for_statement|range_clause/;

/**
 * Declarations whose variable lives only in their block: Go's `:=` and `var`, JavaScript's `let` and `const`.
 * One in a block that does not hold the use declares another variable (`url := r.FormValue("u")` inside an
 * `if` shadows the `url` used after it).
 */
function declaresInBlock(node: SgNode, shape: Shape): boolean {
  const kind = shape.facts.kind(node);
  if (kind === 'short_var_declaration' || kind === 'var_spec') return true;
  const parent = kind === 'variable_declarator' ? shape.facts.parent(node) : null;
  return parent !== null && shape.facts.kind(parent) === 'lexical_declaration';
}

/** The block an assignment's statement sits in (the function itself when the grammar has none), or the branch holding it. */
function blockOf(node: SgNode, root: SgNode, shape: Shape, constants = false): { start: number; end: number } {
  const rootId = root.id();
  let child = node;
  let at = shape.facts.parent(node);
  // With `constants`, a branch that always runs (`if 7*42 > 200 { bar = "1" }`) is straight-line code: its statements belong to the block around the `if`.
  while (at && at.id() !== rootId && (!(BLOCKS.test(shape.facts.kind(at)) || BRANCHES.test(shape.facts.kind(at))) || (constants && alwaysRuns(at, child, shape)))) {
    child = at;
    at = shape.facts.parent(at);
  }
  const block = at ?? root;
  return { start: shape.facts.start(block), end: shape.facts.end(block) };
}

/**
 * A block that is a branch of an `if` that always takes it (or the statement list of such a block, as in
 * Go's `block { statement_list }`), or such an `if` reached from that branch; a `switch` group that is taken.
 */
function alwaysRuns(at: SgNode, from: SgNode, shape: Shape): boolean {
  // A `switch` group that is taken, or a block directly in one (an arrow case's `default -> { ... }`); not
  // another statement there (an `if` in a taken group may still not run its branch).
  if (groupRuns(at, shape)) return true;
  const holder = shape.facts.parent(at);
  if (holder && BLOCKS.test(shape.facts.kind(at)) && groupRuns(holder, shape)) return true;
  if (!shape.ifStatement) return false;
  if (shape.facts.kind(at) === shape.ifStatement) return branchFate(at, from, shape) === 'always';
  let branch = at;
  let parent = shape.facts.parent(at);
  if (parent && shape.facts.kind(parent) !== shape.ifStatement && BLOCKS.test(shape.facts.kind(parent))) {
    branch = parent;
    parent = shape.facts.parent(parent);
  }
  return !!parent && shape.facts.kind(parent) === shape.ifStatement && branchFate(parent, branch, shape) === 'always';
}
/**
 * Per parsed file, shared by every taint question on it: a function's assignments by the function node's
 * id (collected once for all the lookups in it), and what is known of the nodes (the values kept in those
 * assignments are met again by the next question, with their kind, text and children already read).
 */
export interface TaintCache {
  assignments: Map<number, Assignments>;
  facts: NodeFacts;
  shapes: Map<RuleLanguage, Shape>;
}

/** An empty cache, for one parsed file. */
export function taintCache(): TaintCache {
  return { assignments: new Map(), facts: new NodeFacts(), shapes: new Map() };
}

/** The values assigned to this name in its function, before the use (or anywhere in the file outside functions). */
function assignedValues(id: SgNode, shape: Shape): SgNode[] {
  const name = shape.facts.text(id);
  const useAt = shape.facts.start(id);
  const word = nameIn(name);
  let scope = scopeOf(id, shape);
  for (;;) {
    const values = valuesIn(scope ?? id.getRoot().root(), word, useAt, shape);
    // A closure reads the variables of the function around it (`list.forEach((x) => exec(cmd + x))`, Go's
    // `go func() { db.Exec(q) }()`): a name it neither assigns nor takes as a parameter is the outer one's.
    const outer = scope && values.length === 0 && !isParameter(scope, word, shape) ? scopeOf(scope, shape) : null;
    if (!outer) return values;
    scope = outer;
  }
}

/** The name as a whole word in an assignment's target (`col, ok`, `$x`, `@post`). */
function nameIn(name: string): RegExp {
  return new RegExp(`(?:^|[^\\w@$])${escapeName(name)}(?![\\w])`);
}

/** Whether the function declares the name as one of its parameters. */
function isParameter(scope: SgNode, word: RegExp, shape: Shape): boolean {
  const params = parametersOf(scope);
  return params !== null && word.test(shape.facts.text(params));
}

/** A function's parameter list, when the grammar names it (`parameters`, or an arrow's single `parameter`). */
function parametersOf(scope: SgNode): SgNode | null {
  return scope.field('parameters') ?? scope.field('parameter');
}

/** The values assigned to a name in one function (or the file), before the use at `useAt`. */
function valuesIn(root: SgNode, word: RegExp, useAt: number, shape: Shape): SgNode[] {
  const assignments = assignmentsIn(root, shape);
  // Parameters are values from the caller: request objects by name are caught by the request pattern.
  const around = (a: Assignments[number]) => a.block.start <= useAt && useAt < a.block.end;
  // Not the assignment whose value holds the use: `query = fmt.Sprintf(query, id)` reads what query held before.
  const inValue = (a: Assignments[number]) => shape.facts.start(a.value) <= useAt && useAt < shape.facts.end(a.value);
  const before = assignments.filter((a) => a.at < useAt && word.test(a.target) && (!a.ownBlock || around(a)) && !inValue(a));
  // The last plain assignment in a block around the use runs on every path to it: what the name held
  // before no longer counts (`x = sanitize(x)`, `uri = URI("https://fixed.example")`). One in a branch may not run.
  const last = before.findLastIndex((a) => a.overrides && around(a));
  return before.slice(Math.max(0, last)).map((a) => a.value);
}

/** The values given to a name outside every function of the file (a package-level `var`, a module constant), wherever they stand. */
function fileLevelValues(id: SgNode, shape: Shape): SgNode[] {
  const word = new RegExp(`^${escapeName(shape.facts.text(id))}$`);
  return assignmentsIn(id.getRoot().root(), shape)
    .filter((a) => word.test(a.target.trim()) && scopeOf(a.value, shape) === null)
    .map((a) => a.value);
}

/** The assignments of a function (or of the whole file), collected once per file and kept in the cache. */
function assignmentsIn(root: SgNode, shape: Shape): Assignments {
  const cache = shape.cache.assignments;
  let assignments = cache.get(root.id());
  if (!assignments) {
    assignments = [];
    // One search for every assignment kind (each search is a walk of the function).
    const kinds: Record<string, unknown>[] = Object.keys(shape.assignments).map((kind) => ({ kind }));
    const extra = [shape.appends?.rule, shape.outArguments?.rule].filter((r): r is Record<string, unknown> => r !== undefined);
    const guarded: SgNode[] = [];
    const switches: SgNode[] = [];
    const checks = [shape.ifStatement, shape.switchStatement?.kind].filter((k): k is string => k !== undefined).map((kind) => ({ kind }));
    for (const assignment of root.findAll({ rule: { any: [...kinds, ...extra, ...checks] } })) {
      if (shape.facts.kind(assignment) === shape.ifStatement) {
        guarded.push(assignment);
        continue;
      }
      if (shape.facts.kind(assignment) === shape.switchStatement?.kind) {
        switches.push(assignment);
        continue;
      }
      const filled = outArgumentsOf(assignment, shape);
      if (filled.length > 0) {
        // Filled, not replaced: a decode may set some fields only.
        for (const target of filled) assignments.push({ at: shape.facts.start(assignment), target, value: assignment, overrides: false, block: blockOf(assignment, root, shape), statement: assignment });
        continue;
      }
      const appended = appendOf(assignment, shape);
      if (appended) {
        assignments.push({ at: shape.facts.start(assignment), ...appended, overrides: false, block: blockOf(assignment, root, shape), statement: assignment });
        continue;
      }
      const [targetField, valueField] = shape.assignments[shape.facts.kind(assignment)] ?? [];
      const target = targetField ? part(assignment, targetField, shape) : null;
      const written = valueField ? part(assignment, valueField, shape) : null;
      // `bar = valuesList.get(1)`: the value stored there, when the list's changes can be replayed.
      const value = written && shape.collectionReads?.test(shape.facts.text(written)) ? (collectionElement(written, root, shape.facts) ?? written) : written;
      if (target && value && target.id() !== value.id()) {
        assignments.push({
          at: shape.facts.start(assignment),
          target: target.text(),
          value,
          overrides: !ADDING.test(shape.facts.kind(assignment)),
          block: blockOf(assignment, root, shape),
          ownBlock: declaresInBlock(assignment, shape),
          statement: assignment,
        });
      }
    }
    // After the assignments: a check names what it validates, or a value derived from it (`u, _ := url.Parse(target)`).
    for (const statement of guarded) for (const guard of guardsOf(statement, root, assignments, shape)) assignments.push(guard);
    assignments.sort((a, b) => a.at - b.at);
    // Then code under constant conditions, whose names are looked up in the assignments just collected: an
    // assignment in a branch that never runs is not a value, one in a branch that always runs is straight-line code.
    cache.set(root.id(), assignments);
    // Only where an `if` or a `switch` of this function has a constant condition (most have none: the blocks stand as collected).
    if (guarded.some((statement) => hasConstantCondition(statement, shape)) || switches.some((statement) => liveGroups(statement, shape) !== undefined)) {
      // Judged against the assignments as collected, then applied all at once.
      const live = assignments.filter((a) => !a.statement || !neverRuns(a.statement, root, shape));
      const blocks = live.map((a) => (a.statement ? blockOf(a.statement, root, shape, true) : a.block));
      assignments = live.map((a, i) => ({ ...a, block: blocks[i] as Assignments[number]['block'] }));
      cache.set(root.id(), assignments);
    }
  }
  return assignments;
}

/**
 * Checks that let a value go on only when it passes, read in an `if` condition whose branch leaves (or
 * replaces the value with a constant): the checked name is group 1 (or 2, 3). A validating call by its
 * name (`!validName.MatchString(x)`, `not is_safe_url(x)`), membership in a table or set (`!hosts[x]`,
 * `!ALLOWED.has(x)`, `x not in HOSTS`), a prefix check (`!strings.HasPrefix(p, base)`, `!p.startsWith(root)`),
 * Go's `!filepath.IsLocal(p)`, a host compared with the expected one (`u.Host != r.Host`), and a parent
 * segment refused (`strings.Contains(p, "..")`, `p.includes('..')`, `'..' in p`).
 */
const GUARDS: readonly RegExp[] = [
  /(?:!|\bnot\s+)\s*[\w.$]*(?:allow|valid|safe|known|permit|white|trust)\w*(?:\.\w+)?\s*[[(]\s*&?\$?([A-Za-z_]\w*)/gi,
  // Membership in a table or a set, whatever its name: `!hosts[u.Hostname()]`, `!ALLOWED.has(x)`, `x not in ALLOWED`.
  /!\s*[\w.$]+(?:\[|\.(?:has|includes|contains|containsKey)\()\s*\$?([A-Za-z_]\w*)|\b([A-Za-z_]\w*)(?:\.\w+(?:\(\))?)?\s+not\s+in\s+[\w.]+/g,
  /(?:!|\bnot\s+)\s*(?:strings\.HasPrefix\(\s*([A-Za-z_]\w*)|([A-Za-z_]\w*)\.(?:startsWith|startswith)\()/g,
  /!\s*filepath\.IsLocal\(\s*([A-Za-z_]\w*)/g,
  // A host compared with the expected one: `u.Host != r.Host`, `target.hostname !== base.hostname`, `parts.netloc != host`.
  /\b([A-Za-z_]\w*)\.(?:Host|Hostname\(\)|host|hostname|netloc)\s*!==?/g,
  /(?<![!\w.])(?:strings\.Contains\(\s*([A-Za-z_]\w*)\s*,\s*"\.\."|([A-Za-z_]\w*)\.includes\(\s*['"]\.\.['"])|['"]\.\.['"]\s+in\s+([A-Za-z_]\w*)/g,
];
/** The last statement of a branch that leaves: the code after the `if` runs only when the check passed. */
const LEAVES = /^(?:return|throw|raise|continue|break|abort|die|exit)\b|^(?:panic|os\.Exit|sys\.exit|log\.Fatal\w*|log\.Panic\w*)\s*\(/;

/** The conditions of checks, as values: a name after its check holds a checked value (isSanitizer says so). */
const CHECKED = new WeakSet<SgNode>();

/** What an `if` statement validates for the code after it: one overriding pseudo-assignment per checked name. */
function guardsOf(statement: SgNode, root: SgNode, assignments: Assignments, shape: Shape): Assignments {
  const condition = statement.field('condition');
  const branch = statement.field('consequence') ?? statement.field('body');
  if (!condition || !branch || statement.field('alternative')) return [];
  const text = shape.facts.text(condition);
  const names = new Set<string>();
  for (const guard of GUARDS) for (const m of text.matchAll(guard)) names.add((m[1] ?? m[2] ?? m[3]) as string);
  if (names.size === 0) return [];
  const last = shape.facts.text(lastStatement(branch, shape)).trim();
  const replaced = (name: string) => new RegExp(`^${escapeName(name)}\\s*:?=\\s*(?:"[^"]*"|'[^']*'|\\d+)\\s*;?$`).test(last);
  const leaves = LEAVES.test(last);
  const at = shape.facts.end(statement);
  const checked: string[] = [];
  for (const name of names) {
    if (!leaves && !replaced(name)) continue;
    checked.push(name);
    // `parsed, err := url.Parse(target)` checked: target is what the check looked at.
    const word = nameIn(name);
    // A plain walk (identifiersIn asks isSanitizer, whose table lookups would collect this function's assignments again).
    for (const a of assignments) {
      if (a.at >= at || !word.test(a.target) || shape.facts.end(a.value) - shape.facts.start(a.value) > 300) continue;
      const value = single(a.value, shape);
      const ids = shape.identifiers.has(shape.facts.kind(value)) ? [value] : descendants(value, shape, (n) => shape.identifiers.has(shape.facts.kind(n)));
      for (const id of ids) checked.push(shape.facts.text(id));
    }
  }
  if (checked.length === 0) return [];
  CHECKED.add(condition);
  const block = blockOf(statement, root, shape);
  return [...new Set(checked)].map((target) => ({ at, target, value: condition, overrides: true, block }));
}

/** A branch's last statement, through its blocks (Go's block holds a statement list). */
function lastStatement(branch: SgNode, shape: Shape): SgNode {
  let node = branch;
  while (/block|body|statement_list|compound/.test(shape.facts.kind(node))) {
    const last = shape.facts.named(node).filter((n) => !/comment/.test(shape.facts.kind(n))).at(-1);
    if (!last) break;
    node = last;
  }
  return node;
}

/** The variables a call fills through their address (`Decode(&in)`); none for any other node. */
function outArgumentsOf(node: SgNode, shape: Shape): string[] {
  const out = shape.outArguments;
  if (!out || shape.facts.kind(node) in shape.assignments) return [];
  const args = node.field('arguments');
  if (!args || !(shape.calls ?? CALLS).has(shape.facts.kind(node))) return [];
  return [...shape.facts.text(args).matchAll(out.pattern)].map((m) => m[1] as string);
}

/** `q << x`, `q.concat(x)`: the receiver's name and the value appended to it; null for anything else. */
function appendOf(node: SgNode, shape: Shape): { target: string; value: SgNode } | null {
  if (!shape.appends || shape.facts.kind(node) in shape.assignments) return null;
  const receiver = shape.appends.pattern.exec(node.text().slice(0, 200))?.[1];
  if (!receiver) return null;
  const args = node.field('arguments');
  // One argument is the value; several (`map.put("k", v)`, `sb.insert(0, v)`) are read together.
  const named = args ? shape.facts.named(args) : [];
  const value = node.field('right') ?? (named.length === 1 ? named[0] : named.length > 1 ? args : null) ?? null;
  return value ? { target: receiver, value } : null;
}

/** A part of an assignment node: a field, the first child of a kind (`kind:<kind>`), the first or the last named child. */
function part(node: SgNode, spec: string, shape: Shape): SgNode | null {
  if (spec === 'last') return shape.facts.named(node).at(-1) ?? null;
  if (spec === 'first') return shape.facts.named(node)[0] ?? null;
  if (spec.startsWith('kind:')) return shape.facts.children(node).find((c) => shape.facts.kind(c) === spec.slice(5)) ?? null;
  return node.field(spec);
}
