import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { chartDir } from './helm.js';

// JSON Schema cannot compare two fields, so values.schema.json spells out minReplicas <=
// maxReplicas one value at a time. Check every pair in range, in process (helm uses the same
// 2020-12 semantics; refusals.test.ts checks a few pairs through helm itself).

const schema = JSON.parse(readFileSync(join(chartDir, 'values.schema.json'), 'utf8'));
const defaults = parse(readFileSync(join(chartDir, 'values.yaml'), 'utf8'));
const ajv = new Ajv2020({ strict: false, allErrors: false }).addSchema(schema, 'values');
const validate = ajv.compile({ $ref: 'values' });
const validateAutoscaling = ajv.compile({ $ref: 'values#/$defs/autoscaling' });
const MAX = schema.$defs.autoscaling.properties.maxReplicas.maximum as number;

describe('values.schema.json', () => {
  it('accepts the default values', () => {
    expect(validate(defaults), JSON.stringify(validate.errors)).toBe(true);
  });

  it('applies the bounds to both components', () => {
    expect(schema.properties.api.properties.autoscaling).toEqual({ $ref: '#/$defs/autoscaling' });
    expect(schema.properties.web.properties.autoscaling).toEqual({ $ref: '#/$defs/autoscaling' });
  });

  it(`accepts minReplicas <= maxReplicas and refuses the rest, for every pair up to ${MAX}`, () => {
    const wrong: string[] = [];
    for (let min = 1; min <= MAX; min++) {
      for (let max = 1; max <= MAX; max++) {
        const autoscaling = { ...defaults.api.autoscaling, minReplicas: min, maxReplicas: max };
        if (validateAutoscaling(autoscaling) !== min <= max) wrong.push(`${min}..${max}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
