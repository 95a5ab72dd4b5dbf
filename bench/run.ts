/**
 * `npx projen bench`: synth time against the Solutions Construct and
 * hand-wired L2s, scaling with instance count, the built-in handler's bundle
 * and cold start, and idle monthly cost per egress mode. Prints everything and
 * writes bench/results/bench-<time>.json and the same tables as Markdown in
 * bench-<time>.md. A benchmark, not a test: it never fails on a number, only on
 * a broken harness.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { coldSynthBench, transpileForChildren } from './cold';
import { idleCost, IdleCost } from './cost';
import { HAND_WIRED } from './hand-wired';
import { handlerBench } from './handler';
import { OURS_COMPLIANCE, OURS_DEFAULT, OURS_ENDPOINTS, OURS_NAT_PER_AZ, OURS_SHARED_VPC, OURS_SINGLE_NAT } from './ours';
import { HOURS_PER_MONTH, PRICES, PRICES_CHECKED, REGION } from './prices';
import { SOLUTIONS } from './solutions';
import { markdownTable, ms, table, usd } from './stats';
import { cleanOutdirs, pairedRatio, summarizeSamples, synthOnce } from './synth';
import { Variant } from './variant';
import { warmSynthBench } from './warm';
import { WARM_VARIANTS } from './warm-child';

const WARM_PROCESSES = Number(process.env.BENCH_WARM_PROCESSES ?? 3);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
/** Instance counts and how many synths each gets (the median is kept). */
const SCALE: { instances: number; reps: number }[] = [
  { instances: 1, reps: 9 },
  { instances: 10, reps: 3 },
  { instances: 50, reps: 1 },
];
const SCALE_WARMUP = 5;
const HANDLER_RUNS = Number(process.env.BENCH_HANDLER_RUNS ?? 15);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 7);

interface ScalePoint {
  readonly instances: number;
  readonly totalMs: number;
  readonly msPerInstance: number;
  readonly resources: number;
  readonly resourcesPerInstance: number;
}

/** The report again in Markdown, for docs/performance.md. */
const md: string[] = [];

function heading(title: string): void {
  console.log(`\n== ${title} ==`);
  md.push('', `### ${title}`, '');
}

function show(header: string[], rows: string[][]): void {
  console.log(table(header, rows));
  md.push('', markdownTable(header, rows), '');
}

function note(line: string): void {
  console.log(line);
  md.push(`- ${line}`);
}

/** Wall and CPU time of each phase, to keep the whole run within its budget. */
const phases: { name: string; wallS: number; cpuS: number }[] = [];
function phase<T>(name: string, fn: () => T): T {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const out = fn();
  const c = process.cpuUsage(c0);
  phases.push({ name, wallS: Number(process.hrtime.bigint() - t0) / 1e9, cpuS: (c.user + c.system) / 1e6 });
  return out;
}

function packageVersion(name: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(`${name}/package.json`) as { version: string }).version;
}

function main(): void {
  const started = process.hrtime.bigint();
  const competitors = [SOLUTIONS, HAND_WIRED];
  // Our default against the brief's architecture, and ours in the brief's egress mode like for like.
  const timed: Variant[] = WARM_VARIANTS;
  const jsRoot = transpileForChildren();
  process.on('exit', () => fs.rmSync(jsRoot, { recursive: true, force: true }));

  console.log('cdk-secure-cognito-api benchmarks');
  const loadStart = os.loadavg()[0];
  const versions = ['aws-cdk-lib', 'constructs', '@aws-solutions-constructs/aws-cognito-apigateway-lambda']
    .map((name) => `${name} ${packageVersion(name)}`).join(', ');
  note(`${new Date().toISOString()}, Node ${process.version}, ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'CPU'}, `
    + `1-min load average ${loadStart.toFixed(2)}; ${versions}`);

  // 1. Synth time
  heading(`Synth time: fresh App per sample; in each of ${WARM_PROCESSES} processes ${WARMUP} warm-up rounds, `
    + `then ${ROUNDS} rounds with the variants interleaved; samples pooled`);
  const warm = phase('synth (warm)', () => warmSynthBench(jsRoot, WARM_PROCESSES, WARMUP, ROUNDS));
  const synth = summarizeSamples(warm.pooled);
  const perProcess = warm.perProcess.map(summarizeSamples);
  show(
    ['variant', 'median', 'min', 'max', 'construct', 'app.synth()', 'CPU'],
    timed.map((v) => {
      const r = synth[v.key];
      return [v.label, ms(r.total.median), ms(r.total.min), ms(r.total.max), ms(r.construct.median), ms(r.synth.median), ms(r.cpu.median)];
    }),
  );
  // Ratio of wall-time medians, the median of per-round (paired) ratios with its
  // range, and the ratio of CPU-time medians (which waiting for a busy CPU does not inflate).
  // Also the spread of the ratio of medians over the processes.
  const ratios: Record<string, { ofMedians: number; paired: ReturnType<typeof pairedRatio>; cpu: number; perProcess: number[] }> = {};
  const ratio = (a: Variant, b: Variant) => {
    const ofMedians = synth[a.key].total.median / synth[b.key].total.median;
    const paired = pairedRatio(synth[a.key], synth[b.key]);
    const cpu = synth[a.key].cpu.median / synth[b.key].cpu.median;
    const each = perProcess.map((r) => r[a.key].total.median / r[b.key].total.median);
    ratios[`${a.key}/${b.key}`] = { ofMedians, paired, cpu, perProcess: each };
    note(`ratio ${a.label} / ${b.label}: ${ofMedians.toFixed(2)}`
      + ` (per process ${each.map((x) => x.toFixed(2)).join(', ')}; paired per round ${paired.median.toFixed(2)}; CPU ${cpu.toFixed(2)})`);
  };
  for (const o of timed.filter((v) => v.key.startsWith('ours'))) {
    for (const c of competitors) ratio(o, c);
  }
  ratio(HAND_WIRED, SOLUTIONS);

  // 1b. Cold synth
  heading(`Cold synth: one instance, fresh node process per sample (median of ${COLD_RUNS}, interleaved)`);
  const coldVariants = [
    { key: OURS_DEFAULT.key, label: OURS_DEFAULT.label, module: 'ours', exportName: 'OURS_DEFAULT' },
    { key: SOLUTIONS.key, label: SOLUTIONS.label, module: 'solutions', exportName: 'SOLUTIONS' },
    { key: HAND_WIRED.key, label: HAND_WIRED.label, module: 'hand-wired', exportName: 'HAND_WIRED' },
  ];
  const cold = phase('synth (cold)', () => coldSynthBench(jsRoot, coldVariants, COLD_RUNS));
  show(
    ['variant', 'import libs', 'construct + synth', 'whole process'],
    coldVariants.map((v) => {
      const r = cold[v.key];
      return [v.label, ms(r.importMs.median, 0), ms(r.synthMs.median, 0), ms(r.processMs.median, 0)];
    }),
  );
  const coldRatios: Record<string, number> = {};
  for (const c of competitors) {
    const rr = cold[OURS_DEFAULT.key].processMs.median / cold[c.key].processMs.median;
    coldRatios[`${OURS_DEFAULT.key}/${c.key}`] = rr;
    note(`ratio (whole process) ${OURS_DEFAULT.label} / ${c.label}: ${rr.toFixed(2)}`);
  }

  // 2. Scaling
  heading(`Scaling: N instances in one stack, after ${SCALE_WARMUP} warm-up synths (median of 9 synths at N=1, 3 at N=10, 1 at N=50; the 500-resource stack limit is lifted to measure)`);
  const scaled: Variant[] = [OURS_DEFAULT, OURS_SHARED_VPC, ...competitors];
  const scaling: Record<string, ScalePoint[]> = {};
  const scaleRows: string[][] = [];
  phase('scaling', () => scaled.forEach((v) => {
    // This process has not synthesized these variants yet: warm up first, so that
    // N = 1 does not carry the module loading and compilation.
    for (let i = 0; i < SCALE_WARMUP; i++) synthOnce(v);
    scaling[v.key] = [];
    for (const { instances: n, reps } of SCALE) {
      const times: number[] = [];
      let resources = 0;
      for (let i = 0; i < reps; i++) {
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
  }));
  show(['variant', 'N', 'synth', 'per instance', 'resources', 'per instance'], scaleRows);
  for (const v of scaled) {
    // Marginal resources per added instance, from the 10 -> 50 step.
    const [, ten, fifty] = scaling[v.key];
    const marginal = (fifty.resources - ten.resources) / (fifty.instances - ten.instances);
    const fit = Math.floor((500 - (ten.resources - marginal * ten.instances)) / marginal);
    note(`${v.label}: +${marginal.toFixed(0)} resources per instance, at most ${fit} instances per stack (CloudFormation's 500-resource limit)`);
  }

  // 3. Handler
  heading(`Built-in handler (median of ${HANDLER_RUNS} fresh node processes)`);
  const handler = phase('handler', () => handlerBench(HANDLER_RUNS));
  show(['metric', 'value'], [
    ['bundle (index.js)', `${handler.bundleBytes} B${handler.withinBudget ? '' : '  > 2 KB budget'}`],
    ['bundle gzip -9', `${handler.gzipBytes} B`],
    ['cold require()', `${ms(handler.requireMs.median, 2)}  (min ${ms(handler.requireMs.min, 2)}, max ${ms(handler.requireMs.max, 2)})`],
    ['first invocation', `${ms(handler.firstInvokeMs.median, 2)}  (min ${ms(handler.firstInvokeMs.min, 2)}, max ${ms(handler.firstInvokeMs.max, 2)})`],
    ['require + first invocation', ms(handler.coldTotalMs.median, 2)],
    ['response', handler.response],
  ]);

  // 4. Idle cost
  heading(`Idle monthly cost, ${REGION} list prices checked ${PRICES_CHECKED}, ${HOURS_PER_MONTH} h/month`);
  note(`NAT gateway $${PRICES.natGatewayHour}/h, public IPv4 $${PRICES.publicIpv4Hour}/h, interface endpoint $${PRICES.interfaceEndpointAzHour}/AZ-h (bench/prices.ts); per configuration and workload: npx projen bench:cost`);
  const costVariants: Variant[] = [
    OURS_DEFAULT,
    OURS_SINGLE_NAT,
    OURS_NAT_PER_AZ,
    OURS_ENDPOINTS,
    OURS_COMPLIANCE,
    SOLUTIONS,
    HAND_WIRED,
  ];
  const costs: Record<string, IdleCost> = {};
  phase('cost', () => costVariants.forEach((v) => {
    costs[v.key] = idleCost(synthOnce(v).template);
  }));
  cleanOutdirs();
  show(
    ['variant', 'NAT gateways', 'public IPv4', 'interface endpoint-AZs', 'gateway endpoints', 'resources', 'idle $/month'],
    costVariants.map((v) => {
      const c = costs[v.key];
      const counts = [c.natGateways, c.eips, c.interfaceEndpointAzs, c.gatewayEndpoints, c.resourceCount].map(String);
      return [v.label, ...counts, usd(c.usdPerMonth)];
    }),
  );
  for (const v of costVariants) {
    const c = costs[v.key];
    const detail = c.lines.map((l) => `${l.quantity} ${l.item} = ${usd(l.usdPerMonth)}`).join(', ') || 'nothing bills when idle';
    note(`${v.label}: ${detail}`);
    if (c.unpriced.length > 0) {
      note(`  WARNING unpriced resource types (not counted): ${c.unpriced.join(', ')}`);
    }
  }

  // 5. The issue's targets, checked against this run's figures.
  heading('Targets (issue 7)');
  const briefCost = costs[OURS_NAT_PER_AZ.key].usdPerMonth;
  const vsSolutions = ratios[`${OURS_DEFAULT.key}/${SOLUTIONS.key}`];
  const targets: { target: string; measured: string; met: boolean }[] = [
    {
      target: `default idle cost $0.00 (brief's design: ${usd(briefCost)})`,
      measured: usd(costs[OURS_DEFAULT.key].usdPerMonth),
      met: costs[OURS_DEFAULT.key].usdPerMonth === 0,
    },
    {
      target: 'synth no slower than the Solutions Construct (warm, same run)',
      measured: `ratio ${vsSolutions.ofMedians.toFixed(2)}, paired ${vsSolutions.paired.median.toFixed(2)}, CPU ${vsSolutions.cpu.toFixed(2)}`,
      met: vsSolutions.ofMedians <= 1 && vsSolutions.cpu <= 1,
    },
    {
      target: 'cold synth no slower than the Solutions Construct (fresh process)',
      measured: `ratio ${coldRatios[`${OURS_DEFAULT.key}/${SOLUTIONS.key}`].toFixed(2)}`,
      met: coldRatios[`${OURS_DEFAULT.key}/${SOLUTIONS.key}`] <= 1,
    },
    {
      target: 'handler bundle <= 2 KB',
      measured: `${handler.bundleBytes} B (${handler.gzipBytes} B gzipped)`,
      met: handler.withinBudget,
    },
  ];
  show(['target', 'measured', 'met'], targets.map((t) => [t.target, t.measured, t.met ? 'yes' : 'NO']));

  const elapsedS = Number(process.hrtime.bigint() - started) / 1e9;
  md.push('', `Run time ${elapsedS.toFixed(0)} s (\`npx projen bench\`, after the handler bundle).`);
  console.log(`\nphases: ${phases.map((p) => `${p.name} ${p.wallS.toFixed(1)} s (CPU ${p.cpuS.toFixed(1)} s)`).join(', ')}`);
  const loadEnd = os.loadavg()[0];
  console.log(`\nbench finished in ${elapsedS.toFixed(1)} s (1-min load average ${loadStart.toFixed(2)} at start, ${loadEnd.toFixed(2)} at end, on ${os.cpus().length} CPUs)`);

  const resultsDir = path.join(__dirname, 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify({
    date: new Date().toISOString(),
    node: process.version,
    versions,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    loadAverage: { start: loadStart, end: loadEnd },
    settings: { warmProcesses: WARM_PROCESSES, warmup: WARMUP, rounds: ROUNDS, scale: SCALE, coldRuns: COLD_RUNS, handlerRuns: HANDLER_RUNS },
    variants: Object.fromEntries([...timed, ...scaled, ...costVariants].map((v) => [v.key, v.label])),
    synth,
    ratios,
    cold,
    coldRatios,
    scaling,
    handler,
    pricesChecked: PRICES_CHECKED,
    costs,
    targets,
    phases,
    elapsedS,
  }, null, 2));
  const mdFile = file.replace(/\.json$/, '.md');
  fs.writeFileSync(mdFile, `${md.join('\n')}\n`);
  console.log(`results written to ${path.relative(process.cwd(), file)} and ${path.relative(process.cwd(), mdFile)}`);
}

main();
