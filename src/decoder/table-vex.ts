// VEX forms: AVX/AVX2 twins of the SSE entries (derived from SIMD_ENTRIES by fixed rules) plus the
// VEX-only AVX, AVX2, FMA, F16C, BMI1 and BMI2 forms, as spec lines (see spec.ts).
import { SIMD_ENTRIES, type SimdEntry } from './table-simd.ts';

const hex = (n: number): string => n.toString(16).toUpperCase().padStart(2, '0');

/** Builds the VEX line(s) of one SSE entry. */
function vexTwin(x: SimdEntry): string[] {
  const [head, enc, attrText = ''] = x.line.split('|').map((s) => s.trim());
  const sp = head.indexOf(' ');
  const name = `v${head.slice(0, sp)}`;
  let ops = head.slice(sp + 1).split(',');
  if (x.vl !== 'L') ops = ops.map((o) => o.replace(/^([VWUHM])x$/, '$1dq'));
  if (x.vex === 'nds') {
    const dest = ops[0];
    if (dest.startsWith('U') && ops[ops.length - 1] === 'Ib') ops = [`H${dest.slice(1)}`, ...ops]; // shifts by immediate: vvvv is the destination
    else ops = [dest, `H${dest.slice(1)}`, ...ops.slice(1)];
  }
  const toks = enc.split(/\s+/);
  const pp = toks[0];
  const map = toks[1];
  const rest = toks.slice(2).filter((t) => t !== 'W0' && t !== 'W1');
  const wTok = toks.includes('W1') ? '.W1' : toks.includes('W0') ? '.W0' : '';
  const attrs = attrText.split(/\s+/).filter((a) => a !== '' && !a.startsWith('feat=') && a !== 'W');
  const access = attrs.includes('R') ? '' : ' W';
  const keep = attrs.filter((a) => a !== 'R').join(' ');
  const line = (l: string, feat: string): string =>
    `${name} ${ops.join(',')} | V.${pp}.${map}${wTok}.${l} ${rest.join(' ')} |${access} ${keep} feat=${feat}`;
  // VEX AES/PCLMUL keep their own CPUID bit (NaCl: AESAVX/CLMULAVX, off by its policy); NaCl's
  // tables refuse vcmpsd.
  const own = /feat=(AES|PCLMUL)\b/.exec(attrText)?.[1];
  if (name === 'vcmpsd') return [line('LIG', 'AVX') + ' nacl=obs'];
  if (x.vl === 'LIG') return [line('LIG', 'AVX')];
  if (x.vl === 'L0') return [line('L0', own ?? 'AVX')];
  if (x.int) return [line('L0', 'AVX'), line('L1', 'AVX2')];
  return [line('LIG', 'AVX')];
}

function fma(): string[] {
  const out: string[] = [];
  const kinds: [number, string, boolean][] = [
    [6, 'vfmaddsub', false], [7, 'vfmsubadd', false], [8, 'vfmadd', false], [9, 'vfmadd', true],
    [10, 'vfmsub', false], [11, 'vfmsub', true], [12, 'vfnmadd', false], [13, 'vfnmadd', true],
    [14, 'vfnmsub', false], [15, 'vfnmsub', true],
  ];
  for (const [order, base] of [['132', 0x90], ['213', 0xa0], ['231', 0xb0]] as const) {
    for (const [low, name, scalar] of kinds) {
      const opc = hex(base + low);
      if (scalar) {
        out.push(`${name}${order}ss Vdq,Hdq,Wss | V.66.0F38.W0.LIG ${opc} /r | feat=FMA`);
        out.push(`${name}${order}sd Vdq,Hdq,Wsd | V.66.0F38.W1.LIG ${opc} /r | feat=FMA`);
      } else {
        out.push(`${name}${order}ps Vx,Hx,Wx | V.66.0F38.W0 ${opc} /r | feat=FMA`);
        out.push(`${name}${order}pd Vx,Hx,Wx | V.66.0F38.W1 ${opc} /r | feat=FMA`);
      }
    }
  }
  return out;
}

function avxOnly(): string[] {
  return [
    'vbroadcastss Vx,Md | V.66.0F38.W0 18 /r mem | W feat=AVX',
    'vbroadcastss Vx,Udq | V.66.0F38.W0 18 /r reg | W feat=AVX2',
    'vbroadcastsd Vqq,Mq | V.66.0F38.W0.L1 19 /r mem | W feat=AVX',
    'vbroadcastsd Vqq,Udq | V.66.0F38.W0.L1 19 /r reg | W feat=AVX2',
    'vbroadcastf128 Vqq,Mdq | V.66.0F38.W0.L1 1A /r mem | W feat=AVX',
    'vbroadcasti128 Vqq,Mdq | V.66.0F38.W0.L1 5A /r mem | W feat=AVX2',
    'vpbroadcastb Vx,Wb | V.66.0F38.W0 78 /r | W feat=AVX2',
    'vpbroadcastw Vx,Ww | V.66.0F38.W0 79 /r | W feat=AVX2',
    'vpbroadcastd Vx,Wd | V.66.0F38.W0 58 /r | W feat=AVX2',
    'vpbroadcastq Vx,Wq | V.66.0F38.W0 59 /r | W feat=AVX2',
    'vinsertf128 Vqq,Hqq,Wdq,Ib | V.66.0F3A.W0.L1 18 /r | W feat=AVX',
    'vextractf128 Wdq,Vqq,Ib | V.66.0F3A.W0.L1 19 /r | W feat=AVX',
    'vinserti128 Vqq,Hqq,Wdq,Ib | V.66.0F3A.W0.L1 38 /r | W feat=AVX2',
    'vextracti128 Wdq,Vqq,Ib | V.66.0F3A.W0.L1 39 /r | W feat=AVX2',
    'vperm2f128 Vqq,Hqq,Wqq,Ib | V.66.0F3A.W0.L1 06 /r | W feat=AVX',
    'vperm2i128 Vqq,Hqq,Wqq,Ib | V.66.0F3A.W0.L1 46 /r | W feat=AVX2',
    'vpermilps Vx,Hx,Wx | V.66.0F38.W0 0C /r | W feat=AVX',
    'vpermilpd Vx,Hx,Wx | V.66.0F38.W0 0D /r | W feat=AVX',
    'vpermilps Vx,Wx,Ib | V.66.0F3A.W0 04 /r | W feat=AVX',
    'vpermilpd Vx,Wx,Ib | V.66.0F3A.W0 05 /r | W feat=AVX',
    'vtestps Vx,Wx | V.66.0F38.W0 0E /r | R feat=AVX fw=oszapc',
    'vtestpd Vx,Wx | V.66.0F38.W0 0F /r | R feat=AVX fw=oszapc',
    'vmaskmovps Vx,Hx,Mx | V.66.0F38.W0 2C /r mem | W feat=AVX',
    'vmaskmovpd Vx,Hx,Mx | V.66.0F38.W0 2D /r mem | W feat=AVX',
    'vmaskmovps Mx,Hx,Vx | V.66.0F38.W0 2E /r mem | W feat=AVX',
    'vmaskmovpd Mx,Hx,Vx | V.66.0F38.W0 2F /r mem | W feat=AVX',
    'vpmaskmovd Vx,Hx,Mx | V.66.0F38.W0 8C /r mem | W feat=AVX2',
    'vpmaskmovq Vx,Hx,Mx | V.66.0F38.W1 8C /r mem | W feat=AVX2',
    'vpmaskmovd Mx,Hx,Vx | V.66.0F38.W0 8E /r mem | W feat=AVX2',
    'vpmaskmovq Mx,Hx,Vx | V.66.0F38.W1 8E /r mem | W feat=AVX2',
    'vzeroupper | V.NP.0F.L0 77 | feat=AVX',
    'vzeroall | V.NP.0F.L1 77 | feat=AVX',
    'vpermd Vqq,Hqq,Wqq | V.66.0F38.W0.L1 36 /r | W feat=AVX2',
    'vpermps Vqq,Hqq,Wqq | V.66.0F38.W0.L1 16 /r | W feat=AVX2',
    'vpermq Vqq,Wqq,Ib | V.66.0F3A.W1.L1 00 /r | W feat=AVX2',
    'vpermpd Vqq,Wqq,Ib | V.66.0F3A.W1.L1 01 /r | W feat=AVX2',
    'vpsrlvd Vx,Hx,Wx | V.66.0F38.W0 45 /r | W feat=AVX2',
    'vpsrlvq Vx,Hx,Wx | V.66.0F38.W1 45 /r | W feat=AVX2',
    'vpsravd Vx,Hx,Wx | V.66.0F38.W0 46 /r | W feat=AVX2',
    'vpsllvd Vx,Hx,Wx | V.66.0F38.W0 47 /r | W feat=AVX2',
    'vpsllvq Vx,Hx,Wx | V.66.0F38.W1 47 /r | W feat=AVX2',
    'vpblendd Vx,Hx,Wx,Ib | V.66.0F3A.W0 02 /r | W feat=AVX2',
    'vcvtph2ps Vx,Wh | V.66.0F38.W0 13 /r | W feat=F16C',
    'vcvtps2ph Wh,Vx,Ib | V.66.0F3A.W0 1D /r | W feat=F16C',
    'vblendvps Vx,Hx,Wx,Lx | V.66.0F3A.W0 4A /r | W feat=AVX',
    'vblendvpd Vx,Hx,Wx,Lx | V.66.0F3A.W0 4B /r | W feat=AVX',
    'vpblendvb Vx,Hx,Wx,Lx | V.66.0F3A.W0 4C /r | W feat=AVX',
    'vldmxcsr Md | V.NP.0F.L0 AE /2 mem | R feat=AVX',
    'vstmxcsr Md | V.NP.0F.L0 AE /3 mem | W feat=AVX',
    'vpgatherdd Vx,Mx,Hx | V.66.0F38.W0 90 /r mem | feat=AVX2 nacl=unsup',
    'vpgatherdq Vx,Mx,Hx | V.66.0F38.W1 90 /r mem | feat=AVX2 nacl=unsup',
    'vpgatherqd Vdq,Mx,Hdq | V.66.0F38.W0 91 /r mem | feat=AVX2 nacl=unsup',
    'vpgatherqq Vx,Mx,Hx | V.66.0F38.W1 91 /r mem | feat=AVX2 nacl=unsup',
    'vgatherdps Vx,Mx,Hx | V.66.0F38.W0 92 /r mem | feat=AVX2 nacl=unsup',
    'vgatherdpd Vx,Mx,Hx | V.66.0F38.W1 92 /r mem | feat=AVX2 nacl=unsup',
    'vgatherqps Vdq,Mx,Hdq | V.66.0F38.W0 93 /r mem | feat=AVX2 nacl=unsup',
    'vgatherqpd Vx,Mx,Hx | V.66.0F38.W1 93 /r mem | feat=AVX2 nacl=unsup',
  ];
}

function bmi(): string[] {
  return [
    'andn Gy,By,Ey | V.NP.0F38.L0 F2 /r | W feat=BMI1 fw=oszapc fu=ap',
    'bextr Gy,Ey,By | V.NP.0F38.L0 F7 /r | W feat=BMI1 fw=oszapc fu=sap',
    'blsr By,Ey | V.NP.0F38.L0 F3 /1 | W feat=BMI1 fw=oszapc fu=ap',
    'blsmsk By,Ey | V.NP.0F38.L0 F3 /2 | W feat=BMI1 fw=oszapc fu=ap',
    'blsi By,Ey | V.NP.0F38.L0 F3 /3 | W feat=BMI1 fw=oszapc fu=ap',
    'bzhi Gy,Ey,By | V.NP.0F38.L0 F5 /r | W feat=BMI2 fw=oszapc fu=ap',
    'pdep Gy,By,Ey | V.F2.0F38.L0 F5 /r | W feat=BMI2',
    'pext Gy,By,Ey | V.F3.0F38.L0 F5 /r | W feat=BMI2',
    'mulx Gy,By,Ey | V.F2.0F38.L0 F6 /r | W feat=BMI2 ir=D.y',
    'rorx Gy,Ey,Ib | V.F2.0F3A.L0 F0 /r | W feat=BMI2',
    'sarx Gy,Ey,By | V.F3.0F38.L0 F7 /r | W feat=BMI2',
    'shlx Gy,Ey,By | V.66.0F38.L0 F7 /r | W feat=BMI2',
    'shrx Gy,Ey,By | V.F2.0F38.L0 F7 /r | W feat=BMI2',
  ];
}

export const VEX_SPEC: readonly string[] = [
  ...SIMD_ENTRIES.filter((x) => x.vex !== '').flatMap(vexTwin), ...avxOnly(), ...fma(), ...bmi(),
];
