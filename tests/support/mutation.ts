/** A property's run count: a tenth under mutation testing (`ONLOOKER_MUTATE`), where every mutant repeats it; `npm test` keeps the whole count. */
export const runs = (n: number): number => (process.env.ONLOOKER_MUTATE ? Math.ceil(n / 10) : n);
