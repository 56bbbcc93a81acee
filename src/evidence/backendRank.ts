import { isCodeFile, isTestFile } from './isCodeFile.js';
import { isMigration } from './isMigration.js';

const SCHEMA = /(^|\/)(schema\.prisma|schema\.rb|structure\.sql)$|\.(sql|prisma|graphql|gql|proto)$|(^|\/)openapi\.(ya?ml|json)$/i;
const HANDLERS =
  /(^|\/)(routes?|routers?|controllers?|handlers?|api|endpoints?|resolvers?|views)(\/|$)|[._-](controller|routes?|router|handler|resolver)\.\w+$|Controller\.\w+$|(^|\/)urls\.py$/i;
const SERVICES = /(^|\/)(services?|usecases?|use-cases|domain|jobs|workers?|queues?|consumers?)(\/|$)|[._-]service\.\w+$|Service\.\w+$/i;
const DATA_ACCESS =
  /(^|\/)(repositor(y|ies)|models?|entities|entity|dao|db|database|stores?|persistence|queries|data)(\/|$)|[._-](repository|repo|model|entity|dao)\.\w+$|(Repository|Dao|Model|Entity)\.\w+$/i;
const INFRA =
  /(^|\/)(config|configs|infra|infrastructure|deploy|k8s|kubernetes|helm|terraform|\.github|docker)(\/|$)|\.(tf|hcl|ya?ml|toml|ini|env)$|(^|\/)(Dockerfile|docker-compose[^/]*|Procfile|\.env[^/]*)$/i;

/**
 * How early a file is read when the budget is short, 0 first: migrations and schema, HTTP handlers,
 * services, data access, infrastructure and config, other code, tests, then everything else.
 */
export function backendRank(path: string): number {
  if (isTestFile(path)) return 6;
  if (isMigration(path) || SCHEMA.test(path)) return 0;
  if (HANDLERS.test(path)) return 1;
  if (SERVICES.test(path)) return 2;
  if (DATA_ACCESS.test(path)) return 3;
  if (INFRA.test(path)) return 4;
  if (isCodeFile(path)) return 5;
  return 7;
}
