/** The port the server listens on: `PORT`, or 3000 when it is unset or empty (`Number('')` is 0, a random port). */
export function serverPort(env: NodeJS.ProcessEnv): number {
  return Number(env.PORT || 3000);
}
