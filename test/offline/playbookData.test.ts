import { describe, expect, it } from 'vitest';
import { slugify } from '../../src/adr/slugify.js';
import { BASE_PLAYBOOK } from '../../src/model/offline/basePlaybook.js';
import { CONCERN_PLAYBOOKS } from '../../src/model/offline/concernPlaybooks.js';
import { CONCERN_RULES, CONCERNS } from '../../src/model/offline/concernRules.js';
import { SECTION_DEFAULTS } from '../../src/model/offline/sectionDefaults.js';
import { termPattern } from '../../src/model/offline/termPattern.js';
import { PLAN_SECTION_KINDS, ProposedDecisionSchema, RiskSchema, TradeOffSchema } from '../../src/domain/planSchema.js';

const books = [BASE_PLAYBOOK, ...Object.values(CONCERN_PLAYBOOKS)];

/** The rule and advice tables are data; these checks keep them consistent as they grow. */
describe('offline engine data', () => {
  it('has a rule and a playbook for every concern, and nothing else', () => {
    expect(Object.keys(CONCERN_RULES).sort()).toEqual([...CONCERNS].sort());
    expect(Object.keys(CONCERN_PLAYBOOKS).sort()).toEqual([...CONCERNS].sort());
  });

  it('compiles every term, and each concern has a strong one', () => {
    for (const concern of CONCERNS) {
      const rule = CONCERN_RULES[concern];
      expect(rule.strong.length, concern).toBeGreaterThan(0);
      for (const term of [...rule.strong, ...(rule.weak ?? []), ...(rule.ignore ?? [])]) {
        expect(() => termPattern(term), `${concern}: ${term}`).not.toThrow();
      }
    }
  });

  it('has defaults for every section, with numbers in the always-on ones', () => {
    expect(Object.keys(SECTION_DEFAULTS).sort()).toEqual([...PLAN_SECTION_KINDS].sort());
    const always = PLAN_SECTION_KINDS.filter((k) => SECTION_DEFAULTS[k].always);
    expect(always).toEqual(['data-model', 'api', 'error-handling', 'monitoring']);
    for (const kind of always) expect(SECTION_DEFAULTS[kind].items.join(' ')).toMatch(/\d/);
  });

  it('makes every trade-off choose one of its own options', () => {
    const tradeOffs = books.flatMap((book) => book.tradeOffs ?? []);
    expect(tradeOffs.length).toBeGreaterThan(0);
    for (const t of tradeOffs) {
      expect(TradeOffSchema.parse(t)).toEqual(t);
      expect(t.options.map((o) => o.name), t.topic).toContain(t.choice);
    }
  });

  it('has valid risks and decisions whose titles make distinct ADR file names', () => {
    const titles = new Map<string, string>();
    const risks = books.flatMap((book) => book.risks ?? []);
    expect(risks.length).toBeGreaterThan(0);
    for (const r of risks) expect(RiskSchema.parse(r)).toEqual(r);
    for (const book of books) {
      for (const d of book.decisions ?? []) {
        expect(ProposedDecisionSchema.parse(d).title).toBe(d.title);
        expect(d.confirmation.length).toBeGreaterThan(0);
        const slug = slugify(d.title);
        const other = titles.get(slug);
        if (other !== undefined) expect(other).toBe(d.title);
        titles.set(slug, d.title);
      }
    }
    expect(titles.size).toBeGreaterThanOrEqual(CONCERNS.length - 1);
  });
});
