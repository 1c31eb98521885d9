/**
 * Our dashboard model: a few typed interfaces (Dashboard, Row, six panel kinds, targets per datasource,
 * variables, links, units, thresholds) and one renderer to Grafana's JSON.
 *
 * Why not @grafana/grafana-foundation-sdk: it is generated from Grafana's schemas and mirrors every
 * option of every panel through builders, but it is not a dependency here and the project adds none;
 * it also leaves ids and grid positions to the caller and knows nothing of what we need most — which
 * scrape jobs a panel reads (so a dashboard follows what an environment runs), the list of queries the
 * synth-time check parses, and fixed datasource uids. Our dashboards use a small part of Grafana: a
 * model of that part keeps every definition short, typed and checked, and the renderer is one file.
 */
export * from './datasources';
export * from './targets';
export * from './units';
export * from './panels';
export * from './variables';
export * from './dashboard';
export * from './layout';
export * from './uid';
export * from './intervals';
export * from './render';
