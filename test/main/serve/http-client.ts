/** A small HTTP client for the service tests: node:http with a keep-alive agent, as MLflow clients use. */
import { Agent, request } from 'node:http';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json(): unknown;
}

export interface Sent {
  method?: string;
  path: string;
  headers?: Record<string, string | number>;
  body?: string | Buffer;
  /** Write the body in pieces without a length header (chunked). */
  chunked?: boolean;
}

export function send(base: string, sent: Sent, agent?: Agent): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(sent.path, base),
      { method: sent.method ?? 'GET', headers: sent.headers ?? {}, agent: agent ?? false },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (p: Buffer) => parts.push(p));
        res.on('end', () => {
          const text = Buffer.concat(parts).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (sent.body !== undefined && sent.chunked) {
      const body = Buffer.from(sent.body);
      const piece = 64 * 1024;
      for (let i = 0; i < body.length; i += piece) req.write(body.subarray(i, i + piece));
      req.end();
    } else {
      req.end(sent.body);
    }
  });
}

export function postJson(base: string, value: unknown, headers: Record<string, string> = {}, agent?: Agent) {
  return send(
    base,
    {
      method: 'POST',
      path: '/invocations',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(value),
    },
    agent,
  );
}

/** Whether anything still accepts connections at `base`. */
export async function isListening(base: string): Promise<boolean> {
  try {
    await send(base, { path: '/ping' });
    return true;
  } catch {
    return false;
  }
}
