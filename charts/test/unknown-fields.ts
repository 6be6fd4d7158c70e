import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import type { K8sObject } from './helm.js';

// The API server refuses unknown fields (kubectl and Helm use strict field validation), but
// the kubernetes-models validators let them through. So walk each object along the
// TypeScript interfaces those packages ship, and report every field the interface lacks:
// a misspelt key in a template or a values passthrough is caught here, not in a cluster.

const KINDS: Record<string, [module: string, type: string]> = {
  'apps/v1/Deployment': ['kubernetes-models/apps/v1/Deployment', 'IDeployment'],
  'apps/v1/StatefulSet': ['kubernetes-models/apps/v1/StatefulSet', 'IStatefulSet'],
  'autoscaling/v2/HorizontalPodAutoscaler': [
    'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler',
    'IHorizontalPodAutoscaler',
  ],
  'batch/v1/Job': ['kubernetes-models/batch/v1/Job', 'IJob'],
  'networking.k8s.io/v1/Ingress': ['kubernetes-models/networking.k8s.io/v1/Ingress', 'IIngress'],
  'networking.k8s.io/v1/NetworkPolicy': [
    'kubernetes-models/networking.k8s.io/v1/NetworkPolicy',
    'INetworkPolicy',
  ],
  'policy/v1/PodDisruptionBudget': [
    'kubernetes-models/policy/v1/PodDisruptionBudget',
    'IPodDisruptionBudget',
  ],
  'v1/Pod': ['kubernetes-models/v1/Pod', 'IPod'],
  'v1/Secret': ['kubernetes-models/v1/Secret', 'ISecret'],
  'v1/Service': ['kubernetes-models/v1/Service', 'IService'],
  'v1/ServiceAccount': ['kubernetes-models/v1/ServiceAccount', 'IServiceAccount'],
  'gateway.networking.k8s.io/v1/HTTPRoute': [
    '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute',
    'IHTTPRoute',
  ],
};

interface TypeIndex {
  checker: ts.TypeChecker;
  kinds: Map<string, ts.Type>;
}

let index: TypeIndex | undefined;

function buildIndex(): TypeIndex {
  const here = dirname(fileURLToPath(import.meta.url));
  const file = join(here, '__kinds__.ts');
  const entries = Object.entries(KINDS);
  const source = [
    ...entries.map(([, [module, type]], i) => `import type { ${type} as K${i} } from '${module}';`),
    `export type Kinds = { ${entries.map(([key], i) => `'${key}': K${i}`).join('; ')} };`,
  ].join('\n');
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2023,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
    lib: ['lib.es2023.d.ts'],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (name) => (name === file ? source : readFile(name));
  host.fileExists = (name) => name === file || fileExists(name);
  host.getSourceFile = (name, language) =>
    name === file ? ts.createSourceFile(name, source, language) : getSourceFile(name, language);
  const program = ts.createProgram([file], options, host);
  const checker = program.getTypeChecker();
  const sourceFile = program.getSourceFile(file);
  const alias = sourceFile?.statements.find(ts.isTypeAliasDeclaration);
  if (!alias) throw new Error('could not load the kubernetes-models type declarations');
  const kindsType = checker.getTypeAtLocation(alias.name);
  const kinds = new Map(
    checker
      .getPropertiesOfType(kindsType)
      .map((symbol) => [symbol.name, checker.getTypeOfSymbol(symbol)]),
  );
  for (const [key, type] of kinds) {
    if (checker.getPropertiesOfType(type).length === 0)
      throw new Error(`type of ${key} did not resolve`);
  }
  return { checker, kinds };
}

function objectMembers(checker: ts.TypeChecker, type: ts.Type): ts.Type[] {
  const members = type.isUnion() ? type.types : [type];
  return members.filter(
    (member) =>
      checker.getPropertiesOfType(member).length > 0 ||
      checker.getIndexInfosOfType(member).length > 0,
  );
}

function walk(
  checker: ts.TypeChecker,
  value: unknown,
  declared: ts.Type,
  path: string,
  found: string[],
): void {
  if (value === null || typeof value !== 'object') return;
  const type = checker.getNonNullableType(declared);
  if (Array.isArray(value)) {
    const element = checker.isArrayType(type)
      ? checker.getTypeArguments(type as ts.TypeReference)[0]
      : undefined;
    if (!element) return;
    for (const [i, item] of value.entries()) walk(checker, item, element, `${path}[${i}]`, found);
    return;
  }
  const candidates = objectMembers(checker, type);
  if (candidates.length === 0) return; // any, unknown or a free-form object
  const [shape] = candidates;
  if (!shape) return;
  for (const [key, child] of Object.entries(value)) {
    const property = checker.getPropertyOfType(shape, key);
    if (property) {
      walk(checker, child, checker.getTypeOfSymbol(property), `${path}.${key}`, found);
      continue;
    }
    const indexed = checker.getIndexInfosOfType(shape)[0];
    if (indexed) walk(checker, child, indexed.type, `${path}.${key}`, found);
    else found.push(`${path}.${key}`);
  }
}

/** Fields of the object that its Kubernetes (or Gateway API) type does not declare. */
export function unknownFields(object: K8sObject): string[] {
  const key = `${object.apiVersion}/${object.kind}`;
  if (!(key in KINDS)) return [];
  index ??= buildIndex();
  const type = index.kinds.get(key);
  if (!type) throw new Error(`no type loaded for ${key}`);
  const found: string[] = [];
  walk(index.checker, object, type, `${object.kind}/${object.metadata.name}`, found);
  return found;
}
