import type { AdrResult, AdrWrite, Published } from '../domain/Write.js';

/** One ADR comment line per ADR write already carried out in the plan. */
export function adrLines(done: readonly Published[], describe: (result: AdrResult, title: string, mode: AdrWrite['mode']) => string): string[] {
  return done.flatMap((p) => (p.write.kind === 'adr' && p.result.kind === 'adr' ? [describe(p.result.result, p.write.title || p.write.adr.title, p.write.mode)] : []));
}
