import type { PlanSectionKind, ProposedDecision, Risk, TradeOff } from '../../domain/planSchema.js';

/** What one concern adds to a plan section. */
export interface SectionContribution {
  /** A sentence appended to the section summary when this concern is the first to contribute one. */
  lead?: string;
  items: string[];
  questions?: string[];
  /**
   * Only add to the section when something else already brings it in: a multi-tenant issue should
   * put the tenant into cache keys, but does not by itself call for a cache.
   */
  onlyIfPresent?: boolean;
}

/** A proposed decision, plus what the offline ADR needs to draft a useful record from it. */
export interface DecisionTemplate extends ProposedDecision {
  good: string[];
  bad: string[];
  confirmation: string;
}

export interface ChecklistItems {
  implementation?: string[];
  security?: string[];
  performance?: string[];
  reliability?: string[];
}

/** The offline engine's advice for one concern, as data. */
export interface Playbook {
  /** The recommended design in one clause, for the plan summary. */
  shape: string;
  /** Why the concern matters, phrased as an ADR decision driver. */
  driver: string;
  assumptions?: string[];
  sections: Partial<Record<PlanSectionKind, SectionContribution>>;
  tradeOffs?: TradeOff[];
  risks?: Risk[];
  openQuestions?: string[];
  checklists?: ChecklistItems;
  decisions?: DecisionTemplate[];
}
