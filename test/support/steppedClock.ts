/**
 * A clock shared by the strict fake and the pacers: a pacer's sleep moves it forward at once, so a
 * minute of pacing takes no wall time and the fake judges the requests by the paced times. For
 * requests made one after another.
 */
export function steppedClock() {
  const clock = { now: Date.UTC(2026, 0, 1), slept: 0 };
  return {
    clock,
    now: () => clock.now,
    sleep: async (ms: number) => {
      clock.now += ms;
      clock.slept += ms;
    },
  };
}

export type SteppedClock = ReturnType<typeof steppedClock>;
