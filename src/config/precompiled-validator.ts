/**
 * The environment file's validator. Compiling the schema with ajv costs more at every start than all of
 * synth's rendering of one environment, so the build writes ajv's generated code for it next to this
 * module (`writePrecompiledValidator`, run by scripts/build.js). That code carries a digest of the schema
 * and options it was made from; when it is missing or was made from another schema (lib/ compiled by a bare
 * `tsc`), the schema is compiled here as before — never validated against a stale one.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { Options, ValidateFunction } from 'ajv';
import { EnvironmentFile, environmentFileSchema } from './schema';

// verbose: errors carry their schema, so an unknown key's message can list the known ones.
const OPTIONS: Options = { allErrors: true, strict: true, verbose: true };
const GENERATED = path.join(__dirname, 'environment-validator.generated.js');

/** ajv itself, loaded only where the schema is compiled (the generated code needs none of it). */
const ajv = () => (require('ajv') as typeof import('ajv')).default;

function schemaDigest(): string {
  const ajvVersion = (require('ajv/package.json') as { version: string }).version;
  return crypto.createHash('sha256').update(JSON.stringify({ ajvVersion, OPTIONS, environmentFileSchema })).digest('hex');
}

export function environmentFileValidator(): ValidateFunction<EnvironmentFile> {
  let generated: (ValidateFunction<EnvironmentFile> & { schemaDigest?: string }) | undefined;
  try {
    generated = require(GENERATED);
  } catch {
    // not generated (a bare tsc build): compile below
  }
  if (generated?.schemaDigest === schemaDigest()) return generated;
  return new (ajv())(OPTIONS).compile(environmentFileSchema);
}

/** Writes ajv's standalone code for the schema, with its digest. */
export function writePrecompiledValidator(): void {
  const standaloneCode = (require('ajv/dist/standalone') as typeof import('ajv/dist/standalone')).default;
  const compiler = new (ajv())({ ...OPTIONS, code: { source: true } });
  const code = standaloneCode(compiler, compiler.compile(environmentFileSchema));
  fs.writeFileSync(GENERATED, `${code}\nmodule.exports.schemaDigest = ${JSON.stringify(schemaDigest())};\n`);
}
