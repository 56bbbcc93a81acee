// Boundaries of the code, checked by `npm run boundaries` (part of `npm run check`).
// Adapters (app, action, cli) turn their input into a trigger and run the core; the core knows no adapter,
// no Probot and no Node built-ins, so the same steps run in the App, the Action and the CLI.
const ADAPTERS = '^src/(app|action|cli)/';
// Edges that do I/O on purpose: tool runners and loaders of files shipped with the package.
const EDGES = [
  '^src/evidence/(runSquawk|findSquawkBinary)\\.ts$',
  '^src/agents/(builtinAgents|loadAgentsDir)\\.ts$',
  '^src/config/writeConfigSchema\\.ts$',
  // The AST rule engine: rule files shipped with the package (and their build-time index), and the native ast-grep module.
  '^src/evidence/ast/(loadAstRules|astGrep|writeRulesDoc|rulesIndex|textRegexIndex|writeRulesIndex)\\.ts$',
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle ties modules so that neither can change or be tested alone.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'domain-imports-nothing-of-ours',
      severity: 'error',
      comment: 'The domain is the bottom layer: everything imports it, it imports only itself.',
      from: { path: '^src/domain/' },
      to: { path: '^src/', pathNot: '^src/domain/' },
    },
    {
      name: 'adapters-independent',
      severity: 'error',
      comment: 'The App, the Action and the CLI share the core, never each other.',
      from: { path: '^src/(app|action|cli)/' },
      to: { path: '^src/(app|action|cli)/', pathNot: '^src/$1/' },
    },
    {
      name: 'core-imports-no-adapter',
      severity: 'error',
      comment: 'The core must not depend on how it is triggered.',
      from: { path: '^src/', pathNot: ADAPTERS },
      to: { path: ADAPTERS },
    },
    {
      name: 'core-no-node-builtins',
      severity: 'error',
      comment: 'The core is pure over its inputs: I/O belongs to adapters and the named edges.',
      from: { path: '^src/', pathNot: [ADAPTERS, ...EDGES] },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'core-no-probot',
      severity: 'error',
      comment: "Only the App adapter knows Probot; the core sees the GitHub port.",
      from: { path: '^src/', pathNot: ['^src/app/', '^src/github/octokitGitHub\\.ts$'] },
      to: { path: 'node_modules/probot/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
