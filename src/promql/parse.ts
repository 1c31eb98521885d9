/** The PromQL parser is the construct library's (its rule tests read metric names with it); the checks take it from here. */
import type { LRParser } from '@lezer/lr';
import { useTreeSource } from '../../constructs/promql';
import { treeStore } from './tree-store';

export * from '../../constructs/promql';

// A CLI run rebuilds most trees from those the last run kept (see tree-store.ts); elsewhere each is parsed.
const store = treeStore((require('@prometheus-io/lezer-promql') as { parser: LRParser }).parser);
useTreeSource((expr, parse) => store.tree(expr, parse));
