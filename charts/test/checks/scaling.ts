import { expect } from 'vitest';
import type { K8sObject } from '../helm.js';
import { find, ofKind } from '../manifests.js';
import { BOUNDS, type Mode, REPLICAS } from '../modes.js';
import { name } from '../names.js';

/** With the HPA on, Deployments leave replicas to it; off, they carry replicaCount. */
export function expectScaling(objects: K8sObject[], mode: Mode): void {
  const hpas = ofKind(objects, 'HorizontalPodAutoscaler');
  expect(hpas).toHaveLength(mode.hpa ? 2 : 0);
  for (const component of ['api', 'web'] as const) {
    const deployment = find(objects, 'Deployment', name(component));
    if (!mode.hpa) {
      expect(deployment.spec.replicas).toBe(REPLICAS[component]);
      continue;
    }
    expect(deployment.spec).not.toHaveProperty('replicas');
    const hpa = find(objects, 'HorizontalPodAutoscaler', name(component));
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec.scaleTargetRef).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: name(component),
    });
    expect(hpa.spec.minReplicas).toBe(BOUNDS[component].min);
    expect(hpa.spec.maxReplicas).toBe(BOUNDS[component].max);
    expect(hpa.spec.metrics).toEqual([
      {
        type: 'Resource',
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } },
      },
    ]);
  }
}
