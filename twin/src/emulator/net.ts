// Loopback helpers: a free port, a listening server's port, closing a server, and a check that a
// port refuses connections.
import type * as http from 'http';
import * as net from 'net';

export const LOOPBACK = '127.0.0.1';

/** A port the OS reports free on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => {
      const port = portOf(server);
      server.close(() => resolve(port));
    });
  });
}

/** The port a listening server is bound to (0 before it listens). */
export function portOf(server: net.Server): number {
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

/** Stops an HTTP server: no new connections, open keep-alive connections closed; resolves when closed. */
export async function closeServer(server: http.Server): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
}

/** An HTTP server of the twin on 127.0.0.1 and a port the OS picks: its port, URL, start and stop. */
export abstract class LoopbackServer {
  abstract readonly server: http.Server;

  get port(): number {
    return portOf(this.server);
  }

  get url(): string {
    return `http://${LOOPBACK}:${this.port}`;
  }

  /** Stops listening and closes open connections. */
  async close(): Promise<void> {
    await closeServer(this.server);
  }

  /** Starts listening; rejects when the server cannot bind. */
  protected listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, LOOPBACK, () => resolve());
    });
  }
}

/** Resolves true when nothing accepts TCP connections on 127.0.0.1:`port`. */
export async function isClosed(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: LOOPBACK, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves true when `promise` settles within `ms`, false otherwise; leaves no timer behind. */
export async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
