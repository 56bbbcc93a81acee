/**
 * Jobs a process runs at once, by default (the in-process queue, and each Redis worker process). A job
 * spends most of its time waiting on the model, so this bounds open model calls and the memory of
 * running jobs, not CPU; it does not change what a job costs (`limits.modelCallsPerEvent` and the
 * installation's `limits.dailyTokenBudget` bound that). It is sized so that the model is not what keeps
 * a burst from GitHub's write rate (README "Rate limits"): the write budget of 10 busy installations is
 * 10 × 80 = 800 writes a minute, and 64 jobs answer 100 events with a 3 s model in 2 rounds (6 s),
 * under the 9.75 s that GitHub's rate allows 10 writes per installation after the model.
 */
export const JOB_CONCURRENCY = 64;
