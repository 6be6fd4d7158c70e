// `npm run lint:workflows` (after actionlint): the supply-chain rules actionlint does not check.
// Every third-party action is pinned to a full commit SHA with its release tag beside it, every
// workflow starts from a read-only (or empty) token, and every job has a time limit.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const workflowsDir = fileURLToPath(new URL('../../.github/workflows', import.meta.url));
const PINNED = /^\s*-?\s*uses:\s*([\w.-]+\/[\w./-]+)@([0-9a-f]{40})\s+#\s*v\d+\.\d+\.\d+\s*$/;
const USES = /^\s*-?\s*uses:\s*(\S+)/;
const READ_ONLY_DEFAULTS = new Set(['read-all']);

function usesProblems(file: string, text: string): string[] {
  const problems: string[] = [];
  text.split('\n').forEach((line, index) => {
    const used = line.match(USES)?.[1];
    if (!used || used.startsWith('./') || used.startsWith('docker://')) return;
    if (!PINNED.test(line)) {
      problems.push(`${file}:${index + 1}: ${used} is not pinned as <sha40> # vX.Y.Z`);
    }
  });
  return problems;
}

function isReadOnly(permissions: unknown): boolean {
  if (typeof permissions === 'string') return READ_ONLY_DEFAULTS.has(permissions);
  if (permissions === null || typeof permissions !== 'object') return false;
  return Object.values(permissions).every((level) => level === 'read' || level === 'none');
}

function structureProblems(file: string, text: string): string[] {
  const workflow = parse(text) as {
    permissions?: unknown;
    jobs?: Record<string, { 'timeout-minutes'?: unknown }>;
  };
  const problems: string[] = [];
  if (!('permissions' in workflow)) {
    problems.push(`${file}: no top-level permissions (the token would get the repository default)`);
  } else if (!isReadOnly(workflow.permissions)) {
    problems.push(`${file}: top-level permissions grant write; grant it per job instead`);
  }
  for (const [name, job] of Object.entries(workflow.jobs ?? {})) {
    if (typeof job['timeout-minutes'] !== 'number') {
      problems.push(`${file}: job ${name} has no timeout-minutes`);
    }
  }
  return problems;
}

const files = readdirSync(workflowsDir).filter((name) => /\.ya?ml$/.test(name));
if (files.length === 0) throw new Error(`no workflows in ${workflowsDir}`);
const problems = files.flatMap((name) => {
  const text = readFileSync(join(workflowsDir, name), 'utf8');
  return [...usesProblems(name, text), ...structureProblems(name, text)];
});
for (const problem of problems) console.error(problem);
console.log(`workflow policy: ${files.length} files, ${problems.length} problems`);
process.exit(problems.length === 0 ? 0 : 1);
