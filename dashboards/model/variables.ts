/** Templating variables: pick a datasource, a job, an instance, an agent... */
import { DatasourceType } from './datasources';

export interface DatasourceVariable {
  readonly kind: 'datasource';
  readonly name: string;
  readonly label: string;
  readonly type: DatasourceType;
}

export interface QueryVariable {
  readonly kind: 'query';
  readonly name: string;
  readonly label: string;
  readonly datasource: 'prometheus' | 'loki';
  /**
   * Prometheus: `label_values(metric{...}, label)`. Loki: the label whose values to list, with an
   * optional stream selector narrowing them.
   */
  readonly query: string;
  readonly lokiStream?: string;
  /** Several values at once, and an `All` choice. @default true */
  readonly multi?: boolean;
  /** What `All` sends: `.*` matches every value, also ones not listed yet. @default '.*' */
  readonly allValue?: string;
}

export interface TextVariable {
  readonly kind: 'text';
  readonly name: string;
  readonly label: string;
  readonly default: string;
}

export interface CustomVariable {
  readonly kind: 'custom';
  readonly name: string;
  readonly label: string;
  readonly options: readonly string[];
  /** @default the first option */
  readonly default?: string;
}

export type Variable = DatasourceVariable | QueryVariable | TextVariable | CustomVariable;

export function datasourceVariable(type: DatasourceType, name = type === 'prometheus' ? 'datasource' : `${type}_datasource`): DatasourceVariable {
  const label = type === 'prometheus' ? 'Prometheus' : type.charAt(0).toUpperCase() + type.slice(1);
  return { kind: 'datasource', name, label, type };
}

export function promVariable(name: string, label: string, query: string, options: Pick<QueryVariable, 'multi' | 'allValue'> = {}): QueryVariable {
  return { kind: 'query', name, label, datasource: 'prometheus', query, ...options };
}

export function lokiLabelVariable(name: string, label: string, lokiLabel: string, stream?: string, options: Pick<QueryVariable, 'multi' | 'allValue'> = {}): QueryVariable {
  return { kind: 'query', name, label, datasource: 'loki', query: lokiLabel, lokiStream: stream, ...options };
}

export function textVariable(name: string, label: string, value = ''): TextVariable {
  return { kind: 'text', name, label, default: value };
}

export function customVariable(name: string, label: string, options: readonly string[], value?: string): CustomVariable {
  if (options.length === 0) throw new Error(`customVariable ${name}: give at least one option`);
  return { kind: 'custom', name, label, options, default: value };
}
