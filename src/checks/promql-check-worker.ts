/**
 * A worker thread that runs the PromQL check (promql-findings.ts) on the inputs the main thread posts,
 * one environment at a time, while the main thread renders. It loads only the check and its parser.
 */
import { parentPort } from 'node:worker_threads';
import { PromqlCheckInput } from './promql-check-input';
import { promqlFindings } from './promql-findings';

export interface CheckRequest {
  readonly id: number;
  readonly input: PromqlCheckInput;
}

/** The findings, or `failed` when the check threw: the main thread then runs it itself, to throw the same. */
export type CheckReply = { readonly id: number; readonly findings: ReturnType<typeof promqlFindings> } | { readonly id: number; readonly failed: true };

parentPort?.on('message', ({ id, input }: CheckRequest) => {
  let reply: CheckReply;
  try {
    reply = { id, findings: promqlFindings(input) };
  } catch {
    reply = { id, failed: true };
  }
  parentPort!.postMessage(reply);
});
