/** Named durations, printed at the end of a run. */
export class Stopwatch {
  readonly #laps: Array<{ name: string; seconds: number }> = [];

  async time<T>(name: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.#laps.push({ name, seconds: (performance.now() - started) / 1000 });
    }
  }

  laps(): ReadonlyArray<{ name: string; seconds: number }> {
    return this.#laps;
  }
}
