import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments, stringify } from 'yaml';
import { toolPath } from '../../scripts/tools/kube-tools.js';

export const chartDir = resolve(fileURLToPath(new URL('../todo', import.meta.url)));
export const RELEASE = 'demo';
export const NAMESPACE = 'todo-ns';
export const KUBE_VERSION = '1.35.0';

export interface HelmResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  // biome-ignore lint/suspicious/noExplicitAny: rendered manifests are checked by schema, then read freely
  spec?: any;
  // biome-ignore lint/suspicious/noExplicitAny: idem
  [field: string]: any;
}

export function helm(args: string[]): Promise<HelmResult> {
  return new Promise((done) => {
    execFile(toolPath('helm'), args, { maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

/** Runs `helm template` with the given values (written to a file, so types survive) and files. */
export async function template(
  values: object = {},
  valuesFiles: string[] = [],
): Promise<HelmResult> {
  const dir = mkdtempSync(join(tmpdir(), 'todo-chart-'));
  try {
    const file = join(dir, 'values.yaml');
    writeFileSync(file, stringify(values));
    const fileArgs = [...valuesFiles, file].flatMap((f) => ['--values', f]);
    return await helm([
      'template',
      RELEASE,
      chartDir,
      '--namespace',
      NAMESPACE,
      '--kube-version',
      KUBE_VERSION,
      ...fileArgs,
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function parseManifests(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((doc) => {
      if (doc.errors.length > 0)
        throw new Error(`rendered YAML is invalid: ${doc.errors[0]?.message}`);
      return doc.toJS() as K8sObject | null;
    })
    .filter((object): object is K8sObject => object !== null);
}

export interface Rendered {
  text: string;
  objects: K8sObject[];
}

/** Renders and parses; a refused render is a test failure with helm's own message. */
export async function render(values: object = {}, valuesFiles: string[] = []): Promise<Rendered> {
  const result = await template(values, valuesFiles);
  if (result.code !== 0) throw new Error(`helm template failed:\n${result.stderr}`);
  return { text: result.stdout, objects: parseManifests(result.stdout) };
}

/** Runs tasks with at most `limit` in flight: helm is CPU-bound and the CI box has 2 cores. */
export async function mapLimit<T, R>(
  items: T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
