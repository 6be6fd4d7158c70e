import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { chartDir, helm, parseManifests, template } from './helm.js';

// minReplicas <= maxReplicas compares two fields, which JSON Schema cannot: the schema bounds
// each field, and the HPA template refuses a lower bound above the upper one with `fail`
// (templates/_autoscaling.tpl says why, templates/hpa.yaml fails). The rule is checked for
// every pair in the schema's range in one helm run: a scratch copy of the chart gets a
// template that asks the same helper about every pair, with numbers typed as helm types
// values (float64), and prints its verdicts.

const schema = JSON.parse(readFileSync(join(chartDir, 'values.schema.json'), 'utf8'));
const defaults = parse(readFileSync(join(chartDir, 'values.yaml'), 'utf8'));
const ajv = new Ajv2020({ strict: false, allErrors: false }).addSchema(schema, 'values');
const validate = ajv.compile({ $ref: 'values' });
const validateAutoscaling = ajv.compile({ $ref: 'values#/$defs/autoscaling' });
const MAX = schema.$defs.autoscaling.properties.maxReplicas.maximum as number;
const scratch = mkdtempSync(join(tmpdir(), 'todo-bounds-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const refusal = (component: string, min: number, max: number) =>
  `${component}.autoscaling.minReplicas (${min}) must not exceed ${component}.autoscaling.maxReplicas (${max})`;

/** The helper's verdict on every pair 1..MAX x 1..MAX: '' when accepted, else its message. */
async function verdicts(): Promise<Record<string, string>> {
  const chart = join(scratch, 'todo');
  cpSync(chartDir, chart, { recursive: true });
  const probe = `apiVersion: v1
kind: ConfigMap
metadata:
  name: bounds-probe
data:
{{- range $min := untilStep 1 ${MAX + 1} 1 }}
{{- range $max := untilStep 1 ${MAX + 1} 1 }}
  {{ printf "%d-%d" $min $max }}: {{ include "todo.autoscaling.boundsError" (dict "component" "api" "autoscaling" (dict "minReplicas" (float64 $min) "maxReplicas" (float64 $max))) | quote }}
{{- end }}
{{- end }}
`;
  writeFileSync(join(chart, 'templates', 'zz-bounds-probe.yaml'), probe);
  const result = await helm([
    'template',
    'probe',
    chart,
    '--show-only',
    'templates/zz-bounds-probe.yaml',
  ]);
  if (result.code !== 0) throw new Error(`the probe did not render:\n${result.stderr}`);
  const [configMap] = parseManifests(result.stdout);
  return configMap?.data ?? {};
}

describe('HPA bounds', () => {
  it('the schema accepts the default values', () => {
    expect(validate(defaults), JSON.stringify(validate.errors)).toBe(true);
  });

  it('the schema bounds each field to 1..100 for both components', () => {
    expect(schema.properties.api.properties.autoscaling).toEqual({ $ref: '#/$defs/autoscaling' });
    expect(schema.properties.web.properties.autoscaling).toEqual({ $ref: '#/$defs/autoscaling' });
    const ok = { ...defaults.api.autoscaling, minReplicas: 1, maxReplicas: MAX };
    expect(validateAutoscaling(ok)).toBe(true);
    for (const field of ['minReplicas', 'maxReplicas']) {
      for (const wrong of [0, MAX + 1, 2.5]) {
        expect(validateAutoscaling({ ...ok, [field]: wrong }), `${field}=${wrong}`).toBe(false);
      }
    }
  });

  it(`accepts minReplicas <= maxReplicas and refuses the rest, for every pair up to ${MAX}`, async () => {
    const found = await verdicts();
    const wrong: string[] = [];
    for (let min = 1; min <= MAX; min++) {
      for (let max = 1; max <= MAX; max++) {
        const expected = min <= max ? '' : refusal('api', min, max);
        if (found[`${min}-${max}`] !== expected) wrong.push(`${min}..${max}`);
      }
    }
    expect(Object.keys(found)).toHaveLength(MAX * MAX);
    expect(wrong).toEqual([]);
  });

  it('are refused by helm for either component, HPA on or off, however the numbers arrive', async () => {
    // --set makes int64 values, values files float64: the comparison must work across both.
    const cases: { args: string[]; component: 'api' | 'web'; min: number; max: number }[] = [
      { args: ['--set', 'api.autoscaling.minReplicas=6'], component: 'api', min: 6, max: 5 },
      { args: ['--set', 'web.autoscaling.maxReplicas=1'], component: 'web', min: 2, max: 1 },
      {
        args: ['--set', 'web.autoscaling.enabled=false', '--set', 'web.autoscaling.minReplicas=9'],
        component: 'web',
        min: 9,
        max: 5,
      },
    ];
    for (const { args, component, min, max } of cases) {
      const result = await helm(['template', 'demo', chartDir, ...args]);
      expect(result.code, args.join(' ')).not.toBe(0);
      expect(result.stderr).toContain(refusal(component, min, max));
    }
    const equal = await helm([
      'template',
      'demo',
      chartDir,
      '--set',
      'api.autoscaling.minReplicas=5',
    ]);
    expect(equal.stderr).toBe('');
    expect(equal.code).toBe(0);
    const fromFile = await template({ web: { autoscaling: { minReplicas: 5, maxReplicas: 5 } } });
    expect(fromFile.code).toBe(0);
  });
});
