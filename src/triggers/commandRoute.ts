import type { Route, Target } from './Intent.js';
import type { ParsedCommand } from './parseCommands.js';
import { run, type RouteContext } from './RouteContext.js';

/** Most decision numbers one `/agency:adr accept` may name; a plan proposes a handful. */
const MAX_DECISIONS = 20;

/**
 * The run route for a slash command in a comment. Unknown and disabled commands become `help` with
 * `requested` set, so the user learns what exists instead of meeting silence. Commands are routed
 * whatever the target kind: `/agency:review` on a plain issue still runs and the job answers that a
 * review needs a pull request, because a reply is more useful than an ignored command.
 */
export function commandRoute(ctx: RouteContext, parsed: ParsedCommand, target: Target, commentId: number): Route {
  const enabled = ctx.config.commands.includes(parsed.command);
  // `help` always answers, even when disabled: it is the reply to every other refusal.
  const command = enabled ? parsed.command : 'help';
  // Only a help that replaces what the user typed names it; `/agency:help` and a bare `/agency:` do not.
  const requested = parsed.name !== '' && parsed.name !== command ? parsed.name : undefined;
  const decisions = command === 'adr' ? acceptedDecisions(parsed.args) : undefined;
  return run(ctx, {
    command,
    args: parsed.args,
    target,
    via: 'comment',
    commentId,
    ...(requested !== undefined ? { requested } : {}),
    ...(decisions ? { decisions } : {}),
  });
}

/** `accept 2 3`, `accept 2, #3` → [2, 3]; undefined when the args are not an accept with numbers. */
function acceptedDecisions(args: string): number[] | undefined {
  const m = /^accept\b(.*)$/i.exec(args);
  if (!m) return undefined;
  const numbers = (m[1] ?? '')
    .split(/[\s,]+/)
    .map((token) => /^#?(\d{1,6})$/.exec(token)?.[1])
    .filter((digits): digits is string => digits !== undefined)
    .map(Number)
    .filter((n) => n > 0);
  const unique = [...new Set(numbers)].slice(0, MAX_DECISIONS);
  return unique.length > 0 ? unique : undefined;
}
