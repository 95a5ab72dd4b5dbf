// The state file (TWIN_STATE): what a program in any language needs to sign every user in and call
// every API. The top level is the first stack's TwinState, unchanged, so readers of one stack keep
// working; `stacks` lists every stack brought up, each with its APIs' URLs.
import * as fs from 'fs';
import * as path from 'path';
import type { TwinState } from '../emulator/rules';
import type { Twin } from '../emulator/twin';

export interface TwinApiState {
  /** The API's Name in the template (its logical id when the name is computed). */
  readonly name: string;
  readonly logicalId: string;
  readonly url: string;
}

export interface TwinStackState extends TwinState {
  readonly stackName: string;
  /** Every HTTP API of the stack; `apiUrl` is the first one's URL. */
  readonly apis: TwinApiState[];
}

export interface TwinStateFile extends TwinStackState {
  readonly stacks: TwinStackState[];
}

export function stackState(twin: Twin): TwinStackState {
  const apis = twin.model.apis
    .filter((a) => twin.gateways.has(a.logicalId))
    .map((a) => ({ name: a.name, logicalId: a.logicalId, url: twin.gateways.get(a.logicalId)!.url }));
  return { stackName: twin.model.stackName, ...twin.state(), apis };
}

export function stateOf(twins: Twin[]): TwinStateFile {
  const stacks = twins.map(stackState);
  return { ...stacks[0], stacks };
}

/** Writes `state` to `file` atomically (a temporary file renamed over it), readable by its owner only: it holds passwords and client secrets. */
export function writeStateFile(file: string, state: TwinStateFile): string {
  const target = path.resolve(file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  fs.chmodSync(temporary, 0o600);
  fs.renameSync(temporary, target);
  return target;
}
