/**
 * The `components.<name>` part of the environment schema, built from what each component declares
 * (constructs/component-table.ts): every component takes enabled, image and resources; replicas,
 * storage and retention exist only where declared, within the declared bounds.
 */
import { COMPONENT_NAMES, COMPONENT_SETTINGS, ComponentName } from '../../constructs/component-table';
import { ComponentSettingsDeclaration, OptionalSettingName } from '../../constructs/settings';

const amounts = {
  type: 'object',
  additionalProperties: false,
  properties: {
    cpu: { type: 'string', format: 'cpu', nullable: true },
    memory: { type: 'string', format: 'memory', nullable: true },
  },
};

const COMMON = {
  enabled: { type: 'boolean', nullable: true },
  image: { type: 'string', format: 'image', nullable: true },
  resources: {
    type: 'object',
    additionalProperties: false,
    nullable: true,
    properties: { requests: { ...amounts, nullable: true }, limits: { ...amounts, nullable: true } },
  },
};

/** The schema of each optional setting, from its declaration. */
const OPTIONAL: { readonly [K in OptionalSettingName]: (d: NonNullable<ComponentSettingsDeclaration[K]>) => object } = {
  replicas: (d) => ({
    type: 'integer',
    minimum: 1,
    maximum: d.max,
    ...(d.refused && Object.keys(d.refused).length > 0 ? { not: { enum: Object.keys(d.refused).map(Number) } } : {}),
    nullable: true,
  }),
  storage: () => ({ type: 'string', format: 'storage', nullable: true }),
  retention: (d) => ({ type: 'string', format: d.wholeDays ? 'retention-whole-days' : 'retention', nullable: true }),
};

export function componentSchema(declaration: ComponentSettingsDeclaration): object {
  const optional = (Object.keys(OPTIONAL) as OptionalSettingName[]).filter((k) => declaration[k] !== undefined);
  return {
    type: 'object',
    additionalProperties: false,
    nullable: true,
    properties: {
      ...COMMON,
      ...Object.fromEntries(optional.map((k) => [k, (OPTIONAL[k] as (d: unknown) => object)(declaration[k])])),
    },
  };
}

export const componentsSchema = {
  type: 'object',
  nullable: true,
  additionalProperties: false,
  properties: Object.fromEntries(COMPONENT_NAMES.map((n) => [n, componentSchema(COMPONENT_SETTINGS[n])])),
};

/** Why a component refuses an optional setting it does not declare, when it says. */
export function whyNot(component: string, setting: string): string | undefined {
  if (!(COMPONENT_NAMES as readonly string[]).includes(component)) return undefined;
  const without = COMPONENT_SETTINGS[component as ComponentName].without ?? {};
  return Object.hasOwn(without, setting) ? without[setting as OptionalSettingName] : undefined;
}

/** Why a replica count within bounds is refused, when the component says. */
export function whyNotReplicas(component: string, count: number): string | undefined {
  if (!(COMPONENT_NAMES as readonly string[]).includes(component)) return undefined;
  const refused = COMPONENT_SETTINGS[component as ComponentName].replicas?.refused ?? {};
  return Object.hasOwn(refused, count) ? refused[count] : undefined;
}
