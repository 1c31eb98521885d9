/** The README's table of settings each component takes, generated from the components' declarations. */
import { COMPONENT_NAMES, COMPONENT_SETTINGS } from '../../constructs/component-table';
import { ComponentSettingsDeclaration, OptionalSettingName } from '../../constructs/settings';

const OPTIONAL: readonly OptionalSettingName[] = ['replicas', 'storage', 'retention'];

export function settingsMarkdown(): string {
  return [
    '**Settings** under `components.<name>` in an environment file. Every component takes `enabled`, `image` and',
    '`resources` (`requests`/`limits` of `cpu` and `memory`); the others only where the component renders them, and',
    'a key it does not take is refused at its line with the reason below:',
    '',
    '| Component | replicas | storage | retention | Needs |',
    '|---|---|---|---|---|',
    ...COMPONENT_NAMES.map((name) => {
      const d = COMPONENT_SETTINGS[name];
      const needs = (d.needs ?? []).map((n) => `${n.component} (${n.why})`).join('; ') || '-';
      return `| ${name} | ${OPTIONAL.map((s) => cell(d, s)).join(' | ')} | ${escape(needs)} |`;
    }),
  ].join('\n');
}

function cell(d: ComponentSettingsDeclaration, setting: OptionalSettingName): string {
  switch (setting) {
    case 'replicas':
      if (d.replicas) {
        const refused = Object.keys(d.replicas.refused ?? {});
        return `1–${d.replicas.max}${refused.length ? ` except ${refused.join(', ')}` : ''}`;
      }
      break;
    case 'storage':
      if (d.storage) return `default ${d.storage.default}`;
      break;
    case 'retention':
      if (d.retention) return `default ${d.retention.default}${d.retention.wholeDays ? ', whole days' : ''}${d.retention.appliedBy ? `, applied by ${d.retention.appliedBy}` : ''}`;
      break;
  }
  return `no: ${escape(d.without?.[setting] ?? 'not offered')}`;
}

function escape(text: string): string {
  return text.replace(/\|/g, '\\|');
}
