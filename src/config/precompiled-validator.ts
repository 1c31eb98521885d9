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
import type { Format, Options, ValidateFunction } from 'ajv';
import { FORMATS } from './formats';
import { EnvironmentFile, environmentFileSchema } from './schema';
import { withSectionDefinitions } from './schema-definitions';

// verbose: errors carry their schema, so an unknown key's message can list the known ones.
// inlineRefs off: each section and component keeps its own function (schema-definitions.ts).
const OPTIONS: Options = { allErrors: true, strict: true, verbose: true, inlineRefs: false };
const COMPILED_SCHEMA = withSectionDefinitions(environmentFileSchema);

/** The schema's value checks as ajv formats; the generated code requires them from here. */
export const AJV_FORMATS: Readonly<Record<string, Format>> = Object.fromEntries(
  Object.entries(FORMATS).map(([name, check]) => [name, { type: 'string', validate: (v: string) => check(v) === undefined }]),
);

function compiler(options: Options): import('ajv').default {
  const ajv = new ((require('ajv') as typeof import('ajv')).default)(options);
  for (const [name, format] of Object.entries(AJV_FORMATS)) ajv.addFormat(name, format);
  return ajv;
}

const GENERATED = path.join(__dirname, 'environment-validator.generated.js');

function schemaDigest(): string {
  const ajvVersion = (require('ajv/package.json') as { version: string }).version;
  const formats = Object.keys(FORMATS).sort();
  return crypto.createHash('sha256').update(JSON.stringify({ ajvVersion, OPTIONS, formats, schema: COMPILED_SCHEMA })).digest('hex');
}

export function environmentFileValidator(): ValidateFunction<EnvironmentFile> {
  let generated: (ValidateFunction<EnvironmentFile> & { schemaDigest?: string }) | undefined;
  try {
    generated = require(GENERATED);
  } catch {
    // not generated (a bare tsc build): compile below
  }
  if (generated?.schemaDigest === schemaDigest()) return generated;
  return compiler(OPTIONS).compile<EnvironmentFile>(COMPILED_SCHEMA);
}

/** Writes ajv's standalone code for the schema, with its digest. */
export function writePrecompiledValidator(): void {
  const standaloneCode = (require('ajv/dist/standalone') as typeof import('ajv/dist/standalone')).default;
  const { _ } = require('ajv') as typeof import('ajv');
  // The formats are functions: the generated code takes them from this module rather than a copy.
  const ajv = compiler({ ...OPTIONS, code: { source: true, formats: _`require("./precompiled-validator").AJV_FORMATS` } });
  const code = standaloneCode(ajv, ajv.compile(COMPILED_SCHEMA));
  fs.writeFileSync(GENERATED, `${code}\nmodule.exports.schemaDigest = ${JSON.stringify(schemaDigest())};\n`);
}
