// Where the toolchain finds its parts in the repository.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const toolchainDir = path.join(repoRoot, 'src', 'toolchain');
export const libcDir = path.join(repoRoot, 'libc');
export const libcIncludeDir = path.join(libcDir, 'include');
/** The fixtures' NaCl linker script (text at 0x20000, rodata/data on 64 KiB boundaries). */
export const linkerScript = path.join(repoRoot, 'fixtures', 'nacl.ld');
