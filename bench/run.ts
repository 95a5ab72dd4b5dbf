/**
 * `npx projen bench`: synth time against the Solutions Construct and
 * hand-wired L2s, scaling with instance count, the built-in handler's bundle
 * and cold start, and idle monthly cost per egress mode. Prints everything and
 * writes bench/results/<timestamp>.json. A benchmark, not a test: it never fails
 * on a number, only on a broken harness.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { idleCost, IdleCost } from './cost';
import { handlerBench } from './handler';
import { oursVariants } from './ours';
import { HOURS_PER_MONTH, INTERFACE_ENDPOINT_AZ, NAT_GATEWAY, PRICES_CHECKED, PUBLIC_IPV4, REGION } from './prices';
import { ms, table, usd } from './stats';
import { cleanOutdirs, pairedRatio, synthBench, synthOnce } from './synth';
import { HAND_WIRED, SOLUTIONS, Variant } from './variants';

const WARMUP = Number(process.env.BENCH_WARMUP ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const SCALE_COUNTS = [1, 10, 50];
const SCALE_REPS = Number(process.env.BENCH_SCALE_REPS ?? 3);
const HANDLER_RUNS = Number(process.env.BENCH_HANDLER_RUNS ?? 15);

interface ScalePoint {
  readonly instances: number;
  readonly totalMs: number;
  readonly msPerInstance: number;
  readonly resources: number;
  readonly resourcesPerInstance: number;
}

function heading(title: string): void {
  console.log(`\n== ${title} ==`);
}

function main(): void {
  const started = process.hrtime.bigint();
  const ours = oursVariants();
  const oursDefault = ours.oursDefault;
  const competitors = [SOLUTIONS, HAND_WIRED];
  const timed: Variant[] = [...(oursDefault ? [oursDefault] : []), ...(ours.oursNatPerAz ? [ours.oursNatPerAz] : []), ...competitors];

  console.log('cdk-secure-cognito-api benchmarks');
  const loadStart = os.loadavg()[0];
  console.log(`date ${new Date().toISOString()}  node ${process.version}  ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}  load ${loadStart.toFixed(2)}`);
  if (!oursDefault) {
    console.log('NOTE: SecureCognitoApi is not in src/ yet: "ours" rows are pending.');
  }

  // 1. Synth time
  heading(`Synth time: fresh App per sample, ${WARMUP} warm-up rounds, ${ROUNDS} interleaved rounds`);
  const synth = synthBench(timed, WARMUP, ROUNDS);
  console.log(table(
    ['variant', 'median total', 'min', 'max', 'construct', 'app.synth()'],
    timed.map((v) => {
      const r = synth[v.key];
      return [v.label, ms(r.total.median), ms(r.total.min), ms(r.total.max), ms(r.construct.median), ms(r.synth.median)];
    }),
  ));
  // Ratio of medians, and the median of per-round (paired) ratios with its range.
  const ratios: Record<string, { ofMedians: number; paired: ReturnType<typeof pairedRatio> }> = {};
  const ratio = (a: Variant, b: Variant) => {
    const ofMedians = synth[a.key].total.median / synth[b.key].total.median;
    const paired = pairedRatio(synth[a.key], synth[b.key]);
    ratios[`${a.key}/${b.key}`] = { ofMedians, paired };
    console.log(`ratio ${a.label} / ${b.label}: ${ofMedians.toFixed(2)} (paired per round: median ${paired.median.toFixed(2)}, ${paired.min.toFixed(2)}-${paired.max.toFixed(2)})`);
  };
  for (const o of timed.filter((v) => v.key.startsWith('ours'))) {
    for (const c of competitors) ratio(o, c);
  }
  ratio(HAND_WIRED, SOLUTIONS);

  // 2. Scaling
  heading(`Scaling: N instances in one stack (median of ${SCALE_REPS}; the 500-resource stack limit is lifted to measure)`);
  const scaling: Record<string, ScalePoint[]> = {};
  const scaleRows: string[][] = [];
  for (const v of timed) {
    scaling[v.key] = [];
    for (const n of SCALE_COUNTS) {
      const times: number[] = [];
      let resources = 0;
      for (let i = 0; i < SCALE_REPS; i++) {
        const s = synthOnce(v, n, { '@aws-cdk/core:stackResourceLimit': 0 });
        times.push(s.totalMs);
        resources = Object.keys(s.template.Resources ?? {}).length;
      }
      cleanOutdirs();
      times.sort((a, b) => a - b);
      const totalMs = times[Math.floor(times.length / 2)];
      const row = { instances: n, totalMs, msPerInstance: totalMs / n, resources, resourcesPerInstance: resources / n };
      scaling[v.key].push(row);
      scaleRows.push([v.label, String(n), ms(totalMs, 0), ms(row.msPerInstance), String(resources), row.resourcesPerInstance.toFixed(1)]);
    }
  }
  console.log(table(['variant', 'N', 'synth', 'per instance', 'resources', 'per instance'], scaleRows));
  for (const v of timed) {
    const per = scaling[v.key][0].resourcesPerInstance;
    console.log(`${v.label}: at most ${Math.floor(500 / per)} instances fit one stack (CloudFormation limit 500 resources)`);
  }

  // 3. Handler
  heading(`Built-in handler (median of ${HANDLER_RUNS} fresh node processes)`);
  const handler = handlerBench(HANDLER_RUNS);
  console.log(table(['metric', 'value'], [
    ['bundle (index.js)', `${handler.bundleBytes} B${handler.withinBudget ? '' : '  > 2 KB budget'}`],
    ['bundle gzip -9', `${handler.gzipBytes} B`],
    ['cold require()', `${ms(handler.requireMs.median, 2)}  (min ${ms(handler.requireMs.min, 2)}, max ${ms(handler.requireMs.max, 2)})`],
    ['first invocation', `${ms(handler.firstInvokeMs.median, 2)}  (min ${ms(handler.firstInvokeMs.min, 2)}, max ${ms(handler.firstInvokeMs.max, 2)})`],
    ['require + first invocation', ms(handler.coldTotalMs.median, 2)],
    ['response', handler.response],
  ]));

  // 4. Idle cost
  heading(`Idle monthly cost, ${REGION} list prices checked ${PRICES_CHECKED}, ${HOURS_PER_MONTH} h/month`);
  console.log(`NAT gateway $${NAT_GATEWAY.usdPerHour}/h, public IPv4 $${PUBLIC_IPV4.usdPerHour}/h, interface endpoint $${INTERFACE_ENDPOINT_AZ.usdPerHour}/AZ-h (bench/prices.ts)`);
  const costVariants: Variant[] = [
    ...(['oursDefault', 'oursSingleNat', 'oursNatPerAz', 'oursEndpoints'] as const).flatMap((k) => (ours[k] ? [ours[k]!] : [])),
    SOLUTIONS,
    HAND_WIRED,
  ];
  const costs: Record<string, IdleCost> = {};
  for (const v of costVariants) {
    costs[v.key] = idleCost(synthOnce(v).template);
  }
  cleanOutdirs();
  console.log(table(
    ['variant', 'NAT', 'EIP', 'iface AZ', 'gw ep', 'resources', '$/month'],
    costVariants.map((v) => {
      const c = costs[v.key];
      const counts = [c.natGateways, c.eips, c.interfaceEndpointAzs, c.gatewayEndpoints, c.resourceCount].map(String);
      return [v.label, ...counts, usd(c.usdPerMonth)];
    }),
  ));
  for (const v of costVariants) {
    const c = costs[v.key];
    const detail = c.lines.map((l) => `${l.quantity} ${l.item} = ${usd(l.usdPerMonth)}`).join(', ') || 'nothing bills when idle';
    console.log(`${v.label}: ${detail}`);
    if (c.unpriced.length > 0) {
      console.log(`  WARNING unpriced resource types (not counted): ${c.unpriced.join(', ')}`);
    }
  }

  const elapsedS = Number(process.hrtime.bigint() - started) / 1e9;
  const loadEnd = os.loadavg()[0];
  console.log(`\nbench finished in ${elapsedS.toFixed(1)} s (1-min load average ${loadStart.toFixed(2)} at start, ${loadEnd.toFixed(2)} at end, on ${os.cpus().length} CPUs)`);

  const resultsDir = path.join(__dirname, 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify({
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    loadAverage: { start: loadStart, end: loadEnd },
    settings: { warmup: WARMUP, rounds: ROUNDS, scaleCounts: SCALE_COUNTS, scaleReps: SCALE_REPS, handlerRuns: HANDLER_RUNS },
    variants: Object.fromEntries([...timed, ...costVariants].map((v) => [v.key, v.label])),
    synth,
    ratios,
    scaling,
    handler,
    pricesChecked: PRICES_CHECKED,
    costs,
    elapsedS,
  }, null, 2));
  console.log(`results written to ${path.relative(process.cwd(), file)}`);
}

main();
