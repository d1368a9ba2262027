// Where the toolchain finds its parts in the repository.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const toolchainDir = path.join(repoRoot, 'src', 'toolchain');
export const libcDir = path.join(repoRoot, 'libc');
export const libcIncludeDir = path.join(libcDir, 'include');
/** zvm cc's NaCl linker script: the fixtures' layout (text at 0x20000, rodata/data on 64 KiB boundaries) plus constructor tables. */
export const linkerScript = path.join(toolchainDir, 'nexe.ld');
