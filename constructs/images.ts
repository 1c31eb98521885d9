/**
 * Every image the stack runs, pinned to a release tag (never `latest`), with what the stack relies on
 * about it (see image-facts.ts): one place to bump them, and the facts to re-read when bumping. An
 * environment can still override any image (`components.<name>.image`); its facts are then the
 * default image's, so an override must keep them (same program, same base).
 */
import { ImageFacts } from './image-facts';

/** Applets of the busybox builds the Prometheus and Alpine images ship. */
const BUSYBOX_APPLETS = ['sh', 'wget', 'nc', 'grep', 'head', 'sleep', 'tr', 'base64', 'ls', 'env', 'date'];
/** Programs every Ubuntu base image has (coreutils, grep, bash, dash). */
const UBUNTU_TOOLS = ['sh', 'bash', 'grep', 'head', 'sleep', 'tr', 'base64', 'ls', 'env', 'date'];

const PROMETHEUS_BUSYBOX = (repo: string, ref: string): ImageFacts['evidence'][number] => ({
  repo,
  path: 'Dockerfile',
  ref,
  shows: 'FROM quay.io/prometheus/busybox (sh, wget), USER nobody (65534)',
});

export const IMAGE_FACTS = Object.freeze({
  prometheus: {
    // The supported LTS line: 3.5 LTS ended 2026-07-31.
    image: 'prom/prometheus:v3.13.2',
    user: { uid: 65534, gid: 65534 },
    tools: [...BUSYBOX_APPLETS, '/bin/prometheus', '/bin/promtool'],
    writes: ['/prometheus'],
    entrypoint: '/bin/prometheus; reads flags only, no environment variables',
    evidence: [PROMETHEUS_BUSYBOX('prometheus/prometheus', 'v3.13.2')],
  },
  alertmanager: {
    image: 'prom/alertmanager:v0.35.1',
    user: { uid: 65534, gid: 65534 },
    tools: [...BUSYBOX_APPLETS, '/bin/alertmanager', '/bin/amtool'],
    writes: ['/alertmanager'],
    entrypoint: '/bin/alertmanager; reads flags only',
    evidence: [PROMETHEUS_BUSYBOX('prometheus/alertmanager', 'v0.34.0')],
    unverified: 'v0.35.1 is newer than the mirror read here: the Dockerfile was read at v0.34.0',
  },
  grafana: {
    image: 'grafana/grafana:13.2.0',
    user: { uid: 472, gid: 0 },
    tools: [...BUSYBOX_APPLETS, 'bash', 'curl', '/run.sh', 'grafana'],
    writes: ['/var/lib/grafana', '/tmp'],
    entrypoint:
      '/run.sh: GF_<SECTION>_<KEY> variables override grafana.ini keys (GF_PLUGINS_PREINSTALL_AUTO_UPDATE is [plugins] preinstall_auto_update), GF_PATHS_* move its directories',
    evidence: [
      { repo: 'grafana/grafana', path: 'Dockerfile', ref: 'main (2026)', shows: 'FROM alpine, apk add bash curl; GF_UID 472, GF_GID 0' },
      { repo: 'grafana/grafana', path: 'pkg/setting/setting_plugins.go', ref: 'main (2026)', shows: '[plugins] preinstall_auto_update, default true' },
    ],
    unverified: 'the 13.2.0 tag was not read (the repository is too large for the mirror): both files were read at main',
  },
  loki: {
    image: 'grafana/loki:3.7.7',
    user: { uid: 10001, gid: 10001 },
    // Distroless: no shell, no busybox (the :debug variant alone has one).
    tools: ['/usr/bin/loki'],
    healthCommand: (url: string) => ['/usr/bin/loki', '-health', `-health.url=${url}`],
    writes: ['/loki'],
    entrypoint: '/usr/bin/loki; flags only; `-health` asks /ready (or -health.url) and exits 0 on 200',
    evidence: [
      { repo: 'grafana/loki', path: 'cmd/loki/Dockerfile', ref: 'v3.7.6', shows: 'FROM gcr.io/distroless/static:nonroot, USER 10001' },
      { repo: 'grafana/loki', path: 'cmd/loki/health.go', ref: 'v3.7.6', shows: '-health, -health.url=<url>, exit 1 unless 200' },
    ],
    unverified: '3.7.7 is newer than the mirror read here (v3.7.6)',
  },
  promtail: {
    // The last Promtail line (EOL 2026-03-02; no images after 3.6.x).
    image: 'grafana/promtail:3.6.11',
    user: 'root',
    // Ubuntu with tzdata, ca-certificates and libsystemd only: no curl, no wget.
    tools: [...UBUNTU_TOOLS, '/usr/bin/promtail'],
    writes: ['/run/promtail', '/tmp'],
    entrypoint: '/usr/bin/promtail; flags only',
    evidence: [{ repo: 'grafana/loki', path: 'clients/cmd/promtail/Dockerfile', ref: 'v3.6.11', shows: 'FROM ubuntu:noble, no USER line' }],
  },
  jaeger: {
    image: 'jaegertracing/jaeger:2.21.0',
    // USER 10001 without a group: gid 0.
    user: { uid: 10001, gid: 0 },
    tools: [...BUSYBOX_APPLETS, '/cmd/jaeger/jaeger-linux'],
    writes: ['/tmp'],
    entrypoint: '/cmd/jaeger/jaeger-linux; ${env:NAME} in its configuration file is read from the environment',
    evidence: [
      { repo: 'jaegertracing/jaeger', path: 'cmd/jaeger/Dockerfile', ref: 'v2.20.0', shows: 'FROM $base_image, USER 10001' },
      { repo: 'jaegertracing/jaeger', path: 'scripts/build/docker/base/Dockerfile', ref: 'v2.20.0', shows: 'the base image is alpine 3.24 (busybox)' },
    ],
    unverified: '2.21.0 is newer than the mirror read here (v2.20.0)',
  },
  jaegerIndexCleaner: {
    // Released with Jaeger itself: every image of a release carries its version.
    image: 'jaegertracing/jaeger-es-index-cleaner:2.21.0',
    user: { uid: 10001, gid: 0 },
    tools: [...BUSYBOX_APPLETS, '/go/bin/es-index-cleaner-linux'],
    writes: [],
    entrypoint:
      '/go/bin/es-index-cleaner-linux NUM_OF_DAYS URL: deletes the daily jaeger-* indices created before the cutoff; every flag is also read from the environment (es.password → ES_PASSWORD)',
    evidence: [
      { repo: 'jaegertracing/jaeger', path: 'cmd/es-index-cleaner/Dockerfile', ref: 'v2.20.0', shows: 'FROM $base_image (alpine), USER 10001' },
      { repo: 'jaegertracing/jaeger', path: 'cmd/es-index-cleaner/main.go', ref: 'v2.20.0', shows: 'arguments NUM_OF_DAYS http://HOST:PORT' },
      { repo: 'jaegertracing/jaeger', path: 'internal/config/config.go', ref: 'v2.20.0', shows: 'viper AutomaticEnv, . and - become _' },
      { repo: 'jaegertracing/jaeger', path: 'scripts/build/build-upload-docker-images.sh', ref: 'v2.20.0', shows: 'jaeger-es-index-cleaner is built and tagged with each release' },
    ],
    unverified: '2.21.0 is newer than the mirror read here (v2.20.0)',
  },
  elasticsearch: {
    image: 'docker.elastic.co/elasticsearch/elasticsearch:8.19.26',
    user: { uid: 1000, gid: 0 },
    tools: [...UBUNTU_TOOLS, 'curl', 'nc', '/bin/tini', '/usr/local/bin/docker-entrypoint.sh'],
    writes: ['/usr/share/elasticsearch/data', '/usr/share/elasticsearch/logs', '/usr/share/elasticsearch/config', '/tmp'],
    entrypoint:
      '/bin/tini -- /usr/local/bin/docker-entrypoint.sh with CMD eswrapper (any other first argument is run instead of Elasticsearch); a bash script, which keeps dotted variable names that dash drops: every variable whose name has a dot (cluster.name) becomes a -E setting; ELASTIC_PASSWORD is written into the keystore under config/ as the bootstrap password',
    evidence: [
      { repo: 'elastic/elasticsearch', path: 'distribution/docker/src/docker/Dockerfile', ref: 'v8.19.x', shows: 'curl installed, USER 1000:0, ENTRYPOINT tini, CMD eswrapper' },
      { repo: 'elastic/elasticsearch', path: 'distribution/docker/src/docker/bin/docker-entrypoint.sh', ref: 'v8.19.x', shows: 'dotted variables become settings' },
      { repo: 'elastic/cloud-on-k8s', path: 'pkg/controller/elasticsearch/nodespec/readiness_probe.go', ref: 'main (2026)', shows: 'ECK probes readiness.port (8.2+) with bash and nc from this image' },
    ],
    unverified: 'the Elastic repositories are too large for the mirror: the Dockerfile and entrypoint were not read at v8.19.26 here; ECK\'s probe script confirms bash and nc',
  },
  logstash: {
    image: 'docker.elastic.co/logstash/logstash:8.19.26',
    user: { uid: 1000, gid: 1000 },
    tools: [...UBUNTU_TOOLS, 'curl'],
    writes: ['/usr/share/logstash/data', '/tmp'],
    entrypoint: 'env2yaml: variables named like settings (PIPELINE_WORKERS → pipeline.workers) are written into config/logstash.yml',
    evidence: [{ repo: 'elastic/logstash', path: 'docker/templates/Dockerfile.erb', ref: 'v8.19.x', shows: 'curl installed, USER 1000' }],
    unverified: 'not read at v8.19.26 here (the repository is too large for the mirror)',
  },
  kibana: {
    image: 'docker.elastic.co/kibana/kibana:8.19.26',
    user: { uid: 1000, gid: 0 },
    tools: [...UBUNTU_TOOLS, 'curl'],
    writes: ['/usr/share/kibana/data', '/tmp'],
    entrypoint:
      '/usr/local/bin/kibana-docker: upper-case variables named like settings (SERVER_PUBLICBASEURL → server.publicBaseUrl, XPACK_SECURITY_ENCRYPTIONKEY → xpack.security.encryptionKey) become settings',
    evidence: [
      { repo: 'elastic/kibana', path: 'src/dev/build/tasks/os_packages/docker_generator/templates/base/Dockerfile', ref: 'v8.19.x', shows: 'curl installed, USER 1000' },
      { repo: 'elastic/kibana', path: 'src/dev/build/tasks/os_packages/docker_generator/resources/base/bin/kibana-docker', ref: 'v8.19.x', shows: 'the settings it maps from variables' },
    ],
    unverified: 'not read at v8.19.26 here (the repository is too large for the mirror)',
  },
  nodeExporter: {
    image: 'prom/node-exporter:v1.12.1',
    user: { uid: 65534, gid: 65534 },
    tools: [...BUSYBOX_APPLETS, '/bin/node_exporter'],
    writes: [],
    entrypoint: '/bin/node_exporter; flags only (--path.udev.data defaults to /run/udev/data, the container\'s own)',
    evidence: [
      PROMETHEUS_BUSYBOX('prometheus/node_exporter', 'v1.12.1'),
      { repo: 'prometheus/node_exporter', path: 'collector/paths.go', ref: 'v1.12.1', shows: 'path.udev.data, default /run/udev/data' },
    ],
  },
  cadvisor: {
    image: 'ghcr.io/google/cadvisor:v0.60.5',
    user: 'root',
    tools: [...BUSYBOX_APPLETS, '/usr/bin/cadvisor', '/usr/bin/entrypoint.sh', '/usr/bin/healthcheck.sh'],
    writes: ['/tmp'],
    entrypoint: '/usr/bin/entrypoint.sh: exec cadvisor -logtostderr with the arguments; no variables',
    evidence: [
      { repo: 'google/cadvisor', path: 'deploy/Dockerfile', ref: 'v0.60.5', shows: 'FROM alpine:3.23, no USER line, HEALTHCHECK with wget' },
      { repo: 'google/cadvisor', path: 'deploy/entrypoint.sh', ref: 'v0.60.5' },
      { repo: 'google/cadvisor', path: 'lib/metrics/prometheus.go', ref: 'v0.60.5', shows: 'series carry id, name, image and container_label_<label>; no container label' },
    ],
  },
  redisExporter: {
    image: 'oliver006/redis_exporter:v1.91.1',
    user: { uid: 59000, gid: 59000 },
    // FROM scratch: the binary and CA certificates only.
    tools: ['/redis_exporter'],
    writes: [],
    entrypoint: '/redis_exporter; flags or their REDIS_* / REDIS_EXPORTER_* variables',
    evidence: [{ repo: 'oliver006/redis_exporter', path: 'Dockerfile', ref: 'v1.88.0', shows: 'the default tag is the scratch release, USER 59000:59000' }],
    unverified: 'v1.91.1 is newer than the mirror read here (v1.88.0)',
  },
  postgresExporter: {
    image: 'prometheuscommunity/postgres-exporter:v0.20.1',
    user: { uid: 65534, gid: 65534 },
    tools: [...BUSYBOX_APPLETS, '/bin/postgres_exporter'],
    writes: [],
    entrypoint: '/bin/postgres_exporter; DATA_SOURCE_URI, DATA_SOURCE_USER, DATA_SOURCE_PASS and flags',
    evidence: [PROMETHEUS_BUSYBOX('prometheus-community/postgres_exporter', 'v0.20.1')],
  },
  elasticsearchExporter: {
    image: 'prometheuscommunity/elasticsearch-exporter:v1.11.0',
    user: { uid: 65534, gid: 65534 },
    tools: [...BUSYBOX_APPLETS, '/bin/elasticsearch_exporter'],
    writes: [],
    entrypoint: '/bin/elasticsearch_exporter; flags, ES_USERNAME / ES_PASSWORD variables',
    evidence: [PROMETHEUS_BUSYBOX('prometheus-community/elasticsearch_exporter', 'v1.11.0')],
  },
  logstashExporter: {
    // v1 line: configured by environment variables.
    image: 'ghcr.io/kuskoman/logstash-exporter:v1.9.1',
    user: { uid: 65534, gid: 65534 },
    // FROM scratch.
    tools: ['/app/main'],
    writes: [],
    entrypoint: '/app/main; LOGSTASH_URL, PORT and the other v1 variables',
    evidence: [{ repo: 'kuskoman/logstash-exporter', path: 'Dockerfile', ref: 'v1.9.1', shows: 'FROM scratch, USER 65534' }],
  },
  gpuExporter: {
    // The last ubuntu build; later releases are distroless only.
    image: 'nvcr.io/nvidia/k8s/dcgm-exporter:4.5.2-4.8.1-ubuntu22.04',
    user: 'root',
    // CUDA base on Ubuntu 22.04 with the DCGM packages: bash, no curl or wget.
    tools: [...UBUNTU_TOOLS, '/usr/bin/dcgm-exporter', '/usr/local/dcgm/dcgm-exporter-entrypoint.sh'],
    writes: ['/tmp'],
    entrypoint: '/usr/local/dcgm/dcgm-exporter-entrypoint.sh: exec /usr/bin/dcgm-exporter with the arguments; DCGM_EXPORTER_* variables mirror its flags',
    evidence: [
      { repo: 'NVIDIA/dcgm-exporter', path: 'docker/Dockerfile', ref: '4.5.2-4.8.1', shows: 'FROM cuda base-ubuntu22.04, runs as root by default' },
      { repo: 'NVIDIA/dcgm-exporter', path: 'docker/dcgm-exporter-entrypoint.sh', ref: '4.5.2-4.8.1' },
    ],
  },
  /** Small image with a shell for the Elasticsearch sysctl init container. */
  busybox: {
    image: 'busybox:1.37.0',
    user: 'root',
    tools: [...BUSYBOX_APPLETS, 'sysctl'],
    writes: [],
    entrypoint: 'sh',
    evidence: [{ repo: 'docker-library/busybox', path: 'latest/glibc/Dockerfile', ref: '1.37.0', shows: 'busybox with its applets, sysctl among them' }],
    unverified: 'not read here (the official-images repository was not mirrored)',
  },
} satisfies Record<string, ImageFacts>);

export type ImageName = keyof typeof IMAGE_FACTS;

/** The pinned reference of every image, by name. */
export const IMAGES: Readonly<Record<ImageName, string>> = Object.freeze(
  Object.fromEntries(Object.entries(IMAGE_FACTS).map(([name, facts]) => [name, facts.image])) as Record<ImageName, string>,
);
