// jest globalTeardown: removes the run's temporary directory made by global-setup.ts.
import * as fs from 'fs';
import * as path from 'path';
import { RUN_TMPDIR_PREFIX, RUN_TMPDIR_VAR } from './global-setup';

export default function globalTeardown(): void {
  const dir = process.env[RUN_TMPDIR_VAR];
  if (dir && path.basename(dir).startsWith(RUN_TMPDIR_PREFIX)) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
