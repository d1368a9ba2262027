// Two sessions in one process joined by a pipe: a producer's /dev/stdout is a consumer's /dev/stdin.
// The consumers block on the empty pipe (ZRT's read is retried; the ZeroVM trap's read completes
// later), and a pipe with a small capacity blocks the producer's write until the consumer drains it.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Channel, createPipe, memorySink, memorySource } from '../../src/channels/index.ts';
import { Session } from '../../src/session/index.ts';
import { buildAsmFile, fixturesDir } from './lib/build-asm.ts';
import { BIG, memChannels, text } from './lib/channels.ts';

const hello = new Uint8Array(readFileSync(path.join(fixturesDir, 'hello-trap.nexe')));
const expected = 'hello, world (zerovm trap)\n';
const sha1 = (s: string): string => createHash('sha1').update(s).digest('hex');

async function pipeline(consumerName: string, capacity = Infinity) {
  const pipe = createPipe(capacity);
  const producerOut = new Channel(pipe.writer, { alias: '/dev/stdout', type: 0, limits: BIG, etag: true });
  const producer = new Session(hello, [
    new Channel(memorySource(new Uint8Array(0)), { alias: '/dev/stdin', type: 0, limits: BIG }),
    producerOut,
    new Channel(memorySink(), { alias: '/dev/stderr', type: 0, limits: BIG }),
  ]);
  const c = memChannels(pipe.reader);
  const consumer = new Session(buildAsmFile(consumerName), c.channels, { timeoutSeconds: 20 });
  // The consumer starts first and blocks on the empty pipe.
  const [cr, pr] = await Promise.all([consumer.run(), producer.run()]);
  return { cr, pr, out: text(c.stdout.bytes()) };
}

describe('sessions joined by a pipe', () => {
  for (const consumer of ['cat-nacl', 'cat-trap']) {
    it(`hello-trap | ${consumer}`, async () => {
      const { cr, pr, out } = await pipeline(consumer);
      expect(pr.ending).toBe('exit');
      expect(cr.ending).toBe('exit');
      expect(out).toBe(expected);
      expect(cr.userCode).toBe(expected.length);
      expect(cr.status).toBe(0);
      // both ends hashed the same bytes
      const producerTag = pr.report.etags.find((t) => t.alias === '/dev/stdout')?.digest;
      const consumerIn = cr.report.etags.find((t) => t.alias === '/dev/stdin')?.digest;
      expect(producerTag).toBe(sha1(expected));
      expect(consumerIn).toBe(sha1(expected));
      // accounting: the consumer read the bytes in, and wrote them out
      expect(cr.report.local.getSize).toBe(expected.length);
      expect(cr.report.local.putSize).toBe(expected.length);
    });
  }

  it('a full pipe blocks the producer\'s trap write until the consumer drains it', async () => {
    const { cr, pr, out } = await pipeline('cat-trap', 8);
    expect(pr.ending).toBe('exit');
    expect(pr.report.local.putSize).toBe(expected.length);
    expect(out).toBe(expected);
    expect(cr.userCode).toBe(expected.length);
  });
});
