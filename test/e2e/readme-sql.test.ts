/** The README's Postgres role block, which the e2e runs as it is, names what the exporter logs in as. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { loadEnvironment } from '../../src/config/load';
import { PACKAGE_ROOT } from '../../src/paths';
import { readmeSql } from './harness/datastores';
import { E2E_POSTGRES_MARKER } from './harness/readme';

describe('README postgres-exporter role', () => {
  const sql = readmeSql(fs.readFileSync(path.join(PACKAGE_ROOT, 'README.md'), 'utf8'), E2E_POSTGRES_MARKER);

  it("creates the built-in environments' exporter role in pg_monitor, with a password placeholder, and grants the database", () => {
    const pg = loadEnvironment('dev').application.postgres;
    assert.match(sql, new RegExp(`CREATE ROLE ${pg.exporterUser} WITH LOGIN PASSWORD '<password>';`));
    assert.match(sql, new RegExp(`GRANT pg_monitor TO ${pg.exporterUser};`));
    assert.match(sql, new RegExp(`GRANT CONNECT ON DATABASE ${pg.database} TO ${pg.exporterUser};`));
  });

  it('fails clearly without the marker or the block', () => {
    assert.throws(() => readmeSql('no marker', E2E_POSTGRES_MARKER), /README has no/);
    assert.throws(() => readmeSql(`${E2E_POSTGRES_MARKER}\nno block`, E2E_POSTGRES_MARKER), /no sql block/);
  });
});
