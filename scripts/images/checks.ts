/** Named assertions of the smoke run; the first failure stops the run with its detail. */
export class Checks {
  #passed = 0;

  constructor(private readonly log: (line: string) => void) {}

  pass(name: string): void {
    this.#passed += 1;
    this.log(`ok   ${name}`);
  }

  expect(name: string, holds: boolean, detail: string): void {
    if (!holds) throw new Error(`check failed: ${name}: ${detail}`);
    this.pass(name);
  }

  get passed(): number {
    return this.#passed;
  }
}
