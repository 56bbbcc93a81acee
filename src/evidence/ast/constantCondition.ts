import type { SgNode } from '@ast-grep/napi';

/** What constantValue needs from the taint step: node facts, and the values a name was given before its use. */
export interface ConstantContext {
  kind(node: SgNode): string;
  text(node: SgNode): string;
  children(node: SgNode): SgNode[];
  named(node: SgNode): SgNode[];
  /** The values assigned to a name before this use (the taint step's own lookup). */
  valuesOf(id: SgNode): SgNode[];
  isIdentifier(node: SgNode): boolean;
  /** `7 / 2` is 3 (Java, Go, C#, Kotlin), not 3.5 (Python, JavaScript, PHP, Ruby). */
  integerDivision?: boolean;
}

/** A constant: a number, a boolean, or a string (a character is a string of one, as `'B'` in a Java `case`). */
export type Value = number | boolean | string;

const BINARY: Record<string, (a: Value, b: Value, cx: ConstantContext) => Value | undefined> = {
  '+': (a, b) => num(a, b, (x, y) => x + y),
  '-': (a, b) => num(a, b, (x, y) => x - y),
  '*': (a, b) => num(a, b, (x, y) => x * y),
  // The language's own quotient where it is an integer one; else only an exact one (3.5 is not an integer
  // value here). A remainder only of numbers that are not negative (`-7 % 3` is -1 in Java, 2 in Python).
  '/': (a, b, cx) => num(a, b, (x, y) => (y === 0 ? undefined : cx.integerDivision ? Math.trunc(x / y) : x % y === 0 ? x / y : undefined)),
  '%': (a, b) => num(a, b, (x, y) => (y > 0 && x >= 0 ? x % y : undefined)),
  '>': (a, b) => num(a, b, (x, y) => x > y),
  '<': (a, b) => num(a, b, (x, y) => x < y),
  '>=': (a, b) => num(a, b, (x, y) => x >= y),
  '<=': (a, b) => num(a, b, (x, y) => x <= y),
  // Loose equality across types differs by language (`'5' == 5` holds in JavaScript and PHP, not in Python): not judged.
  '==': (a, b) => (typeof a === typeof b ? a === b : undefined),
  '===': (a, b) => a === b,
  '!=': (a, b) => (typeof a === typeof b ? a !== b : undefined),
  '!==': (a, b) => a !== b,
  '&&': (a, b) => bool(a, b, (x, y) => x && y),
  '||': (a, b) => bool(a, b, (x, y) => x || y),
  and: (a, b) => bool(a, b, (x, y) => x && y),
  or: (a, b) => bool(a, b, (x, y) => x || y),
};

/** `s.charAt(n)` (Java, JavaScript) on a constant string, with a constant index in range. */
function characterOf(node: SgNode, cx: ConstantContext, depth: number): string | undefined {
  const kind = cx.kind(node);
  if (kind !== 'method_invocation' && kind !== 'call_expression') return undefined;
  const m = /^[\s\S]*\.\s*charAt\s*\(\s*(\d{1,4})\s*\)$/.exec(cx.text(node));
  const receiver = m ? receiverOf(node, cx) : undefined;
  if (!m || !receiver) return undefined;
  const value = constantValue(receiver, cx, depth);
  const index = Number(m[1]);
  return typeof value === 'string' && index < value.length ? value.charAt(index) : undefined;
}

/** The object a method is called on: Java's first named child, JavaScript's member expression's object. */
function receiverOf(node: SgNode, cx: ConstantContext): SgNode | undefined {
  const first = cx.named(node)[0];
  if (!first) return undefined;
  return cx.kind(first) === 'member_expression' ? cx.named(first)[0] : first;
}

/** Largest value every language's integer holds (Java's and C#'s `int`): past it, arithmetic wraps in some of them. */
const INT_MAX = 2 ** 31 - 1;

function num(a: Value, b: Value, f: (x: number, y: number) => Value | undefined): Value | undefined {
  if (typeof a !== 'number' || typeof b !== 'number') return undefined;
  const result = f(a, b);
  return typeof result === 'number' && Math.abs(result) > INT_MAX ? undefined : result;
}

function bool(a: Value, b: Value, f: (x: boolean, y: boolean) => boolean): Value | undefined {
  return typeof a === 'boolean' && typeof b === 'boolean' ? f(a, b) : undefined;
}

/**
 * The value of an expression made only of constants: integer literals, `true`/`false`, plain string and
 * character literals, the length of a string literal (`len("abc")`), a character of a constant string
 * (`guess.charAt(1)`), names given exactly one such value before (`int num = 106;`), and arithmetic,
 * comparisons and logic over them. Undefined as soon as anything else is in it (a call, a field, a name
 * given several values or none). Code under a condition that is always false never runs
 * (`if ((7*42) - num > 200) { ... }`), and the other branch always does.
 */
export function constantValue(node: SgNode, cx: ConstantContext, depth = 2): Value | undefined {
  const text = cx.text(node).trim();
  if (/^\d{1,9}$/.test(text)) return Number(text);
  if (/^(?:true|True)$/.test(text)) return true;
  if (/^(?:false|False)$/.test(text)) return false;
  // Without escapes only: `"a\"b"` and `'\n'` are left unknown rather than decoded.
  const literal = /^"([^"\\]*)"$|^'([^'\\]*)'$/.exec(text);
  if (literal) return literal[1] ?? literal[2];
  const length = /^len\(\s*"([^"\\]*)"\s*\)$/.exec(text);
  if (length) return (length[1] as string).length;
  const charAt = characterOf(node, cx, depth);
  if (charAt !== undefined) return charAt;
  if (cx.isIdentifier(node)) {
    if (depth === 0) return undefined;
    const values = cx.valuesOf(node);
    if (values.length !== 1) return undefined;
    const [value] = values as [SgNode];
    // Go's `num := 106` gives a list of one.
    const single = cx.named(value).length === 1 && cx.kind(value) === 'expression_list' ? (cx.named(value)[0] as SgNode) : value;
    return constantValue(single, cx, depth - 1);
  }
  const named = cx.named(node);
  const operators = cx.children(node).filter((c) => !named.includes(c)).map((c) => cx.text(c).trim()).filter((t) => t !== '(' && t !== ')');
  if (named.length === 1) {
    const inner = constantValue(named[0] as SgNode, cx, depth);
    if (operators.length === 0) return inner;
    if (operators.length !== 1 || inner === undefined) return undefined;
    if (operators[0] === '!' || operators[0] === 'not') return typeof inner === 'boolean' ? !inner : undefined;
    if (operators[0] === '-') return typeof inner === 'number' ? -inner : undefined;
    return undefined;
  }
  if (named.length !== 2 || operators.length !== 1) return undefined;
  const apply = BINARY[operators[0] as string];
  if (!apply) return undefined;
  const left = constantValue(named[0] as SgNode, cx, depth);
  if (left === undefined) return undefined;
  const right = constantValue(named[1] as SgNode, cx, depth);
  return right === undefined ? undefined : apply(left, right, cx);
}
