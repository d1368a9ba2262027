// MMX, 3DNow!, SSE..SSE4.2, SSE4A, AES/PCLMUL/SHA forms of the legacy 0F, 0F38 and 0F3A maps, as
// spec lines (see spec.ts). Each SSE entry also says how its VEX twin looks (table-vex.ts
// derives the VEX forms from these entries).

/** How an SSE form becomes a VEX form: 'nds' adds VEX.vvvv as the first source, 'two' keeps the
 * operands (vvvv must be 1111), '' has no VEX twin. 'L' = 128/256, 'L0' = 128 only, 'LIG' = scalar. */
export interface SimdEntry {
  readonly line: string;
  readonly vex: '' | 'nds' | 'two';
  readonly vl: 'L' | 'L0' | 'LIG';
  /** Integer op: the 256-bit VEX form needs AVX2. */
  readonly int: boolean;
}

const hex = (n: number): string => n.toString(16).toUpperCase().padStart(2, '0');
export const SIMD_ENTRIES: SimdEntry[] = [];
const legacyOnly: string[] = [];

function e(line: string, vex: SimdEntry['vex'] = '', vl: SimdEntry['vl'] = 'L', int = false): void {
  SIMD_ENTRIES.push({ line, vex, vl, int });
}

/** The four float variants ps/pd/ss/sd of one arithmetic operation. */
function fp4(name: string, opc: number, vex: SimdEntry['vex'] = 'nds', scalars = true, packedPd = true): void {
  e(`${name}ps Vx,Wx | NP 0F ${hex(opc)} /r | feat=SSE`, vex, 'L');
  if (packedPd) e(`${name}pd Vx,Wx | 66 0F ${hex(opc)} /r | feat=SSE2`, vex, 'L');
  if (scalars) {
    e(`${name}ss Vdq,Wss | F3 0F ${hex(opc)} /r | feat=SSE`, 'nds', 'LIG');
    if (packedPd) e(`${name}sd Vdq,Wsd | F2 0F ${hex(opc)} /r | feat=SSE2`, 'nds', 'LIG');
  }
}

/** Packed integer op: MMX (NP, Pq,Qq) and SSE2 (66, Vx,Wx) variants. */
/** MMX-register forms that came after MMX: the SSE extensions to MMX, and SSE2's 64-bit ops. */
const MMX_FORM_FEATURE: Record<string, string> = {
  pavgb: 'MMXExt', pavgw: 'MMXExt', pmaxsw: 'MMXExt', pmaxub: 'MMXExt', pminsw: 'MMXExt', pminub: 'MMXExt',
  pmulhuw: 'MMXExt', psadbw: 'MMXExt', paddq: 'SSE2', psubq: 'SSE2', pmuludq: 'SSE2',
};

function pint(name: string, map: string, opc: number, mmx = true, feat = 'SSE2', vex: SimdEntry['vex'] = 'nds'): void {
  const mmxFeat = MMX_FORM_FEATURE[name] ?? (feat === 'SSE2' ? 'MMX' : feat);
  if (mmx) legacyOnly.push(`${name} Pq,Qq | NP ${map} ${hex(opc)} /r | feat=${mmxFeat}`);
  e(`${name} Vx,Wx | 66 ${map} ${hex(opc)} /r | feat=${feat}`, vex, 'L', true);
}

function sse(): void {
  // Moves.
  e('movups Vx,Wx | NP 0F 10 /r | W feat=SSE', 'two');
  e('movupd Vx,Wx | 66 0F 10 /r | W feat=SSE2', 'two');
  e('movss Vdq,Wss | F3 0F 10 /r mem | W feat=SSE', 'two', 'LIG');
  e('movss Vdq,Udq | F3 0F 10 /r reg | feat=SSE', 'nds', 'LIG');
  e('movsd Vdq,Wsd | F2 0F 10 /r mem | W feat=SSE2', 'two', 'LIG');
  e('movsd Vdq,Udq | F2 0F 10 /r reg | feat=SSE2', 'nds', 'LIG');
  e('movups Wx,Vx | NP 0F 11 /r | W feat=SSE', 'two');
  e('movupd Wx,Vx | 66 0F 11 /r | W feat=SSE2', 'two');
  e('movss Wss,Vdq | F3 0F 11 /r mem | W feat=SSE', 'two', 'LIG');
  e('movss Udq,Vdq | F3 0F 11 /r reg | feat=SSE', 'nds', 'LIG');
  e('movsd Wsd,Vdq | F2 0F 11 /r mem | W feat=SSE2', 'two', 'LIG');
  e('movsd Udq,Vdq | F2 0F 11 /r reg | feat=SSE2', 'nds', 'LIG');
  e('movlps Vdq,Mq | NP 0F 12 /r mem | feat=SSE', 'nds', 'L0');
  e('movhlps Vdq,Udq | NP 0F 12 /r reg | feat=SSE', 'nds', 'L0');
  e('movlpd Vdq,Mq | 66 0F 12 /r mem | feat=SSE2', 'nds', 'L0');
  e('movsldup Vx,Wx | F3 0F 12 /r | W feat=SSE3', 'two');
  e('movddup Vx,Wx | F2 0F 12 /r | W feat=SSE3', 'two');
  e('movlps Mq,Vdq | NP 0F 13 /r mem | W feat=SSE', 'two', 'L0');
  e('movlpd Mq,Vdq | 66 0F 13 /r mem | W feat=SSE2', 'two', 'L0');
  e('unpcklps Vx,Wx | NP 0F 14 /r | feat=SSE', 'nds');
  e('unpcklpd Vx,Wx | 66 0F 14 /r | feat=SSE2', 'nds');
  e('unpckhps Vx,Wx | NP 0F 15 /r | feat=SSE', 'nds');
  e('unpckhpd Vx,Wx | 66 0F 15 /r | feat=SSE2', 'nds');
  e('movhps Vdq,Mq | NP 0F 16 /r mem | feat=SSE', 'nds', 'L0');
  e('movlhps Vdq,Udq | NP 0F 16 /r reg | feat=SSE', 'nds', 'L0');
  e('movhpd Vdq,Mq | 66 0F 16 /r mem | feat=SSE2', 'nds', 'L0');
  e('movshdup Vx,Wx | F3 0F 16 /r | W feat=SSE3', 'two');
  e('movhps Mq,Vdq | NP 0F 17 /r mem | W feat=SSE', 'two', 'L0');
  e('movhpd Mq,Vdq | 66 0F 17 /r mem | W feat=SSE2', 'two', 'L0');
  e('movaps Vx,Wx | NP 0F 28 /r | W feat=SSE', 'two');
  e('movapd Vx,Wx | 66 0F 28 /r | W feat=SSE2', 'two');
  e('movaps Wx,Vx | NP 0F 29 /r | W feat=SSE', 'two');
  e('movapd Wx,Vx | 66 0F 29 /r | W feat=SSE2', 'two');
  legacyOnly.push('cvtpi2ps Vdq,Qq | NP 0F 2A /r | feat=SSE');
  legacyOnly.push('cvtpi2pd Vdq,Qq | 66 0F 2A /r | W feat=SSE2');
  e('cvtsi2ss Vdq,Ey | F3 0F 2A /r | feat=SSE', 'nds', 'LIG');
  e('cvtsi2sd Vdq,Ey | F2 0F 2A /r | feat=SSE2', 'nds', 'LIG');
  e('movntps Mx,Vx | NP 0F 2B /r mem | W feat=SSE', 'two');
  e('movntpd Mx,Vx | 66 0F 2B /r mem | W feat=SSE2', 'two');
  legacyOnly.push('movntss Md,Vdq | F3 0F 2B /r mem | W feat=SSE4A');
  legacyOnly.push('movntsd Mq,Vdq | F2 0F 2B /r mem | W feat=SSE4A');
  legacyOnly.push('cvttps2pi Pq,Wq | NP 0F 2C /r | W feat=SSE');
  legacyOnly.push('cvttpd2pi Pq,Wdq | 66 0F 2C /r | W feat=SSE2');
  e('cvttss2si Gy,Wss | F3 0F 2C /r | W feat=SSE', 'two', 'LIG');
  e('cvttsd2si Gy,Wsd | F2 0F 2C /r | W feat=SSE2', 'two', 'LIG');
  legacyOnly.push('cvtps2pi Pq,Wq | NP 0F 2D /r | W feat=SSE');
  legacyOnly.push('cvtpd2pi Pq,Wdq | 66 0F 2D /r | W feat=SSE2');
  e('cvtss2si Gy,Wss | F3 0F 2D /r | W feat=SSE', 'two', 'LIG');
  e('cvtsd2si Gy,Wsd | F2 0F 2D /r | W feat=SSE2', 'two', 'LIG');
  e('ucomiss Vdq,Wss | NP 0F 2E /r | R feat=SSE fw=oszapc', 'two', 'LIG');
  e('ucomisd Vdq,Wsd | 66 0F 2E /r | R feat=SSE2 fw=oszapc', 'two', 'LIG');
  e('comiss Vdq,Wss | NP 0F 2F /r | R feat=SSE fw=oszapc', 'two', 'LIG');
  e('comisd Vdq,Wsd | 66 0F 2F /r | R feat=SSE2 fw=oszapc', 'two', 'LIG');
  e('movmskps Gy,Ux | NP 0F 50 /r reg | W feat=SSE', 'two');
  e('movmskpd Gy,Ux | 66 0F 50 /r reg | W feat=SSE2', 'two');
  fp4('sqrt', 0x51, 'two');
  fp4('rsqrt', 0x52, 'two', true, false);
  fp4('rcp', 0x53, 'two', true, false);
  fp4('and', 0x54, 'nds', false);
  fp4('andn', 0x55, 'nds', false);
  fp4('or', 0x56, 'nds', false);
  fp4('xor', 0x57, 'nds', false);
  fp4('add', 0x58);
  fp4('mul', 0x59);
  e('cvtps2pd Vx,Wh | NP 0F 5A /r | W feat=SSE2', 'two');
  e('cvtpd2ps Vdq,Wx | 66 0F 5A /r | W feat=SSE2', 'two');
  e('cvtss2sd Vdq,Wss | F3 0F 5A /r | feat=SSE2', 'nds', 'LIG');
  e('cvtsd2ss Vdq,Wsd | F2 0F 5A /r | feat=SSE2', 'nds', 'LIG');
  e('cvtdq2ps Vx,Wx | NP 0F 5B /r | W feat=SSE2', 'two');
  e('cvtps2dq Vx,Wx | 66 0F 5B /r | W feat=SSE2', 'two');
  e('cvttps2dq Vx,Wx | F3 0F 5B /r | W feat=SSE2', 'two');
  fp4('sub', 0x5c);
  fp4('min', 0x5d);
  fp4('div', 0x5e);
  fp4('max', 0x5f);
  const ints = ['punpcklbw', 'punpcklwd', 'punpckldq', 'packsswb', 'pcmpgtb', 'pcmpgtw', 'pcmpgtd', 'packuswb',
    'punpckhbw', 'punpckhwd', 'punpckhdq', 'packssdw'];
  ints.forEach((name, i) => pint(name, '0F', 0x60 + i));
  pint('punpcklqdq', '0F', 0x6c, false);
  pint('punpckhqdq', '0F', 0x6d, false);
  legacyOnly.push('movd Pq,Ed | NP 0F 6E /r W0 | W feat=MMX');
  legacyOnly.push('movq Pq,Eq | NP 0F 6E /r W1 | W feat=MMX');
  e('movd Vdq,Ed | 66 0F 6E /r W0 | W feat=SSE2', 'two', 'L0');
  e('movq Vdq,Eq | 66 0F 6E /r W1 | W feat=SSE2', 'two', 'L0');
  legacyOnly.push('movq Pq,Qq | NP 0F 6F /r | W feat=MMX');
  e('movdqa Vx,Wx | 66 0F 6F /r | W feat=SSE2', 'two');
  e('movdqu Vx,Wx | F3 0F 6F /r | W feat=SSE2', 'two');
  legacyOnly.push('pshufw Pq,Qq,Ib | NP 0F 70 /r | W feat=SSE');
  e('pshufd Vx,Wx,Ib | 66 0F 70 /r | W feat=SSE2', 'two', 'L', true);
  e('pshufhw Vx,Wx,Ib | F3 0F 70 /r | W feat=SSE2', 'two', 'L', true);
  e('pshuflw Vx,Wx,Ib | F2 0F 70 /r | W feat=SSE2', 'two', 'L', true);
  const shiftImm = [[0x71, 2, 'psrlw'], [0x71, 4, 'psraw'], [0x71, 6, 'psllw'], [0x72, 2, 'psrld'], [0x72, 4, 'psrad'],
    [0x72, 6, 'pslld'], [0x73, 2, 'psrlq'], [0x73, 6, 'psllq']] as const;
  for (const [opc, ext, name] of shiftImm) {
    legacyOnly.push(`${name} Nq,Ib | NP 0F ${hex(opc)} /${ext} reg | feat=MMX`);
    e(`${name} Ux,Ib | 66 0F ${hex(opc)} /${ext} reg | feat=SSE2`, 'nds', 'L', true);
  }
  e('psrldq Ux,Ib | 66 0F 73 /3 reg | feat=SSE2', 'nds', 'L', true);
  e('pslldq Ux,Ib | 66 0F 73 /7 reg | feat=SSE2', 'nds', 'L', true);
  pint('pcmpeqb', '0F', 0x74);
  pint('pcmpeqw', '0F', 0x75);
  pint('pcmpeqd', '0F', 0x76);
  legacyOnly.push('emms | NP 0F 77 | feat=MMX');
  legacyOnly.push('extrq Udq,Ib,Ib2 | 66 0F 78 /0 reg | feat=SSE4A nacl=obs');
  legacyOnly.push('insertq Vdq,Udq,Ib,Ib2 | F2 0F 78 /r reg | feat=SSE4A');
  legacyOnly.push('extrq Vdq,Udq | 66 0F 79 /r reg | feat=SSE4A');
  legacyOnly.push('insertq Vdq,Udq | F2 0F 79 /r reg | feat=SSE4A');
  legacyOnly.push('vmread Eq,Gq | NP 0F 78 /r | W nacl=priv');
  legacyOnly.push('vmwrite Gq,Eq | NP 0F 79 /r | W nacl=priv');
  e('haddpd Vx,Wx | 66 0F 7C /r | feat=SSE3', 'nds');
  e('haddps Vx,Wx | F2 0F 7C /r | feat=SSE3', 'nds');
  e('hsubpd Vx,Wx | 66 0F 7D /r | feat=SSE3', 'nds');
  e('hsubps Vx,Wx | F2 0F 7D /r | feat=SSE3', 'nds');
  legacyOnly.push('movd Ed,Pq | NP 0F 7E /r W0 | W zx feat=MMX');
  legacyOnly.push('movq Eq,Pq | NP 0F 7E /r W1 | W feat=MMX');
  e('movd Ed,Vdq | 66 0F 7E /r W0 | W zx feat=SSE2', 'two', 'L0');
  e('movq Eq,Vdq | 66 0F 7E /r W1 | W feat=SSE2', 'two', 'L0');
  e('movq Vdq,Wq | F3 0F 7E /r | W feat=SSE2', 'two', 'L0');
  legacyOnly.push('movq Qq,Pq | NP 0F 7F /r | W feat=MMX');
  e('movdqa Wx,Vx | 66 0F 7F /r | W feat=SSE2', 'two');
  e('movdqu Wx,Vx | F3 0F 7F /r | W feat=SSE2', 'two');
  e('cmpps Vx,Wx,Ib | NP 0F C2 /r | feat=SSE', 'nds');
  e('cmppd Vx,Wx,Ib | 66 0F C2 /r | feat=SSE2', 'nds');
  e('cmpss Vdq,Wss,Ib | F3 0F C2 /r | feat=SSE', 'nds', 'LIG');
  e('cmpsd Vdq,Wsd,Ib | F2 0F C2 /r | feat=SSE2', 'nds', 'LIG');
  legacyOnly.push('pinsrw Pq,Ey,Ib | NP 0F C4 /r | feat=SSE');
  e('pinsrw Vdq,Ey,Ib | 66 0F C4 /r | feat=SSE2', 'nds', 'L0');
  legacyOnly.push('pextrw Gy,Nq,Ib | NP 0F C5 /r reg | W feat=SSE');
  e('pextrw Gy,Udq,Ib | 66 0F C5 /r reg | W feat=SSE2', 'two', 'L0');
  e('shufps Vx,Wx,Ib | NP 0F C6 /r | feat=SSE', 'nds');
  e('shufpd Vx,Wx,Ib | 66 0F C6 /r | feat=SSE2', 'nds');
  e('addsubpd Vx,Wx | 66 0F D0 /r | feat=SSE3', 'nds');
  e('addsubps Vx,Wx | F2 0F D0 /r | feat=SSE3', 'nds');
  const d0 = ['', 'psrlw', 'psrld', 'psrlq', 'paddq', 'pmullw', '', '', 'psubusb', 'psubusw', 'pminub', 'pand', 'paddusb',
    'paddusw', 'pmaxub', 'pandn', 'pavgb', 'psraw', 'psrad', 'pavgw', 'pmulhuw', 'pmulhw', '', '', 'psubsb', 'psubsw',
    'pminsw', 'por', 'paddsb', 'paddsw', 'pmaxsw', 'pxor', '', 'psllw', 'pslld', 'psllq', 'pmuludq', 'pmaddwd',
    'psadbw', '', 'psubb', 'psubw', 'psubd', 'psubq', 'paddb', 'paddw', 'paddd'];
  d0.forEach((name, i) => {
    if (name === '') return;
    const shiftByXmm = /^ps[rl][la][wdq]$/.test(name);
    if (shiftByXmm) {
      legacyOnly.push(`${name} Pq,Qq | NP 0F ${hex(0xd0 + i)} /r | feat=MMX`);
      e(`${name} Vx,Wdq | 66 0F ${hex(0xd0 + i)} /r | feat=SSE2`, 'nds', 'L', true);
    } else {
      pint(name, '0F', 0xd0 + i, true, 'SSE2');
    }
  });
  e('movq Wq,Vdq | 66 0F D6 /r | W feat=SSE2', 'two', 'L0');
  legacyOnly.push('movq2dq Vdq,Nq | F3 0F D6 /r reg | W feat=SSE2');
  legacyOnly.push('movdq2q Pq,Udq | F2 0F D6 /r reg | W feat=SSE2');
  legacyOnly.push('pmovmskb Gy,Nq | NP 0F D7 /r reg | W feat=SSE');
  e('pmovmskb Gy,Ux | 66 0F D7 /r reg | W feat=SSE2', 'two', 'L', true);
  e('cvttpd2dq Vdq,Wx | 66 0F E6 /r | W feat=SSE2', 'two');
  e('cvtdq2pd Vx,Wh | F3 0F E6 /r | W feat=SSE2', 'two');
  e('cvtpd2dq Vdq,Wx | F2 0F E6 /r | W feat=SSE2', 'two');
  legacyOnly.push('movntq Mq,Pq | NP 0F E7 /r mem | W feat=SSE');
  e('movntdq Mx,Vx | 66 0F E7 /r mem | W feat=SSE2', 'two', 'L'); // 256-bit vmovntdq is AVX
  e('lddqu Vx,Mx | F2 0F F0 /r mem | W feat=SSE3', 'two');
  legacyOnly.push('maskmovq Pq,Nq | NP 0F F7 /r reg | R feat=SSE ir=DI nacl=obs');
  e('maskmovdqu Vdq,Udq | 66 0F F7 /r reg | R feat=SSE2 ir=DI nacl=obs', 'two', 'L0');
}

function sse4(): void {
  const ssse3 = ['pshufb', 'phaddw', 'phaddd', 'phaddsw', 'pmaddubsw', 'phsubw', 'phsubd', 'phsubsw', 'psignb', 'psignw',
    'psignd', 'pmulhrsw'];
  ssse3.forEach((name, i) => pint(name, '0F38', i, true, 'SSSE3'));
  pint('pabsb', '0F38', 0x1c, true, 'SSSE3', 'two');
  pint('pabsw', '0F38', 0x1d, true, 'SSSE3', 'two');
  pint('pabsd', '0F38', 0x1e, true, 'SSSE3', 'two');
  legacyOnly.push('pblendvb Vdq,Wdq,XMM0 | 66 0F38 10 /r | feat=SSE41');
  legacyOnly.push('blendvps Vdq,Wdq,XMM0 | 66 0F38 14 /r | feat=SSE41');
  legacyOnly.push('blendvpd Vdq,Wdq,XMM0 | 66 0F38 15 /r | feat=SSE41');
  e('ptest Vx,Wx | 66 0F38 17 /r | R feat=SSE41 fw=oszapc', 'two');
  const mov = [['bw', 'q'], ['bd', 'd'], ['bq', 'w'], ['wd', 'q'], ['wq', 'd'], ['dq', 'q']] as const;
  mov.forEach(([s, w], i) => {
    e(`pmovsx${s} Vx,W${w} | 66 0F38 ${hex(0x20 + i)} /r | W feat=SSE41`, 'two', 'L', true);
    e(`pmovzx${s} Vx,W${w} | 66 0F38 ${hex(0x30 + i)} /r | W feat=SSE41`, 'two', 'L', true);
  });
  pint('pmuldq', '0F38', 0x28, false, 'SSE41');
  pint('pcmpeqq', '0F38', 0x29, false, 'SSE41');
  e('movntdqa Vx,Mx | 66 0F38 2A /r mem | W feat=SSE41', 'two', 'L', true);
  pint('packusdw', '0F38', 0x2b, false, 'SSE41');
  pint('pcmpgtq', '0F38', 0x37, false, 'SSE42');
  const mm = ['pminsb', 'pminsd', 'pminuw', 'pminud', 'pmaxsb', 'pmaxsd', 'pmaxuw', 'pmaxud', 'pmulld'];
  mm.forEach((name, i) => pint(name, '0F38', 0x38 + i, false, 'SSE41'));
  e('phminposuw Vdq,Wdq | 66 0F38 41 /r | W feat=SSE41', 'two', 'L0');
  e('aesimc Vdq,Wdq | 66 0F38 DB /r | W feat=AES', 'two', 'L0');
  e('aesenc Vdq,Wdq | 66 0F38 DC /r | feat=AES', 'nds', 'L0');
  e('aesenclast Vdq,Wdq | 66 0F38 DD /r | feat=AES', 'nds', 'L0');
  e('aesdec Vdq,Wdq | 66 0F38 DE /r | feat=AES', 'nds', 'L0');
  e('aesdeclast Vdq,Wdq | 66 0F38 DF /r | feat=AES', 'nds', 'L0');
  legacyOnly.push('sha1nexte Vdq,Wdq | NP 0F38 C8 /r | feat=SHA nacl=unsup');
  legacyOnly.push('sha1msg1 Vdq,Wdq | NP 0F38 C9 /r | feat=SHA nacl=unsup');
  legacyOnly.push('sha1msg2 Vdq,Wdq | NP 0F38 CA /r | feat=SHA nacl=unsup');
  legacyOnly.push('sha256rnds2 Vdq,Wdq,XMM0 | NP 0F38 CB /r | feat=SHA nacl=unsup');
  legacyOnly.push('sha256msg1 Vdq,Wdq | NP 0F38 CC /r | feat=SHA nacl=unsup');
  legacyOnly.push('sha256msg2 Vdq,Wdq | NP 0F38 CD /r | feat=SHA nacl=unsup');
  legacyOnly.push('sha1rnds4 Vdq,Wdq,Ib | NP 0F3A CC /r | feat=SHA nacl=unsup');
  legacyOnly.push('adcx Gy,Ey | 66 0F38 F6 /r | feat=ADX fr=c fw=c nacl=unsup');
  legacyOnly.push('adox Gy,Ey | F3 0F38 F6 /r | feat=ADX fr=o fw=o nacl=unsup');
  e('roundps Vx,Wx,Ib | 66 0F3A 08 /r | W feat=SSE41', 'two');
  e('roundpd Vx,Wx,Ib | 66 0F3A 09 /r | W feat=SSE41', 'two');
  e('roundss Vdq,Wss,Ib | 66 0F3A 0A /r | feat=SSE41', 'nds', 'LIG');
  e('roundsd Vdq,Wsd,Ib | 66 0F3A 0B /r | feat=SSE41', 'nds', 'LIG');
  e('blendps Vx,Wx,Ib | 66 0F3A 0C /r | feat=SSE41', 'nds');
  e('blendpd Vx,Wx,Ib | 66 0F3A 0D /r | feat=SSE41', 'nds');
  e('pblendw Vx,Wx,Ib | 66 0F3A 0E /r | feat=SSE41', 'nds', 'L', true);
  legacyOnly.push('palignr Pq,Qq,Ib | NP 0F3A 0F /r | feat=SSSE3');
  e('palignr Vx,Wx,Ib | 66 0F3A 0F /r | feat=SSSE3', 'nds', 'L', true);
  e('pextrb Ey,Vdq,Ib | 66 0F3A 14 /r | W feat=SSE41', 'two', 'L0');
  e('pextrw Ey,Vdq,Ib | 66 0F3A 15 /r | W feat=SSE41', 'two', 'L0');
  e('pextrd Ed,Vdq,Ib | 66 0F3A 16 /r W0 | W feat=SSE41', 'two', 'L0');
  e('pextrq Eq,Vdq,Ib | 66 0F3A 16 /r W1 | W feat=SSE41', 'two', 'L0');
  e('extractps Ey,Vdq,Ib | 66 0F3A 17 /r | W feat=SSE41', 'two', 'L0');
  e('pinsrb Vdq,Ey,Ib | 66 0F3A 20 /r | feat=SSE41', 'nds', 'L0');
  e('insertps Vdq,Wd,Ib | 66 0F3A 21 /r | feat=SSE41', 'nds', 'L0');
  e('pinsrd Vdq,Ed,Ib | 66 0F3A 22 /r W0 | feat=SSE41', 'nds', 'L0');
  e('pinsrq Vdq,Eq,Ib | 66 0F3A 22 /r W1 | feat=SSE41', 'nds', 'L0');
  e('dpps Vx,Wx,Ib | 66 0F3A 40 /r | feat=SSE41', 'nds');
  e('dppd Vdq,Wdq,Ib | 66 0F3A 41 /r | feat=SSE41', 'nds', 'L0');
  e('mpsadbw Vx,Wx,Ib | 66 0F3A 42 /r | feat=SSE41', 'nds', 'L', true);
  e('pclmulqdq Vdq,Wdq,Ib | 66 0F3A 44 /r | feat=PCLMUL', 'nds', 'L0');
  e('pcmpestrm Vdq,Wdq,Ib | 66 0F3A 60 /r W0 | R feat=SSE42 ir=A.d,D.d fw=oszapc', 'two', 'L0');
  e('pcmpestri Vdq,Wdq,Ib | 66 0F3A 61 /r W0 | R feat=SSE42 ir=A.d,D.d iw=C.d fw=oszapc', 'two', 'L0');
  e('pcmpestrm64 Vdq,Wdq,Ib | 66 0F3A 60 /r W1 | R feat=SSE42 ir=A.q,D.q fw=oszapc', 'two', 'L0');
  e('pcmpestri64 Vdq,Wdq,Ib | 66 0F3A 61 /r W1 | R feat=SSE42 ir=A.q,D.q iw=C.q fw=oszapc', 'two', 'L0');
  e('pcmpistrm Vdq,Wdq,Ib | 66 0F3A 62 /r | R feat=SSE42 fw=oszapc', 'two', 'L0');
  e('pcmpistri Vdq,Wdq,Ib | 66 0F3A 63 /r | R feat=SSE42 iw=C.d fw=oszapc', 'two', 'L0');
  e('aeskeygenassist Vdq,Wdq,Ib | 66 0F3A DF /r | W feat=AES', 'two', 'L0');
}

function now3d(): string[] {
  const ops: [number, string, string][] = [
    [0x0c, 'pi2fw', 'Now3DExt'], [0x0d, 'pi2fd', 'Now3D'], [0x1c, 'pf2iw', 'Now3DExt'], [0x1d, 'pf2id', 'Now3D'],
    [0x8a, 'pfnacc', 'Now3DExt'], [0x8e, 'pfpnacc', 'Now3DExt'], [0x90, 'pfcmpge', 'Now3D'], [0x94, 'pfmin', 'Now3D'],
    [0x96, 'pfrcp', 'Now3D'], [0x97, 'pfrsqrt', 'Now3D'], [0x9a, 'pfsub', 'Now3D'], [0x9e, 'pfadd', 'Now3D'],
    [0xa0, 'pfcmpgt', 'Now3D'], [0xa4, 'pfmax', 'Now3D'], [0xa6, 'pfrcpit1', 'Now3D'], [0xa7, 'pfrsqit1', 'Now3D'],
    [0xaa, 'pfsubr', 'Now3D'], [0xae, 'pfacc', 'Now3D'], [0xb0, 'pfcmpeq', 'Now3D'], [0xb4, 'pfmul', 'Now3D'],
    [0xb6, 'pfrcpit2', 'Now3D'], [0xb7, 'pmulhrw', 'Now3D'], [0xbb, 'pswapd', 'Now3DExt'], [0xbf, 'pavgusb', 'Now3D'],
  ];
  return ops.map(([opc, name, feat]) => `${name} Pq,Qq | 3DN ${hex(opc)} | feat=${feat}`);
}

sse();
sse4();

export const SIMD_SPEC: readonly string[] = [...SIMD_ENTRIES.map((x) => x.line), ...legacyOnly, ...now3d()];
