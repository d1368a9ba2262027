// x87 floating-point instructions (escape opcodes D8..DF), as spec lines (see spec.ts).
// Register forms use Intel mnemonics (DC E0+i is fsubr st(i),st(0)); the AT&T spelling swap is
// the formatter's business.

const ARITH = ['fadd', 'fmul', 'fcom', 'fcomp', 'fsub', 'fsubr', 'fdiv', 'fdivr'];
const hex = (n: number): string => n.toString(16).toUpperCase().padStart(2, '0');

function arith(): string[] {
  const out: string[] = [];
  ARITH.forEach((name, n) => {
    const cmp = name.startsWith('fcom');
    const acc = cmp ? ' R' : '';
    out.push(`${name} Md | D8 /${n} mem |${acc} feat=X87`);
    out.push(`${name} Mq | DC /${n} mem |${acc} feat=X87`);
    out.push(`fi${name.slice(1)} Md | DA /${n} mem |${acc} feat=X87`);
    out.push(`fi${name.slice(1)} Mw | DE /${n} mem |${acc} feat=X87`);
    out.push(cmp ? `${name} STi | D8 /${n} reg | R feat=X87` : `${name} ST,STi | D8 /${n} reg | feat=X87`);
  });
  // DC reg forms: st(i) is the destination; DC E0 is fsubr, DC E8 fsub (Intel naming).
  const dc = ['fadd', 'fmul', 'fcom', 'fcomp', 'fsubr', 'fsub', 'fdivr', 'fdiv'];
  dc.forEach((name, n) => {
    if (name.startsWith('fcom')) out.push(`${name} STi | DC /${n} reg | R feat=X87 nacl=undef`);
    else out.push(`${name} STi,ST | DC /${n} reg | feat=X87`);
  });
  const de = ['faddp', 'fmulp', 'fcomp', '', 'fsubrp', 'fsubp', 'fdivrp', 'fdivp'];
  de.forEach((name, n) => {
    if (name === '') return;
    if (name === 'fcomp') out.push(`fcomp STi | DE /2 reg | R feat=X87 nacl=undef`);
    else out.push(`${name} STi,ST | DE /${n} reg | feat=X87`);
  });
  out.push('fcompp | DE D9 | feat=X87');
  return out;
}

function loadsStores(): string[] {
  return [
    'fld Md | D9 /0 mem | R feat=X87',
    'fst Md | D9 /2 mem | W feat=X87',
    'fstp Md | D9 /3 mem | W feat=X87',
    'fldenv Me | D9 /4 mem | R feat=X87',
    'fldcw Mw | D9 /5 mem | R feat=X87',
    'fnstenv Me | D9 /6 mem | W feat=X87',
    'fnstcw Mw | D9 /7 mem | W feat=X87',
    'fild Md | DB /0 mem | R feat=X87',
    'fisttp Md | DB /1 mem | W feat=SSE3',
    'fist Md | DB /2 mem | W feat=X87',
    'fistp Md | DB /3 mem | W feat=X87',
    'fld Mt | DB /5 mem | R feat=X87',
    'fstp Mt | DB /7 mem | W feat=X87',
    'fld Mq | DD /0 mem | R feat=X87',
    'fisttp Mq | DD /1 mem | W feat=SSE3',
    'fst Mq | DD /2 mem | W feat=X87',
    'fstp Mq | DD /3 mem | W feat=X87',
    'frstor Me | DD /4 mem | R feat=X87',
    'fnsave Me | DD /6 mem | W feat=X87',
    'fnstsw Mw | DD /7 mem | W feat=X87',
    'fild Mw | DF /0 mem | R feat=X87',
    'fisttp Mw | DF /1 mem | W feat=SSE3',
    'fist Mw | DF /2 mem | W feat=X87',
    'fistp Mw | DF /3 mem | W feat=X87',
    'fbld Mt | DF /4 mem | R feat=X87',
    'fild Mq | DF /5 mem | R feat=X87',
    'fbstp Mt | DF /6 mem | W feat=X87',
    'fistp Mq | DF /7 mem | W feat=X87',
  ];
}

function registerForms(): string[] {
  const out = [
    'fld STi | D9 /0 reg | R feat=X87',
    'fxch STi | D9 /1 reg | feat=X87',
    'fnop | D9 D0 | feat=X87',
    'fstpnce STi | D9 /3 reg | W feat=X87 nacl=undef',
    'ffree STi | DD /0 reg | feat=X87',
    'fxch STi | DD /1 reg | feat=X87 nacl=undef',
    'fst STi | DD /2 reg | W feat=X87',
    'fstp STi | DD /3 reg | W feat=X87',
    'fucom STi | DD /4 reg | R feat=X87',
    'fucomp STi | DD /5 reg | R feat=X87',
    'ffreep STi | DF /0 reg | feat=X87 nacl=undef',
    'fxch STi | DF /1 reg | feat=X87 nacl=undef',
    'fstp STi | DF /2 reg | W feat=X87 nacl=undef',
    'fstp STi | DF /3 reg | W feat=X87 nacl=undef',
    'fnstsw AX | DF E0 | W feat=X87',
    'fucomip ST,STi | DF /5 reg | R feat=X87 fw=zpc',
    'fcomip ST,STi | DF /6 reg | R feat=X87 fw=zpc',
    'fucomi ST,STi | DB /5 reg | R feat=X87 fw=zpc',
    'fcomi ST,STi | DB /6 reg | R feat=X87 fw=zpc',
    'fucompp | DA E9 | feat=X87',
    'fnclex | DB E2 | feat=X87',
    'fninit | DB E3 | feat=X87',
    'fneni | DB E0 | feat=X87 nacl=undef',
    'fndisi | DB E1 | feat=X87 nacl=undef',
    'fnsetpm | DB E4 | feat=X87 nacl=undef',
  ];
  const cmov = [['fcmovb', 'DA', 0, 'c'], ['fcmove', 'DA', 1, 'z'], ['fcmovbe', 'DA', 2, 'cz'], ['fcmovu', 'DA', 3, 'p'],
    ['fcmovnb', 'DB', 0, 'c'], ['fcmovne', 'DB', 1, 'z'], ['fcmovnbe', 'DB', 2, 'cz'], ['fcmovnu', 'DB', 3, 'p']] as const;
  for (const [name, opc, n, f] of cmov) out.push(`${name} ST,STi | ${opc} /${n} reg | W feat=CMOV fr=${f}`);
  const d9 = ['fchs', 'fabs', '', '', 'ftst', 'fxam', '', '', 'fld1', 'fldl2t', 'fldl2e', 'fldpi', 'fldlg2', 'fldln2',
    'fldz', '', 'f2xm1', 'fyl2x', 'fptan', 'fpatan', 'fxtract', 'fprem1', 'fdecstp', 'fincstp', 'fprem', 'fyl2xp1',
    'fsqrt', 'fsincos', 'frndint', 'fscale', 'fsin', 'fcos'];
  d9.forEach((name, i) => {
    if (name !== '') out.push(`${name} | D9 ${hex(0xe0 + i)} | feat=X87`);
  });
  return out;
}

export const X87_SPEC: readonly string[] = [...arith(), ...loadsStores(), ...registerForms()];
