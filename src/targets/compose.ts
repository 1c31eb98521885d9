/** The `compose` target: a docker-compose stack with the configuration files it bind-mounts. */
import { composeEnvFile, secretRefs } from '../commands/secrets';
import { COMPOSE_PLATFORM } from '../render/compose/platform';
import { renderCompose } from '../render/compose/renderer';
import { composeFileIn } from '../validate/output';
import { OutputTarget, validation } from './target';

export const composeTarget: OutputTarget = {
  name: 'compose',
  summary: 'a docker-compose stack',
  platform: () => COMPOSE_PLATFORM,
  render: renderCompose,
  recognizes: (dir) => composeFileIn(dir) !== undefined,
  validate: (dir, options) => validation().validateComposeOutput(dir, options),
  checkWithTools: (dir, label) => validation().checkWithTools(dir, { label }),
  services: (stack) => stack.describe(COMPOSE_PLATFORM),
  secrets: (stack) => composeEnvFile(secretRefs(stack.describe(COMPOSE_PLATFORM))),
  access: {
    column: 'Compose URL',
    url: (spec, env) => {
      const facing = spec.ports.find((p) => p.userFacing) ?? spec.ports.find((p) => !p.peerOnly && !p.probeOnly);
      if (!facing) return '-';
      const scheme = facing.name.startsWith('http') ? 'http://' : '';
      return facing.userFacing ? `${scheme}${hostOf(env.bindAddress)}:${facing.port}` : `${spec.name}:${facing.port} (inside the compose network)`;
    },
  },
};

function hostOf(bindAddress: string): string {
  if (bindAddress === '0.0.0.0' || bindAddress === '127.0.0.1') return 'localhost';
  return bindAddress.includes(':') ? `[${bindAddress}]` : bindAddress;
}
