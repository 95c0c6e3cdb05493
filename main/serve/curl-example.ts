/** The service's address and a ready-to-paste request against it, for the CLI and the Export page. */
import { isIP } from 'node:net';

/** Where a client on this machine reaches the service (a wildcard bind is reached on loopback). */
export function serviceUrl(host: string, port: number): string {
  const reach = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${isIP(reach) === 6 ? `[${reach}]` : reach}:${port}`;
}

/** The environment variable the CLI reads the token from, and the curl example refers to. */
export const TOKEN_VARIABLE = 'ENSEMBLE_STUDIO_TOKEN';

export function curlExample(url: string, columns: readonly string[], tokenRequired: boolean): string {
  const body = JSON.stringify({ dataframe_split: { columns, data: [columns.map(() => 0)] } });
  const auth = tokenRequired ? ` -H "Authorization: Bearer $${TOKEN_VARIABLE}"` : '';
  return `curl -s ${url}/invocations -H 'Content-Type: application/json'${auth} -d '${body.replaceAll("'", "'\\''")}'`;
}
