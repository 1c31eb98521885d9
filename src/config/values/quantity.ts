/**
 * Kubernetes resource quantities as the stack takes them: CPU in cores or millicores (`500m`, `2`,
 * `1.5`), memory and storage in bytes with a binary or decimal unit (`512Mi`, `2Gi`, `1G`). The
 * exponent form and units past T are not taken (the compose renderer converts these only).
 */

const BYTES: Readonly<Record<string, number>> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };
const CPU = /^([0-9]+(?:\.[0-9]+)?)(m?)$/;
const BYTE_QUANTITY = /^([0-9]+(?:\.[0-9]+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/;

/** The largest whole number a double holds exactly, and so the largest quantity the renderers convert. */
const MAX_EXACT = Number.MAX_SAFE_INTEGER;

export type QuantityResult = { readonly value: number } | { readonly problem: string };

/** Millicores of a CPU quantity. */
export function parseCpu(text: string): QuantityResult {
  const m = CPU.exec(text);
  if (!m) return { problem: `"${text}" is not a CPU quantity: cores (1, 0.5) or millicores (500m)` };
  // From the digits, not floating point: 1.1 cores is 1100m exactly.
  const [whole, fraction = ''] = m[1].split('.');
  const places = m[2] === 'm' ? 0 : 3;
  if (fraction.replace(/0+$/, '').length > places) return { problem: `"${text}" is finer than Kubernetes takes: whole millicores (1m) at most` };
  const millicores = Number(whole + fraction.padEnd(places, '0').slice(0, places));
  if (millicores <= 0) return { problem: `"${text}" is no CPU at all: at least 1m` };
  if (!Number.isSafeInteger(millicores)) return { problem: `"${text}" is more CPU than the stack computes exactly (at most ${MAX_EXACT} millicores)` };
  return { value: millicores };
}

/** Bytes of a memory or storage quantity. */
export function parseBytes(text: string): QuantityResult {
  const m = BYTE_QUANTITY.exec(text);
  if (!m) return { problem: `"${text}" is not a byte quantity: a number and a unit of Ki, Mi, Gi, Ti (binary) or k, M, G, T (decimal), e.g. 512Mi` };
  const bytes = Number(m[1]) * BYTES[m[2] ?? ''];
  // Past 2^53 a double no longer holds every whole number: the compose and Kubernetes renderings would differ.
  if (bytes > MAX_EXACT) return { problem: `"${text}" is more than the stack computes exactly: at most ${MAX_EXACT} bytes (about 8Pi)` };
  if (!Number.isInteger(bytes)) return { problem: `"${text}" is not a whole number of bytes` };
  return { value: bytes };
}

/** Docker refuses a memory limit under 6 MB; nothing in the stack runs in less. */
export const MIN_MEMORY_BYTES = 6 * 2 ** 20;
/** No provisioner makes a volume smaller than a mebibyte. */
export const MIN_STORAGE_BYTES = 2 ** 20;

export function checkMemory(text: string): string | undefined {
  const parsed = parseBytes(text);
  if ('problem' in parsed) return parsed.problem;
  if (parsed.value < MIN_MEMORY_BYTES) return `${text} is less memory than a container can run in: at least 6Mi`;
  return undefined;
}

export function checkStorage(text: string): string | undefined {
  const parsed = parseBytes(text);
  if ('problem' in parsed) return parsed.problem;
  if (parsed.value < MIN_STORAGE_BYTES) return `${text} is no volume: at least 1Mi`;
  return undefined;
}

export function checkCpu(text: string): string | undefined {
  const parsed = parseCpu(text);
  return 'problem' in parsed ? parsed.problem : undefined;
}
