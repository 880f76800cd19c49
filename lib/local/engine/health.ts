/** The health check path: lists the services behind the edge. A module of its own, so a client (the CLI) reads it without loading the edge's HTTP server. */
export const HEALTH_PATH = '/_sechub/health';
