// The TypeScript ZRT for one session: the tree with /dev and /tmp, nvram applied (time, mapping, fstab),
// descriptors 0-2 on the stdio channels, and the system call table over a guest memory.
import { OpenFlag } from './abi.ts';
import { DeterministicClock } from './clock.ts';
import { Errno } from './errno.ts';
import { buildDevfs, type ChannelView } from './fs/devices.ts';
import { MemoryFileSystem } from './fs/file-system.ts';
import type { DirInode } from './fs/inode.ts';
import { FdTable, OpenFile } from './fs/open-file.ts';
import { exportTar } from './fs/tar-export.ts';
import { mountTarLazily } from './fs/tar-mount.ts';
import type { GuestMemory } from './guest-memory.ts';
import { HeapAllocator } from './heap.ts';
import { type NvramConfig, emptyNvram } from './nvram/config.ts';
import { parseNvram } from './nvram/parser.ts';
import { DeterministicRandom } from './random.ts';
import { MAX_SYSCALL } from './syscalls/numbers.ts';
import type { SyscallHandler, ZrtState } from './syscalls/state.ts';
import { buildSyscallTable } from './syscalls/table.ts';
import { decodeUtf8 } from '../text/utf8.ts';
import { ZrtExit } from './zrt-exit.ts';

export interface ZrtOptions {
  readonly channels?: readonly ChannelView[];
  /** Parsed nvram, its text, or undefined to read the /dev/nvram channel when there is one. */
  readonly nvram?: NvramConfig | string;
  /** The heap the loader leaves for brk and mmap; the break starts at initialBreak (default start). */
  readonly heap: { readonly start: number; readonly end: number; readonly initialBreak?: number };
  /** Seed of get_random_bytes and /dev/(u)random. */
  readonly seed?: number | string;
  readonly pid?: number;
}

export interface MountFailure {
  readonly mountpoint: string;
  readonly channel: string;
  readonly error: unknown;
}

/** The largest channel the runtime reads whole (nvram, tar images). */
const MAX_CHANNEL_READ = 256 << 20;

export function readChannelFully(ch: ChannelView): Uint8Array {
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const buf = new Uint8Array(Math.min(1 << 16, MAX_CHANNEL_READ - total));
    if (buf.length === 0) throw new RangeError(`channel ${ch.alias} is larger than ${MAX_CHANNEL_READ} bytes`);
    const n = ch.read(buf, total);
    if (n < 0) throw new RangeError(`reading channel ${ch.alias} failed with errno ${-n}`);
    if (n === 0) break;
    parts.push(buf.subarray(0, n));
    total += n;
  }
  const out = new Uint8Array(total);
  let p = 0;
  for (const b of parts) {
    out.set(b, p);
    p += b.length;
  }
  return out;
}

export class Zrt {
  readonly fs: MemoryFileSystem;
  readonly fds = new FdTable();
  readonly clock: DeterministicClock;
  readonly random: DeterministicRandom;
  readonly heap: HeapAllocator;
  readonly nvram: NvramConfig;
  readonly table: readonly SyscallHandler[];
  /** Tar images that failed to unpack (the mount point stays empty). */
  readonly mountFailures: MountFailure[] = [];
  /** Failures of the `wo` exports run at exit, as messages. */
  readonly exportErrors: string[] = [];
  private readonly channels: ReadonlyMap<string, ChannelView>;
  private readonly state: ZrtState;
  private exported = false;

  constructor(options: ZrtOptions) {
    const channels = options.channels ?? [];
    this.channels = new Map(channels.map((c) => [c.alias, c]));
    this.nvram = this.loadNvram(options.nvram);
    this.clock = new DeterministicClock(this.nvram.timeSeconds ?? 0);
    this.random = new DeterministicRandom(options.seed ?? 0);
    this.heap = new HeapAllocator(options.heap.start, options.heap.end, options.heap.initialBreak);
    // The tree shares ZRT's heap in ZeroVM: its file data gets no more room than the heap has.
    this.fs = new MemoryFileSystem({
      now: () => this.clock.peek(),
      dataLimit: options.heap.end - options.heap.start,
      openInodes: () => this.fds.openInodes(),
    });
    buildDevfs(this.fs, channels, this.nvram.mapping, this.random);
    this.fs.attach(this.fs.root, 'tmp', this.fs.newDir(this.fs.root, 0o777));
    for (const rec of this.nvram.fstab) {
      if (rec.access !== 'ro') continue;
      const ch = this.channels.get(rec.channel);
      const fail = (error: unknown) => this.mountFailures.push({ mountpoint: rec.mountpoint, channel: rec.channel, error });
      if (!ch) fail(new Error(`nvram line ${rec.line}: no channel ${rec.channel}`));
      else mountTarLazily(this.fs, rec.mountpoint, () => readChannelFully(ch), fail);
    }
    this.openStdio();
    const self = this;
    this.state = {
      fs: this.fs,
      fds: this.fds,
      clock: this.clock,
      random: this.random,
      heap: this.heap,
      cwd: this.fs.root,
      tls: 0,
      secondTls: 0,
      pid: options.pid ?? 1,
      exit(status: number): never {
        self.runExports();
        throw new ZrtExit(status);
      },
    };
    this.table = buildSyscallTable(this.state);
  }

  private loadNvram(given: NvramConfig | string | undefined): NvramConfig {
    if (typeof given === 'string') return parseNvram(given);
    if (given) return given;
    const ch = this.channels.get('/dev/nvram');
    return ch ? parseNvram(decodeUtf8(readChannelFully(ch))) : emptyNvram;
  }

  private openStdio(): void {
    const stdio: [string, number][] = [
      ['stdin', OpenFlag.O_RDONLY],
      ['stdout', OpenFlag.O_WRONLY],
      ['stderr', OpenFlag.O_WRONLY],
    ];
    const dev = this.fs.root.entries.get('dev') as DirInode;
    stdio.forEach(([name, flags], fd) => {
      const node = dev.entries.get(name);
      if (node) this.fds.install(fd, new OpenFile(node, flags));
    });
  }

  /** Current working directory of the guest. */
  get cwd(): DirInode {
    return this.state.cwd;
  }

  /** argv for the startup block: nvram [args], or none. */
  get argv(): readonly string[] {
    return this.nvram.args ?? [];
  }

  /** envp for the startup block: nvram [env] as NAME=value, plus HOME=/ unless set (ZRT sets HOME). */
  get envp(): readonly string[] {
    const env = this.nvram.env.map((e) => `${e.name}=${e.value}`);
    if (!this.nvram.env.some((e) => e.name === 'HOME')) env.push('HOME=/');
    return env;
  }

  /** Serve NaCl system call `n` (1..150); other numbers answer -ENOSYS. May throw ZrtExit. */
  syscall(n: number, args: readonly number[], mem: GuestMemory): number {
    const h = Number.isInteger(n) && n >= 1 && n <= MAX_SYSCALL ? this.table[n]! : undefined;
    return h ? h(args, mem) : -Errno.ENOSYS;
  }

  /**
   * Write each fstab `wo` subtree as a tar into its channel (once; exit does this itself).
   * Returns the failures as messages (also kept in exportErrors).
   */
  runExports(): string[] {
    if (this.exported) return [];
    this.exported = true;
    const errors = this.exportErrors;
    for (const rec of this.nvram.fstab) {
      if (rec.access !== 'wo') continue;
      const ch = this.channels.get(rec.channel);
      if (!ch) {
        errors.push(`nvram line ${rec.line}: no channel ${rec.channel}`);
        continue;
      }
      try {
        const bytes = exportTar(this.fs, rec.mountpoint);
        for (let done = 0; done < bytes.length; ) {
          const n = ch.write(bytes.subarray(done), done);
          if (n <= 0) {
            errors.push(`export of ${rec.mountpoint} to ${rec.channel}: only wrote ${done} of ${bytes.length} bytes`);
            break;
          }
          done += n;
        }
      } catch (e) {
        errors.push(`export of ${rec.mountpoint} to ${rec.channel}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return errors;
  }
}
