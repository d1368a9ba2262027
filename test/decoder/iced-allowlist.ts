// THE allowlist of explained disagreements between our decoder and iced-x86 1.21.0. Each entry
// says why the two differ; every other disagreement fails the differential tests.
import { DecodeError } from '../../src/decoder/index.ts';
import type { Disagreement } from './compare.ts';

export interface AllowEntry {
  readonly id: string;
  readonly reason: string;
  /**
   * For validity disagreements: what the host CPU said (test/decoder/host-cpu.test.ts runs them;
   * recorded on an AMD EPYC with avx2, vaes, vpclmulqdq, clwb, clflushopt, rdpid, xsavec, xsaves,
   * invpcid and without avx512, xop, fma4, gfni, serialize, waitpkg, movdiri, avx_vnni).
   */
  readonly hostCheck?: string;
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

/** objdump's words for unused prefixes (see unusedPrefixWords in format-att.ts); iced prints none. */
const stripPrefixWords = (text: string): string => text.replace(/^(addr32 )?((data16|cs|ds|es|ss|fs|gs) )+/, '$1');

/** iced (pseudo-ops off) `cmpps $0xNN,ops` against our `cmp<predicate>ps ops`, prefix words aside. */
function cmpPseudoOpOf(d: Disagreement): boolean {
  const m = /^(v?cmp)(ps|pd|ss|sd) \$0x[0-9a-f]+,(.*)$/.exec(d.icedText);
  if (m === null) return false;
  const ours = stripPrefixWords(d.oursText);
  return ours.startsWith(m[1]) && ours.endsWith(`${m[2]} ${m[3]}`) &&
    /^[a-z_]+$/.test(ours.slice(m[1].length, ours.length - m[2].length - m[3].length - 1));
}

export const ICED_ALLOWLIST: readonly AllowEntry[] = [
  {
    id: 'text-l-suffix',
    reason: 'objdump spells CF, CB/CA and 0F 07 as iret, lret, sysret; iced adds an l suffix (iretl, lretl, sysretl)',
    matches: (d) => d.kind === 'text' && /^(iret|lret|sysret|sysexit)l\b/.test(d.icedText) &&
      d.icedText.replace(/^(iret|lret|sysret|sysexit)l/, '$1') === stripPrefixWords(d.oursText),
  },
  {
    id: 'text-prefix-words',
    reason: 'objdump 2.40 (and we) show prefixes the instruction does not use as words, in byte order: data16 for every 66 but the last, cs/ds/es/ss (they select nothing in 64-bit mode), fs/gs unless it is the last segment prefix and a memory operand shows it (data16 cs nopw 0x0(%rax,%rax,1)); iced prints none',
    matches: (d) => d.kind === 'text' && d.oursText !== stripPrefixWords(d.oursText) &&
      stripPrefixWords(d.oursText) === stripPrefixWords(d.icedText),
  },
  {
    id: 'text-cmp-pseudo-op',
    reason: 'objdump (and we) name a compare by its predicate (cmpeqps, vcmptrue_usps); the oracle formats iced without pseudo-ops (cmpps $0x0); predicate names are checked against objdump in objdump-text.test.ts',
    matches: (d) => d.kind === 'text' && cmpPseudoOpOf(d),
  },
  {
    id: 'evex',
    hostCheck: 'host lacks avx512f: the CPU raises #UD; we refuse (Unsupported), so we side with the CPU here (by design, not by checking)',
    reason: 'EVEX (AVX-512) is outside our table by design: decodeFast returns Unsupported with the length, which matches iced',
    matches: (d) => refusedSameLength(d) && d.iced.code.startsWith('EVEX_'),
  },
  {
    id: 'xop',
    hostCheck: 'host lacks xop: such encodings raise #UD; none came up in the host run (the fuzz generator makes no 8F escapes)',
    reason: 'XOP (AMD) is outside our table by design: Unsupported with the length, which matches iced',
    matches: (d) => refusedSameLength(d) && d.iced.code.startsWith('XOP_'),
  },
  {
    id: 'vex-outside-table',
    hostCheck: '79 distinct codes run (FMA4, XOP-in-VEX vpermil2*, CMPccXADD, SM4): all #UD on this host, which lacks those extensions; the AVX-512 mask (k*) forms, not judged, need avx512 flags the host lacks',
    reason: 'VEX opcodes outside our table (AVX-512 mask kmov/kand..., AMX, AVX-VNNI, ...): Unsupported with the length, which matches iced',
    matches: (d) => refusedSameLength(d) && d.iced.code.startsWith('VEX_'),
  },
  {
    id: 'vex-newer-width',
    hostCheck: 'VEX.256 vaesenc/vaesdec/vaesdeclast and vpclmulqdq executed on the host (vaes, vpclmulqdq): iced is right, our table lacks them (NaCl refuses them anyway)',
    reason: 'VEX forms of newer extensions that reuse AVX opcodes (VAES/VPCLMULQDQ 256-bit, AVX-VNNI, AVX-IFMA, GFNI): not in our table',
    matches: (d) => d.kind === 'validity' && d.iced.valid &&
      /^VEX_(Vaes|Vpclmulqdq|Vgf2p8|Vpdp|Vpmadd52|Vcvtne|Vbcstne|Vsha512|Vsm3|Vsm4|Vpcmpx)/.test(d.iced.code),
  },
  {
    id: 'extension',
    hostCheck: '24 codes with a known cpuinfo flag run: the 7 the host has executed (clwb, clflushopt, rdpid, xsavec(64), xrstors, xsaves64: iced is right); the 17 it lacks raised #UD (serialize, movdir*, waitpkg, vmx, ...); the rest (key locker, RAO-INT, CET, PadLock, SEV, ...) are not judged',
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
    hostCheck: 'vpgatherdd with index = destination, index = mask or mask = destination raised #UD on the host (avx2); the disjoint form executed: iced matches the CPU, we accept encodings the CPU refuses',
    reason: 'iced rejects VSIB gathers whose destination, index and mask registers overlap (#UD on hardware); our table does not check register overlap',
    matches: (d) => d.kind === 'validity' && !d.iced.valid && /^v(p)?gather/.test(d.ours),
  },
];

export function explain(d: Disagreement): AllowEntry | undefined {
  return ICED_ALLOWLIST.find((e) => e.matches(d));
}
