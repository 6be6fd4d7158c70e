import { appendFileSync, mkdirSync } from 'node:fs';
import { artifactsDir } from '@todo/harness/paths';

const dir = `${artifactsDir}/reliability`;

/**
 * Prints what a test measured (a figure, not an assertion) and keeps it in
 * .artifacts/reliability/figures.jsonl for the run's report.
 */
export function reportFigures(test: string, figures: Record<string, unknown>): void {
  console.log(`[reliability] ${test}: ${JSON.stringify(figures)}`);
  mkdirSync(dir, { recursive: true });
  appendFileSync(
    `${dir}/figures.jsonl`,
    `${JSON.stringify({ at: new Date().toISOString(), test, ...figures })}\n`,
  );
}
