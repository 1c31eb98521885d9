/**
 * Catalogue families record how older releases of their exporter differ (constructs/metrics.ts): the
 * e2e applies them to Debian's builds, the type checker to an environment's image tag; the pinned
 * images are the catalogues' own releases, so for them nothing applies.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CATALOGUES } from '../../constructs/catalogues';
import { IMAGE_FACTS } from '../../constructs/images';
import { checkFamilies, compareReleases, counter, familyAtRelease, gauge, withOlderReleases } from '../../constructs/metrics';
import { familiesOfImage, releaseOfImage } from '../../src/checks/promql-checks';

const source = 'CHANGELOG';

describe('release differences of catalogue families', () => {
  it('compares release numbers part by part, a v and build suffixes ignored', () => {
    assert.ok(compareReleases('0.11.1', '0.12.0') < 0);
    assert.ok(compareReleases('1.10.0', '1.9.0') > 0);
    assert.equal(compareReleases('v1.8.0', '1.8'), 0);
    assert.ok(compareReleases('2.42.0+ds', '2.42.1') < 0);
    assert.throws(() => compareReleases('debian', '1.0'), /not a release number/);
  });

  it('gives the family of a release: labels dropped and added, the oldest rename, absence', () => {
    const f = withOlderReleases(
      gauge('x_new', ['a', 'b']),
      { before: '1.8.0', lacksLabels: ['b'], source },
      { before: '1.2.0', extraLabels: ['server'], name: 'x_mid', source },
      { before: '0.9.0', name: 'x_old', source },
      { before: '0.5.0', absent: true, source },
    );
    assert.deepEqual(familyAtRelease(f, '1.8.0').family, f);
    assert.deepEqual(familyAtRelease(f, '1.5.0').family?.labels, ['a']);
    assert.equal(familyAtRelease(f, '1.1.0').family?.name, 'x_mid');
    assert.deepEqual(familyAtRelease(f, '1.1.0').family?.labels, ['a', 'server']);
    assert.equal(familyAtRelease(f, '0.8.0').family?.name, 'x_old');
    assert.equal(familyAtRelease(f, '0.4.0').family, undefined);
    assert.equal(familyAtRelease(f, '0.4.0').applied.length, 4);
  });

  it('refuses a recorded difference an extension could hand in wrongly', () => {
    const bad = (d: unknown) => () => checkFamilies([{ name: 'm', type: 'gauge', labels: ['a'], olderReleases: [d] }], 'extension.metrics');
    assert.throws(bad({ before: 'soon', lacksLabels: ['a'], source }), /extension\.metrics\[0\]\.olderReleases \(m\)\[0\]\.before: "soon" is not a release number/);
    assert.throws(bad({ before: '1.0.0', lacksLabels: ['a'] }), /\.source: say where the change is shown/);
    assert.throws(bad({ before: '1.0.0', lacksLabels: ['zz'], source }), /lacksLabels: zz not among the family's labels/);
    assert.throws(bad({ before: '1.0.0', extraLabels: ['bad-label'], source }), /extraLabels must be a list of label names/);
    assert.throws(bad({ before: '1.0.0', source }), /records no difference/);
    assert.doesNotThrow(bad({ before: '1.0.0', lacksLabels: ['a'], source }));
  });

  it('records differences only for releases older than the pinned image of its job', () => {
    let recorded = 0;
    for (const [job, families] of Object.entries(CATALOGUES)) {
      const differences = families.flatMap((f) => (f.olderReleases ?? []).map((d) => ({ family: f.name, ...d })));
      if (differences.length === 0) continue;
      const key = job.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()) as keyof typeof IMAGE_FACTS;
      const image = IMAGE_FACTS[key]?.image;
      assert.ok(image, `${job}: no pinned image to compare its recorded differences with`);
      const release = releaseOfImage(image)!;
      for (const d of differences) assert.ok(compareReleases(d.before, release) <= 0, `${job} ${d.family}: a difference before ${d.before} is newer than the pinned ${image}`);
      // For the pinned image the type checker reads the catalogue as it stands.
      assert.deepEqual(familiesOfImage(families, image), families);
      recorded += differences.length;
    }
    assert.ok(recorded > 0);
  });

  it('lets the type checker read a catalogue at the release of an older image tag', () => {
    const families = [withOlderReleases(counter('c_total', ['reason']), { before: '0.26.0', lacksLabels: ['reason'], source }), gauge('g', [])];
    assert.equal(releaseOfImage('prom/alertmanager:v0.25.0'), 'v0.25.0');
    assert.equal(releaseOfImage('registry:5000/alertmanager@sha256:abc'), undefined);
    assert.equal(releaseOfImage('registry:5000/alertmanager'), undefined);
    assert.equal(releaseOfImage('nvcr.io/nvidia/k8s/dcgm-exporter:4.5.2-4.8.1-ubuntu22.04'), '4.5.2-4.8.1-ubuntu22.04');
    assert.deepEqual(familiesOfImage(families, 'prom/alertmanager:v0.25.0')?.map((f) => f.labels), [[], []]);
    assert.deepEqual(familiesOfImage(families, 'prom/alertmanager:v0.35.1'), families);
    assert.deepEqual(familiesOfImage(families, 'mirror/alertmanager@sha256:abc'), families);
  });
});
