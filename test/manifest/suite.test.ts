// ZeroVM's own manifest conformance suite: every case must give the exit status in its file name.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sessionStatus } from '../../src/manifest/index.ts';
import { nodeHostProbe, sourceKind } from '../../src/node/channels/host-probe.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const suiteDir = path.resolve(repoRoot, '..', 'shared', 'zerovm', 'manifest-suite');
const haveSuite = fs.existsSync(suiteDir);
if (!haveSuite) console.log(`manifest suite skipped: ${suiteDir} is absent (../shared not present)`);

// The suite's dummy.nexe: any valid nexe that exits 0 (our fixture).
const dummyNexe = path.resolve(repoRoot, 'fixtures', 'hello-trap.nexe');

describe.skipIf(!haveSuite)('zerovm manifest suite', () => {
  const files = haveSuite ? fs.readdirSync(suiteDir).filter((f) => f.endsWith('.manifest')).sort() : [];
  // The original runs had the three standard streams on a terminal; ours may be pipes or sockets.
  const probe = nodeHostProbe({
    cwd: suiteDir,
    programs: { 'dummy.nexe': dummyNexe },
    sources: { '/dev/stdin': 'character', '/dev/stdout': 'character', '/dev/stderr': 'character' },
  });

  it('has the 30 cases', () => {
    expect(files.length).toBe(30);
  });

  for (const file of files) {
    const named = Number(/\.(\d+)\.manifest$/.exec(file)![1]);
    // /dev/log is a socket where syslog runs; elsewhere the missing read-only source gives EFAULT.
    const expected = file.startsWith('invalid_channel_source_type.') && sourceKind('/dev/log') !== 'socket' ? 14 : named;
    it(`${file} -> ${expected}`, () => {
      const result = sessionStatus(new Uint8Array(fs.readFileSync(path.join(suiteDir, file))), probe);
      const detail = 'error' in result ? result.error.message : 'ok';
      expect({ status: result.status, detail }).toMatchObject({ status: expected });
    });
  }
});
