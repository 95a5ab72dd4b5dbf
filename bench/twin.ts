/**
 * `npx projen bench:twin`: how fast the twin is for a user's test suite, on this machine.
 *  - `up` to a state file, excluding the app's synth (startTwin on an assembly, then the state
 *    file written), median of a few runs;
 *  - sign-in latency per client kind (each the way its clients sign in), median and p90;
 *  - authorized requests per second through the gateway (JWT verification, route match) to the
 *    built-in handler, from a load client in another process (keep-alive, fixed concurrency).
 * A benchmark, not a test: it prints the figures and never fails on a number.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synthFlows } from '../test/twin/fixtures/construct-app';
import { clientKind } from '../twin/src/emulator/rules';
import { startTwin } from '../twin/src/harness/session';
import { writeStateFile } from '../twin/src/harness/state';
import { tokenFor } from '../twin/src/harness/walk';

const UP_RUNS = Number(process.env.BENCH_TWIN_UP_RUNS ?? 5);
const SIGN_INS = Number(process.env.BENCH_TWIN_SIGN_INS ?? 20);
const LOAD_SECONDS = Number(process.env.BENCH_TWIN_LOAD_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_TWIN_CONCURRENCY ?? 16);

// The load client: plain http with keep-alive, CONCURRENCY requests in flight, for LOAD_SECONDS.
const LOAD_CLIENT = `
const http = require('http');
const { url, token, seconds, concurrency } = JSON.parse(process.argv[1]);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const end = Date.now() + seconds * 1000;
let ok = 0, other = 0;
const one = () => new Promise((resolve) => {
  http.get(url, { agent, headers: { authorization: 'Bearer ' + token } }, (res) => {
    res.resume();
    res.on('end', () => { if (res.statusCode === 200) ok++; else other++; resolve(); });
  }).on('error', () => { other++; resolve(); });
});
const worker = async () => { while (Date.now() < end) await one(); };
Promise.all(Array.from({ length: concurrency }, worker)).then(() => { process.send({ ok, other }); agent.destroy(); });
`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.9))];

async function main(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-twin-'));
  try {
    const assembly = synthFlows(path.join(work, 'cdk.out'));
    const say = (line: string) => process.stdout.write(`${line}\n`);
    say(`Twin benchmark: ${os.cpus().length} CPU(s) ${os.cpus()[0]?.model ?? ''}, Node ${process.version}, load average ${os.loadavg()[0].toFixed(1)}`);

    const ups: number[] = [];
    for (let i = 0; i < UP_RUNS; i++) {
      const t0 = performance.now();
      const running = await startTwin({ assembly });
      writeStateFile(path.join(work, 'state.json'), running.state);
      ups.push(performance.now() - t0);
      await running.stop();
    }
    say(`  up to state file (no synth), ${UP_RUNS} runs: median ${median(ups).toFixed(0)} ms, max ${Math.max(...ups).toFixed(0)} ms`);

    const running = await startTwin({ assembly });
    try {
      const twin = running.twins[0];
      const user = twin.users[0];
      for (const client of twin.clients) {
        const times: number[] = [];
        for (let i = 0; i < SIGN_INS; i++) {
          const t0 = performance.now();
          await tokenFor(twin, client, user);
          times.push(performance.now() - t0);
        }
        say(`  sign-in ${`${client.name} (${clientKind(client.template)})`.padEnd(26)} median ${median(times).toFixed(1)} ms, p90 ${p90(times).toFixed(1)} ms (${SIGN_INS} sign-ins)`);
      }
      const { accessToken } = await running.signIn();
      const result = await new Promise<{ ok: number; other: number }>((resolve, reject) => {
        const options = JSON.stringify({ url: `${running.state.apiUrl}/`, token: accessToken, seconds: LOAD_SECONDS, concurrency: CONCURRENCY });
        const child = spawn(process.execPath, ['-e', LOAD_CLIENT, options], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
        child.once('message', (m) => resolve(m as { ok: number; other: number }));
        child.once('error', reject);
        child.once('exit', (code) => reject(new Error(`the load client exited with ${code} before it reported`)));
      });
      say(`  authorized GET / through the gateway to the built-in handler: ${(result.ok / LOAD_SECONDS).toFixed(0)} requests/s `
        + `(${CONCURRENCY} in flight, ${LOAD_SECONDS} s, ${result.other} not 200)`);
    } finally {
      await running.stop();
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exitCode = 1;
});
