const CODE_EXTENSIONS = /\.(?:[cm]?[jt]sx?|py|rb|go|java|kts?|php|cs)$/i;
const TEST_PATH =
  /(^|\/)(__tests__|__mocks__|tests?|spec|specs|fixtures?|testdata|e2e)\/|[._-](test|spec)\.[a-z]+$|(^|\/)test_[^/]+\.py$|_test\.go$|Tests?\.(java|kt|cs)$/i;

/** Application source our rules read: TypeScript/JavaScript, Python, Ruby, Go, Java, Kotlin, PHP, C#. */
export function isCodeFile(path: string): boolean {
  return CODE_EXTENSIONS.test(path) && !path.endsWith('.d.ts');
}

/** Tests, fixtures and mocks: rules skip them because test code builds queries and routes on purpose. */
export function isTestFile(path: string): boolean {
  return TEST_PATH.test(path.replace(/\\/g, '/'));
}
