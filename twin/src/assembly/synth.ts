// Synthesizes a CDK app into a cloud assembly the way the CDK CLI does, so the twin never reads the
// app's code and any language is the same to it: read `cdk.json` in the app's folder, run its
// `build` command if any, then its `app` command in a shell with CDK_OUTDIR (where to write the
// assembly) and CDK_CONTEXT_JSON (cdk.json's and cdk.context.json's context) in the environment.
// An `app` that is a directory is already an assembly, as for the CLI.
// The protocol: @aws-cdk/cx-api's CDK_OUTDIR and CDK_CONTEXT_JSON (read by aws-cdk-lib's App);
// context sources: https://docs.aws.amazon.com/cdk/v2/guide/context.html
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** The app could not be synthesized; the message says what to do. */
export class SynthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SynthError';
  }
}

export interface SynthOptions {
  /** The app's folder, holding `cdk.json`. */
  readonly appDir: string;
  /** Where the assembly is written. */
  readonly outdir: string;
  /** Receives the app command's output lines (shown only when it fails, by default). */
  readonly log?: (line: string) => void;
}

/** Runs the app of `<appDir>/cdk.json`; returns the assembly directory. */
export async function synthApp(options: SynthOptions): Promise<string> {
  const cdkJson = path.join(options.appDir, 'cdk.json');
  if (!fs.existsSync(cdkJson)) {
    throw new SynthError(`no cdk.json in ${options.appDir}: run in your CDK app's folder, or pass --app <folder> or --assembly <cdk.out>`);
  }
  const config = readJson(cdkJson);
  if (typeof config.app !== 'string' || !config.app.trim()) {
    throw new SynthError(`${cdkJson} has no "app" command: add one (as \`cdk init\` does) or pass --assembly <cdk.out>`);
  }
  const asDir = path.resolve(options.appDir, config.app);
  if (fs.existsSync(path.join(asDir, 'manifest.json'))) return asDir;

  const contextFile = path.join(options.appDir, 'cdk.context.json');
  const context = {
    ...(fs.existsSync(contextFile) ? readJson(contextFile) : {}),
    ...(config.context ?? {}),
    // As the CLI does: asset metadata lets the twin find each function's asset folder.
    'aws:cdk:enable-asset-metadata': true,
  };
  fs.mkdirSync(options.outdir, { recursive: true });
  const env = { ...process.env, CDK_OUTDIR: options.outdir, CDK_CONTEXT_JSON: JSON.stringify(context) };
  if (typeof config.build === 'string' && config.build.trim()) {
    await runShell(config.build, options.appDir, env, `the build command of ${cdkJson}`, options.log);
  }
  await runShell(config.app, options.appDir, env, `the app command of ${cdkJson} (${config.app})`, options.log);
  if (!fs.existsSync(path.join(options.outdir, 'manifest.json'))) {
    throw new SynthError(`${config.app} wrote no cloud assembly to ${options.outdir}: does the app call app.synth()?`);
  }
  return options.outdir;
}

function runShell(command: string, cwd: string, env: NodeJS.ProcessEnv, what: string, log?: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, { cwd, env, shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const take = (chunk: Buffer) => {
      output += chunk;
      chunk.toString().split('\n').filter(Boolean).forEach((l) => log?.(l));
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.once('error', (e) => reject(new SynthError(`${what} did not start: ${e.message}`)));
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new SynthError(`${what} failed (${code ?? signal}); fix the app so that \`cdk synth\` passes:\n${output.trim().split('\n').slice(-20).join('\n')}`));
    });
  });
}

function readJson(file: string): any {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf-8'));
  } catch (e) {
    throw new SynthError(`${file} is not JSON: ${(e as Error).message}`);
  }
}
