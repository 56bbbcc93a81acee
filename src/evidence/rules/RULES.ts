import { queryInLoop } from './queryInLoop.js';
import { routeWithoutAuth } from './routeWithoutAuth.js';
import type { Rule } from './Rule.js';
import { selectStar } from './selectStar.js';
import { sqlStringBuilding } from './sqlStringBuilding.js';
import { unboundedList } from './unboundedList.js';

/** Our rules, run on the added lines of non-migration, non-test code files. */
export const RULES: readonly Rule[] = [sqlStringBuilding, routeWithoutAuth, queryInLoop, unboundedList, selectStar];
