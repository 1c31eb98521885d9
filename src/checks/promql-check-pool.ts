/**
 * Where the PromQL check runs. On a machine with a second core, in a worker thread: parsing and
 * type-checking every expression is a third of a synth's work and needs nothing the renderers make, so
 * it runs beside them and the main thread only waits for what is not done when it has rendered.
 * Otherwise, and whenever the worker cannot start or dies, here. The findings are the same either way
 * (promqlFindings is a pure function of its plain input); an input the worker fails on is checked here
 * again, so whatever it throws is thrown as before.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CheckReply, CheckRequest } from './promql-check-worker';
import { PromqlCheckInput } from './promql-check-input';
import { PromqlFindings, promqlFindings } from './promql-findings';

export interface PromqlChecker {
  findings(input: PromqlCheckInput): Promise<PromqlFindings>;
  /** Stops the worker; further checks run here. */
  close(): void;
}

const WORKER_FILE = path.join(__dirname, 'promql-check-worker.js');

/** Checks in this thread. */
export const inThisThread: PromqlChecker = { findings: async (input) => promqlFindings(input), close: () => undefined };

interface Waiting {
  readonly input: PromqlCheckInput;
  readonly resolve: (findings: PromqlFindings) => void;
  readonly reject: (error: unknown) => void;
}

let shared: PromqlChecker | undefined;

/**
 * The process' checker, started on first use and kept: its worker stays warm (its parser and type
 * checker compiled, its parse trees remembered) for the next synth a long process runs, and being idle
 * it does not keep the process alive.
 */
export function sharedPromqlChecker(): PromqlChecker {
  shared ??= startPromqlChecker();
  return shared;
}

/** A checker with a worker thread of its own when `cores` allow one. */
export function startPromqlChecker(cores = os.availableParallelism()): PromqlChecker {
  if (cores < 2) return inThisThread;
  let worker: Worker | undefined;
  try {
    worker = new Worker(WORKER_FILE);
  } catch {
    return inThisThread;
  }
  const waiting = new Map<number, Waiting>();
  let nextId = 0;
  const here = (w: Waiting) => {
    try {
      w.resolve(promqlFindings(w.input));
    } catch (e) {
      w.reject(e);
    }
  };
  const settle = (id: number, settleOne: (w: Waiting) => void) => {
    const w = waiting.get(id);
    if (!w) return;
    waiting.delete(id);
    if (waiting.size === 0) worker?.unref();
    settleOne(w);
  };
  const giveUp = () => {
    worker = undefined;
    for (const id of [...waiting.keys()]) settle(id, here);
  };
  worker.on('message', (reply: CheckReply) => settle(reply.id, (w) => ('findings' in reply ? w.resolve(reply.findings) : here(w))));
  worker.on('error', giveUp);
  worker.on('exit', giveUp);
  // Idle, it does not keep the process alive; while a check is out, it does (see findings). After the
  // listeners: adding a 'message' listener refs the worker's port again.
  worker.unref();
  return {
    findings(input) {
      return new Promise((resolve, reject) => {
        const w: Waiting = { input, resolve, reject };
        if (!worker) return here(w);
        const id = nextId++;
        waiting.set(id, w);
        worker.ref();
        try {
          worker.postMessage({ id, input } satisfies CheckRequest);
        } catch {
          // Data that does not clone (an extension's odd catalogue): checked here.
          settle(id, here);
        }
      });
    },
    close() {
      const w = worker;
      worker = undefined;
      if (w) void w.terminate();
      for (const id of [...waiting.keys()]) settle(id, here);
    },
  };
}
