// The memory tree on its own: lookup against a lexical model, clamped `..`, and a random-operations
// model check of the namespace calls.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZrtErrno } from '../../src/zrt/errno.ts';
import { MemoryFileSystem } from '../../src/zrt/fs/file-system.ts';
import type { DirInode, Inode } from '../../src/zrt/fs/inode.ts';
import { normalizeAbsolute } from '../../src/zrt/fs/path.ts';

const clockless = () => new MemoryFileSystem({ now: () => ({ sec: 0, nsec: 0 }) });

/** Every inode reachable from the root. */
function reachable(root: DirInode): Set<Inode> {
  const seen = new Set<Inode>([root]);
  const visit = (d: DirInode) => {
    for (const n of d.entries.values()) {
      if (!seen.has(n)) {
        seen.add(n);
        if (n.kind === 'dir') visit(n);
      }
    }
  };
  visit(root);
  return seen;
}

function errnoOf(f: () => unknown): number | 'ok' {
  try {
    f();
    return 'ok';
  } catch (e) {
    if (e instanceof ZrtErrno) return e.errno;
    throw e;
  }
}

describe('lookup', () => {
  const names = ['a', 'b', 'c'];
  const component = fc.constantFrom('a', 'b', 'c', '.', '..', '');

  it('without symlinks, agrees with lexical normalisation and never leaves the tree (property)', () => {
    const fsys = clockless();
    // a full tree of depth 3 over names a, b, c
    const build = (dir: DirInode, depth: number) => {
      if (depth === 0) return;
      for (const n of names) build(fsys.mkdir(n, dir, 0o755), depth - 1);
    };
    build(fsys.root, 3);
    const all = reachable(fsys.root);
    fc.assert(
      fc.property(fc.array(component, { minLength: 1, maxLength: 10 }), fc.array(fc.constantFrom(...names), { maxLength: 2 }), (parts, cwdParts) => {
        const cwd = fsys.lookup('/' + cwdParts.join('/'), fsys.root) as DirInode;
        const p = parts.join('/') || '.';
        const full = p.startsWith('/') ? p : `/${cwdParts.join('/')}/${p}`;
        const lexical = normalizeAbsolute(full);
        // the model: every component must exist on the way, i.e. the walk never goes below depth 3
        let depth = 0;
        let exists = true;
        for (const c of full.split('/')) {
          if (c === '..') depth = Math.max(0, depth - 1);
          else if (c !== '' && c !== '.') exists &&= ++depth <= 3;
        }
        const r = errnoOf(() => fsys.lookup(p, cwd));
        if (!exists) expect(r).toBe(2); // ENOENT
        else {
          const node = fsys.lookup(p, cwd);
          expect(all.has(node)).toBe(true);
          expect(node).toBe(fsys.lookup(lexical, fsys.root));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('with random symlinks, ends at a reachable inode or a clean errno (property)', () => {
    const target = fc.array(component, { minLength: 1, maxLength: 5 }).chain((parts) => fc.constantFrom(parts.join('/'), '/' + parts.join('/')));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'a/b', 'b/c'), target), { maxLength: 6 }), fc.array(component, { maxLength: 8 }), (links, parts) => {
        const fsys = clockless();
        fsys.mkdir('a', fsys.root, 0o755);
        fsys.mkdir('b', fsys.root, 0o755);
        for (const [where, t] of links) errnoOf(() => fsys.symlink(t || '.', where, fsys.root));
        const all = reachable(fsys.root);
        for (const follow of [true, false]) {
          let node: Inode | undefined;
          const r = errnoOf(() => (node = fsys.lookup('/' + parts.join('/'), fsys.root, follow)));
          if (r === 'ok') expect(all.has(node!)).toBe(true);
          else expect([2, 20, 40]).toContain(r); // ENOENT, ENOTDIR, ELOOP
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('namespace operations against a model (property)', () => {
  type Op = { op: 'mkdir' | 'create' | 'unlink' | 'rmdir' | 'link' | 'rename'; a: string; b: string };
  const pathArb = fc.array(fc.constantFrom('x', 'y', 'z'), { minLength: 1, maxLength: 3 }).map((p) => '/' + p.join('/'));
  const opArb: fc.Arbitrary<Op> = fc.record({ op: fc.constantFrom('mkdir', 'create', 'unlink', 'rmdir', 'link', 'rename'), a: pathArb, b: pathArb });

  it('keeps nlink equal to the number of names (and 2 + subdirectories for directories)', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), (ops) => {
        const fsys = clockless();
        for (const { op, a, b } of ops) {
          errnoOf(() => {
            if (op === 'mkdir') fsys.mkdir(a, fsys.root, 0o755);
            else if (op === 'create') {
              const r = fsys.resolve(a, fsys.root, true);
              if (!r.inode) fsys.createFile(r, 0o644);
            } else if (op === 'unlink') fsys.unlink(a, fsys.root);
            else if (op === 'rmdir') fsys.rmdir(a, fsys.root);
            else if (op === 'link') fsys.link(a, b, fsys.root);
            else fsys.rename(a, b, fsys.root);
          });
        }
        const names = new Map<Inode, number>();
        const check = (d: DirInode) => {
          let subdirs = 0;
          for (const n of d.entries.values()) {
            names.set(n, (names.get(n) ?? 0) + 1);
            if (n.kind === 'dir') {
              subdirs++;
              expect(n.parent).toBe(d);
              check(n);
            }
          }
          expect(d.nlink).toBe(2 + subdirs);
        };
        check(fsys.root);
        for (const [n, count] of names) if (n.kind !== 'dir') expect(n.nlink).toBe(count);
        for (const [n, count] of names) if (n.kind === 'dir') expect(count).toBe(1);
      }),
      { numRuns: 400 },
    );
  });
});
