/**
 * Traces overview: what Jaeger (an OpenTelemetry Collector) receives and stores, from its metrics,
 * and the recent traces of the application with one trace opened by id, from the Jaeger datasource.
 */
import { PROMETHEUS_DS, STACK_LINKS, STACK_TAG } from './common';
import { Dashboard, DashboardContext, datasourceVariable, promql, RATE, stat, table, textVariable, thresholds, traceById, traces as tracesPanel, traceSearch, timeseries } from './model';

const JOB = 'jaeger';

export function traces(context: DashboardContext): Dashboard {
  const sel = `job="${JOB}"`;
  return {
    title: 'Traces',
    description: 'Spans received, refused and stored by Jaeger, and the application\'s recent traces.',
    tags: [STACK_TAG, 'traces', 'jaeger'],
    requires: [JOB],
    variables: [PROMETHEUS_DS, datasourceVariable('jaeger'), textVariable('service', 'Service', context.applicationJob), textVariable('trace_id', 'Trace id')],
    links: [...STACK_LINKS, { kind: 'url', title: 'Explore traces', url: '/explore?left=%7B%22datasource%22:%22jaeger%22%7D', tooltip: 'Search traces in Explore' }],
    rows: [
      {
        panels: [
          stat({ title: 'Spans Accepted per Second', targets: [promql(`sum(rate(otelcol_receiver_accepted_spans_total{${sel}}[${RATE}]))`, 'accepted')], unit: 'short' }),
          stat({
            title: 'Spans Refused per Second',
            targets: [promql(`sum(rate(otelcol_receiver_refused_spans_total{${sel}}[${RATE}]))`, 'refused')],
            thresholds: thresholds('green', [0.001, 'red']),
          }),
          stat({
            title: 'Storage Failures per Second',
            targets: [promql(`sum(rate(otelcol_exporter_send_failed_spans_total{${sel}}[${RATE}]))`, 'failed')],
            thresholds: thresholds('green', [0.001, 'red']),
          }),
          stat({
            title: 'Export Queue Fill',
            targets: [promql(`max(otelcol_exporter_queue_size{${sel}} / otelcol_exporter_queue_capacity{${sel}})`, 'queue')],
            unit: 'percentunit',
            thresholds: thresholds('green', [0.5, 'orange'], [0.8, 'red']),
          }),
        ],
      },
      {
        title: 'Ingestion',
        panels: [
          timeseries({
            title: 'Spans Received',
            targets: [
              promql(`sum by (receiver, transport) (rate(otelcol_receiver_accepted_spans_total{${sel}}[${RATE}]))`, 'accepted {{receiver}} {{transport}}'),
              promql(`sum by (receiver, transport) (rate(otelcol_receiver_refused_spans_total{${sel}}[${RATE}]))`, 'refused {{receiver}} {{transport}}'),
            ],
          }),
          timeseries({
            title: 'Spans Stored',
            targets: [
              promql(`sum by (exporter) (rate(otelcol_exporter_sent_spans_total{${sel}}[${RATE}]))`, 'sent {{exporter}}'),
              promql(`sum by (exporter) (rate(otelcol_exporter_send_failed_spans_total{${sel}}[${RATE}]))`, 'failed {{exporter}}'),
            ],
          }),
        ],
      },
      {
        title: 'Traces',
        panels: [
          table({ title: 'Recent Traces', description: 'The latest traces of the service; click a trace id to open it.', targets: [traceSearch('$service', 20)], width: 24, hideColumns: [] }),
          tracesPanel({ title: 'Trace', description: 'The trace whose id is in the Trace id box.', targets: [traceById('$trace_id')] }),
        ],
      },
    ],
  };
}
