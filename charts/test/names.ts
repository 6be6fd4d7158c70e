import { RELEASE } from './helm.js';

/** `<release>-<chart>`: the release name does not contain the chart name. */
export const FULLNAME = `${RELEASE}-todo`;

export function name(component: 'api' | 'web' | 'migrate' | 'db'): string {
  return `${FULLNAME}-${component}`;
}
