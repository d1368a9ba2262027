// THE allowlist of explained disagreements between our decoder and iced-x86 1.21.0. Each entry
// says why the two differ; every other disagreement fails the differential tests.
import { DecodeError } from '../../src/decoder/index.ts';
import type { Disagreement } from './compare.ts';

export interface AllowEntry {
  readonly id: string;
  readonly reason: string;
  readonly matches: (d: Disagreement) => boolean;
}

/** Our decoder refused it with a known length (Unsupported) and iced agrees on that length. */
const refusedSameLength = (d: Disagreement): boolean =>
  d.kind === 'validity' && d.oursError === DecodeError.Unsupported && d.iced.valid && d.oursLength === d.iced.length;

/** ISA extensions outside our table (none is allowed by NaCl; the decoder reports Undefined). */
const EXTENSION_MNEMONICS = new Set([
  'aadd', 'aand', 'aor', 'axor', 'movdiri', 'movdir64b', 'enqcmd', 'enqcmds', 'wrssd', 'wrssq', 'wrussd', 'wrussq',
  'tlbsync', 'invlpgb', 'pconfig', 'seamops', 'seamcall', 'seamret', 'tdcall', 'xsavec', 'xsavec64', 'xrstors',
  'xrstors64', 'xsaves', 'xsaves64', 'wrmsrns', 'wrmsrlist', 'rdmsrlist', 'enclu', 'encls', 'enclv', 'lkgs',
  'encodekey128', 'encodekey256', 'aesenc128kl', 'aesenc256kl', 'aesdec128kl', 'aesdec256kl', 'aesencwide128kl',
  'aesencwide256kl', 'aesdecwide128kl', 'aesdecwide256kl', 'loadiwkey', 'rmpadjust', 'rmpupdate', 'rmpquery',
  'psmash', 'pvalidate', 'serialize', 'invept', 'invvpid', 'invpcid', 'vmptrld', 'vmptrst', 'vmclear', 'vmxon',
  'vmfunc', 'ptwrite', 'stui', 'clui', 'testui', 'senduipi', 'uiret', 'xstore', 'xcryptecb', 'xcryptcbc',
  'xcryptctr', 'xcryptcfb', 'xcryptofb', 'xsha1', 'xsha256', 'xsha512', 'xsha512_alt', 'montmul', 'montmul2',
  'xstore_alt', 'ccs_hash', 'ccs_encrypt', 'undoc', 'cldemote', 'prefetchit0', 'prefetchit1', 'clwb',
  'clflushopt', 'tpause', 'umonitor', 'umwait', 'incsspd', 'incsspq', 'rdsspd', 'rdsspq', 'saveprevssp',
  'rstorssp', 'setssbsy', 'clrssbsy', 'hreset', 'rdpid', 'rdpru', 'mcommit', 'xresldtrk', 'xsusldtrk',
  'erets', 'eretu', 'prefetchrst2', 'pbndkb', 'urdmsr', 'uwrmsr',
  'cmpbexadd', 'cmpbxadd', 'cmplexadd', 'cmplxadd', 'cmpnbexadd', 'cmpnbxadd', 'cmpnlexadd', 'cmpnlxadd',
  'cmpnoxadd', 'cmpnpxadd', 'cmpnsxadd', 'cmpnzxadd', 'cmpoxadd', 'cmppxadd', 'cmpsxadd', 'cmpzxadd',
  'gf2p8affineinvqb', 'gf2p8affineqb', 'gf2p8mulb', 'jmpe', 'rdshr', 'wrshr', 'smint', 'dmint',
  'rdm', 'svdc', 'rsdc', 'svldt', 'rsldt', 'svts', 'rsts', 'bb0_reset', 'bb1_reset', 'cpu_write', 'cpu_read',
  'altinst', 'storeall', 'loadall', 'zalloc', 'frstpm', 'fsetpm',
  'vmgexit', 'psmash',
  'tdpbf16ps',
]);

export const ICED_ALLOWLIST: readonly AllowEntry[] = [
  {
    id: 'text-l-suffix',
    reason: 'objdump spells CF, CB/CA and 0F 07 as iret, lret, sysret; iced adds an l suffix (iretl, lretl, sysretl)',
    matches: (d) => d.kind === 'text' && /^(iret|lret|sysret|sysexit)l\b/.test(d.icedText) &&
      d.icedText.replace(/^(iret|lret|sysret|sysexit)l/, '$1') === d.oursText,
  },
  {
    id: 'text-segment-on-nop',
    reason: 'iced hides a segment override on a hint NOP; objdump (and we) show it: nopw %cs:0x0(%rax,%rax,1)',
    matches: (d) => d.kind === 'text' && d.ours === 'nop' && d.oursText.replace(/%[c-gs]s:/, '') === d.icedText,
  },
  {
    id: 'evex',
    reason: 'EVEX (AVX-512) is outside our table by design: decodeFast returns Unsupported with the length, which matches iced',
    matches: (d) => refusedSameLength(d) && d.iced.code.startsWith('EVEX_'),
  },
  {
    id: 'xop',
    reason: 'XOP (AMD) is outside our table by design: Unsupported with the length, which matches iced',
    matches: (d) => refusedSameLength(d) && d.iced.code.startsWith('XOP_'),
  },
  {
    id: 'vex-outside-table',
    reason: 'VEX opcodes outside our table (AVX-512 mask kmov/kand..., AMX, AVX-VNNI, ...): Unsupported with the length, which matches iced',
    matches: (d) => refusedSameLength(d) && d.iced.code.startsWith('VEX_'),
  },
  {
    id: 'vex-newer-width',
    reason: 'VEX forms of newer extensions that reuse AVX opcodes (VAES/VPCLMULQDQ 256-bit, AVX-VNNI, AVX-IFMA, GFNI): not in our table',
    matches: (d) => d.kind === 'validity' && d.iced.valid &&
      /^VEX_(Vaes|Vpclmulqdq|Vgf2p8|Vpdp|Vpmadd52|Vcvtne|Vbcstne|Vsha512|Vsm3|Vsm4|Vpcmpx)/.test(d.iced.code),
  },
  {
    id: 'extension',
    reason: 'ISA extension not in our table (NaCl refuses all of them); our decoder says Undefined',
    matches: (d) => d.kind === 'validity' && d.iced.valid && EXTENSION_MNEMONICS.has(d.iced.mnemonic),
  },
  {
    id: 'extension-in-hint-nop-space',
    reason: 'newer extensions (cldemote, prefetchit0/1) reuse the hint-NOP opcodes 0F 18..1F; we decode the older reserved-NOP meaning',
    matches: (d) => d.kind === 'mnemonic' && d.ours === 'reservednop' && EXTENSION_MNEMONICS.has(d.iced.mnemonic),
  },
  {
    id: 'gather-register-overlap',
    reason: 'iced rejects VSIB gathers whose destination, index and mask registers overlap (#UD on hardware); our table does not check register overlap',
    matches: (d) => d.kind === 'validity' && !d.iced.valid && /^v(p)?gather/.test(d.ours),
  },
];

export function explain(d: Disagreement): AllowEntry | undefined {
  return ICED_ALLOWLIST.find((e) => e.matches(d));
}
