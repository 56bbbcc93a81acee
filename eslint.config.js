// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['lib/**', 'dist/**', '.bench-build/**', '.test-build/**', '.heldout-cache/**', 'node_modules/**', 'coverage/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // CommonJS config files (dependency-cruiser reads `.cjs`).
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } } },
  // The test guard preloaded with --require (test/support/loopbackOnly.cjs): plain CommonJS for Node.
  {
    files: ['test/support/*.cjs'],
    languageOptions: { globals: { process: 'readonly', globalThis: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // Node scripts run by npm (build, checks).
  { files: ['scripts/**/*.mjs'], languageOptions: { globals: { console: 'readonly', process: 'readonly' } } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // Boundaries (with .dependency-cruiser.cjs): only adapters and the named I/O edges read the process
    // (environment, argv, platform), so the core runs the same in the App, the Action and the CLI.
    files: ['src/**/*.ts'],
    ignores: ['src/app/**', 'src/action/**', 'src/cli/**', 'src/evidence/findSquawkBinary.ts', 'src/evidence/runSquawk.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'process', message: 'Only adapters (src/app, src/action, src/cli) read the process: pass what you need in.' }],
    },
  },
  {
    // Clocks injected: the core reads the time from a Clock it is given (src/domain/Clock.ts), so tests
    // set the time. (src/jobs is wired separately.)
    files: ['src/{core,domain,render,adr,security,queue,state,triggers,markdown}/**/*.ts'],
    ignores: ['src/domain/Clock.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='Date'][property.name='now']", message: 'Take a Clock (src/domain/Clock.ts) instead of reading Date.now().' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Take a Clock (src/domain/Clock.ts) instead of new Date().' },
      ],
    },
  },
);
