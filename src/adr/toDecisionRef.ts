import type { DecisionRef } from '../domain/Model.js';
import type { ParsedAdr } from './parseAdrFile.js';

/** A parsed ADR as the context plans and reviews receive (`ADR-0007`). */
export function toDecisionRef(adr: ParsedAdr): DecisionRef {
  const name = adr.path.split(/[\\/]/).pop() ?? adr.path;
  return {
    id: adr.number !== undefined ? `ADR-${String(adr.number).padStart(4, '0')}` : name,
    title: adr.title ?? name,
    status: adr.status ?? 'unknown',
    decision: adr.decision ?? '',
    path: adr.path,
  };
}
