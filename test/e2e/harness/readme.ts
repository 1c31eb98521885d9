/** The comment in the README before the SQL block that creates postgres-exporter's role. */
export const E2E_POSTGRES_MARKER = '<!-- postgres-exporter role -->';
