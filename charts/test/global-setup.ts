import { helmVersion, toolPath } from '../../scripts/tools/kube-tools.js';

export default function setup(): void {
  const helm = toolPath('helm');
  console.log(`chart tests use ${helm} (${helmVersion(helm)})`);
}
