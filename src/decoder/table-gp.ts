// The general-purpose integer instructions (one-byte map and 0F map), as spec lines (see spec.ts).
// NaCl facts (zx, lock, rep, repcc, hint, nacl=...) follow the meaning of NaCl's instruction definitions.

const CC = ['o', 'no', 'b', 'ae', 'e', 'ne', 'be', 'a', 's', 'ns', 'p', 'np', 'l', 'ge', 'le', 'g'];
const CC_FLAGS = ['o', 'o', 'c', 'c', 'z', 'z', 'cz', 'cz', 's', 's', 'p', 'p', 'so', 'so', 'zso', 'zso'];
const hex = (n: number): string => n.toString(16).toUpperCase().padStart(2, '0');

function alu(): string[] {
  const names = ['add', 'or', 'adc', 'sbb', 'and', 'sub', 'xor', 'cmp'];
  const out: string[] = [];
  names.forEach((name, n) => {
    const b = n * 8;
    const cmp = name === 'cmp';
    const carry = name === 'adc' || name === 'sbb' ? ' fr=c' : '';
    const zx = name === 'adc' || name === 'sbb' || cmp ? '' : ' zx';
    const lock = cmp ? ' R' : ' lock';
    const logic = name === 'and' || name === 'or' || name === 'xor' ? ' fu=a' : '';
    const f = ` fw=oszapc${carry}${logic}${zx}`;
    out.push(
      `${name} Eb,Gb | ${hex(b)} /r |${lock}${f}`,
      `${name} Ev,Gv | ${hex(b + 1)} /r |${lock}${f}`,
      `${name} Gb,Eb | ${hex(b + 2)} /r |${cmp ? ' R' : ''}${f}`,
      `${name} Gv,Ev | ${hex(b + 3)} /r |${cmp ? ' R' : ''}${f}`,
      `${name} AL,Ib | ${hex(b + 4)} |${cmp ? ' R' : ''}${f}`,
      `${name} rAX,Izs | ${hex(b + 5)} |${cmp ? ' R' : ''}${f}`,
      `${name} Eb,Ib | 80 /${n} |${lock}${f}`,
      `${name} Ev,Izs | 81 /${n} |${lock}${f}`,
      `${name} Ev,Ibs | 83 /${n} |${lock}${f}`,
    );
  });
  return out;
}

function shifts(): string[] {
  const names = ['rol', 'ror', 'rcl', 'rcr', 'shl', 'shr', 'sal', 'sar'];
  const out: string[] = [];
  names.forEach((name, n) => {
    const rot = n < 4;
    const f = rot ? ` fw=oc fu=o${n >= 2 ? ' fr=c' : ''}` : ' fw=oszapc fu=oa';
    const zx = name === 'sal' ? ' nacl=undef' : ''; // NaCl's tables omit sal, the /6 alias of shl
    out.push(
      `${name} Eb,Ib | C0 /${n} |${f}${zx}`,
      `${name} Ev,Ib | C1 /${n} |${f}${zx}`,
      `${name} Eb,1 | D0 /${n} |${f}${zx}`,
      `${name} Ev,1 | D1 /${n} |${f}${zx}`,
      `${name} Eb,CL | D2 /${n} |${f}${zx}`,
      `${name} Ev,CL | D3 /${n} |${f}${zx}`,
    );
  });
  return out;
}

function conditional(): string[] {
  const out: string[] = [];
  CC.forEach((cc, n) => {
    const fr = ` fr=${CC_FLAGS[n]}`;
    out.push(
      `j${cc} Jb | ${hex(0x70 + n)} | flow=jcc hint f64${fr}`,
      `j${cc} Jz | 0F ${hex(0x80 + n)} | flow=jcc hint f64${fr}`,
      `cmov${cc} Gv,Ev | 0F ${hex(0x40 + n)} /r | feat=CMOV${fr}`,
      `set${cc} Eb | 0F ${hex(0x90 + n)} /r | W${fr}`,
    );
  });
  return out;
}

function unary(): string[] {
  return [
    'test Eb,Gb | 84 /r | R fw=oszapc fu=a',
    'test Ev,Gv | 85 /r | R fw=oszapc fu=a',
    'test AL,Ib | A8 | R fw=oszapc fu=a',
    'test rAX,Izs | A9 | R fw=oszapc fu=a',
    'test Eb,Ib | F6 /0 | R fw=oszapc fu=a',
    'test Eb,Ib | F6 /1 | R fw=oszapc fu=a nacl=undef',
    'test Ev,Izs | F7 /0 | R fw=oszapc fu=a',
    'test Ev,Izs | F7 /1 | R fw=oszapc fu=a nacl=undef',
    'not Eb | F6 /2 | lock zx',
    'not Ev | F7 /2 | lock zx',
    'neg Eb | F6 /3 | lock zx fw=oszapc',
    'neg Ev | F7 /3 | lock zx fw=oszapc',
    'mul Eb | F6 /4 | R ir=A.b iw=A.w fw=oszapc fu=szap',
    'mul Ev | F7 /4 | R ir=A.v iw=A.v,D.v fw=oszapc fu=szap',
    'imul Eb | F6 /5 | R ir=A.b iw=A.w fw=oszapc fu=szap',
    'imul Ev | F7 /5 | R ir=A.v iw=A.v,D.v fw=oszapc fu=szap',
    'div Eb | F6 /6 | R ir=A.w iw=A.w fu=oszapc',
    'div Ev | F7 /6 | R ir=A.v,D.v iw=A.v,D.v fu=oszapc',
    'idiv Eb | F6 /7 | R ir=A.w iw=A.w fu=oszapc',
    'idiv Ev | F7 /7 | R ir=A.v,D.v iw=A.v,D.v fu=oszapc',
    'inc Eb | FE /0 | lock zx fw=oszap',
    'dec Eb | FE /1 | lock zx fw=oszap',
    'inc Ev | FF /0 | lock zx fw=oszap',
    'dec Ev | FF /1 | lock zx fw=oszap',
  ];
}

function stack(): string[] {
  return [
    'push Zv | 50+r | R d64 ir=SP iw=SP a16',
    'pop Zv | 58+r | W d64 ir=SP iw=SP a16',
    'push Izs | 68 | R d64 ir=SP iw=SP a16',
    'push Ibs | 6A | R d64 ir=SP iw=SP',
    'pop Ev | 8F /0 | W d64 ir=SP iw=SP a16',
    'push Ev | FF /6 | R d64 ir=SP iw=SP a16',
    'pushf | 9C o16 | d64 ir=SP iw=SP fr=oszapcdit nacl=obs',
    'pushfq | 9C | d64 ir=SP iw=SP fr=oszapcdit nacl=obs',
    'popf | 9D o16 | d64 ir=SP iw=SP fw=oszapcdit nacl=obs',
    'popfq | 9D | d64 ir=SP iw=SP fw=oszapcdit nacl=obs',
    'enter Iw,Ib2 | C8 | d64 ir=SP,BP iw=SP,BP nacl=obs',
    'leave | C9 | d64 ir=BP iw=SP,BP nacl=obs',
    'push FS | 0F A0 | R d64 ir=SP iw=SP nacl=seg',
    'pop FS | 0F A1 | W d64 ir=SP iw=SP nacl=seg',
    'push GS | 0F A8 | R d64 ir=SP iw=SP nacl=seg',
    'pop GS | 0F A9 | W d64 ir=SP iw=SP nacl=seg',
  ];
}

function moves(): string[] {
  return [
    'mov Eb,Gb | 88 /r | W zx',
    'mov Ev,Gv | 89 /r | W zx',
    'mov Gb,Eb | 8A /r | W zx',
    'mov Gv,Ev | 8B /r | W zx',
    'mov Ev,Sw | 8C /r | W nacl=seg no16',
    'mov Sw,Ev | 8E /r | W nacl=seg no16',
    'lea Gv,M | 8D /r | W nomem zx',
    'mov AL,Ob | A0 | W nacl=obs',
    'mov rAX,Ov | A1 | W nacl=obs',
    'mov Ob,AL | A2 | W nacl=obs',
    'mov Ov,rAX | A3 | W nacl=obs',
    'mov Zb,Ib | B0+r | W zx',
    'mov Zv,Iv | B8+r | W zx',
    'mov Eb,Ib | C6 /0 | W zx',
    'mov Ev,Izs | C7 /0 | W zx',
    'movsxd Gv,Es | 63 /r | W zx',
    'movzx Gv,Eb | 0F B6 /r | W zx',
    'movzx Gv,Ew | 0F B7 /r | W zx',
    'movsx Gv,Eb | 0F BE /r | W zx',
    'movsx Gv,Ew | 0F BF /r | W zx',
    'xchg &Eb,&Gb | 86 /r | lock zx',
    'xchg &Ev,&Gv | 87 /r | lock zx',
    'pause | F3 90 nob |',
    'cbw | 98 o16 | ir=A.b iw=A.w a16',
    'cwde | 98 o32 | ir=A.w iw=A.d',
    'cdqe | 98 o64 | ir=A.d iw=A.q',
    'cwd | 99 o16 | ir=A.w iw=D.w a16',
    'cdq | 99 o32 | ir=A.d iw=D.d',
    'cqo | 99 o64 | ir=A.q iw=D.q',
    'sahf | 9E | ir=A.b fw=szapc feat=LAHF',
    'lahf | 9F | iw=A.b fr=szapc feat=LAHF',
    'xlatb XLAT | D7 | ir=A.b,B.q iw=A.b nacl=obs',
    'bswap Zv | 0F C8+r | no16',
    'cmpxchg Eb,Gb | 0F B0 /r | lock ir=A.b iw=A.b fw=oszapc',
    'cmpxchg Ev,Gv | 0F B1 /r | lock ir=A.v iw=A.v fw=oszapc',
    'xadd &Eb,&Gb | 0F C0 /r | lock zx fw=oszapc',
    'xadd &Ev,&Gv | 0F C1 /r | lock zx fw=oszapc',
    'cmpxchg8b Mq | 0F C7 /1 mem W0 | lock feat=CX8 ir=A.d,D.d,B.d,C.d iw=A.d,D.d fw=z',
    'cmpxchg16b Mdq | 0F C7 /1 mem W1 | lock feat=CX16 ir=A.q,D.q,B.q,C.q iw=A.q,D.q fw=z',
    'movbe Gv,Mv | 0F38 F0 /r mem nrep | W feat=MOVBE',
    'movbe Mv,Gv | 0F38 F1 /r mem nrep | W feat=MOVBE',
    'crc32 Gy,Eb | F2 0F38 F0 /r | feat=SSE42 no16',
    'crc32 Gy,Ev | F2 0F38 F1 /r | feat=SSE42',
    'movnti My,Gy | NP 0F C3 /r mem | W feat=SSE2',
  ];
}

function bits(): string[] {
  const out: string[] = [];
  const ops = [['bt', 'A3', 4], ['bts', 'AB', 5], ['btr', 'B3', 6], ['btc', 'BB', 7]] as const;
  for (const [name, opc, ext] of ops) {
    const acc = name === 'bt' ? ' R' : ' lock';
    out.push(`${name} Ev,Gv | 0F ${opc} /r |${acc} fw=c fu=osap nacl=obs`);
    out.push(`${name} Ev,Ib | 0F BA /${ext} |${acc} fw=c fu=osap`);
  }
  out.push(
    'shld Ev,Gv,Ib | 0F A4 /r | fw=oszapc fu=oa',
    'shld Ev,Gv,CL | 0F A5 /r | fw=oszapc fu=oa',
    'shrd Ev,Gv,Ib | 0F AC /r | fw=oszapc fu=oa',
    'shrd Ev,Gv,CL | 0F AD /r | fw=oszapc fu=oa',
    'imul Gv,Ev | 0F AF /r | zx fw=oszapc fu=szap',
    'imul Gv,Ev,Izs | 69 /r | W zx fw=oszapc fu=szap',
    'imul Gv,Ev,Ibs | 6B /r | W zx fw=oszapc fu=szap',
    'popcnt Gv,Ev | F3 0F B8 /r | W feat=POPCNT fw=oszapc no16',
    'tzcnt Gv,Ev | F3 0F BC /r | W feat=BMI1 fw=oszapc fu=osap no16',
    'lzcnt Gv,Ev | F3 0F BD /r | W feat=LZCNT fw=oszapc fu=osap no16',
    'bsf Gv,Ev | 0F BC /r | fw=oszapc fu=osapc',
    'bsr Gv,Ev | 0F BD /r | fw=oszapc fu=osapc',
  );
  return out;
}

function strings(): string[] {
  const out: string[] = [];
  const sizes = [['b', 'b', ''], ['w', 'v', ' o16'], ['d', 'v', ' o32'], ['q', 'v', ' o64']] as const;
  sizes.forEach(([s, w, o], i) => {
    const lo = i === 0 ? 0 : 1;
    const acc = w === 'b' ? 'AL' : 'rAX';
    out.push(
      `movs${s} Y${w},X${w} | ${hex(0xa4 + lo)}${o} | W rep nacl=str ir=SI,DI,C iw=SI,DI,C fr=d op=str_movs${s}`,
      `cmps${s} X${w},Y${w} | ${hex(0xa6 + lo)}${o} | R repcc nacl=str ir=SI,DI,C iw=SI,DI,C fr=d fw=oszapc op=str_cmps${s}`,
      `stos${s} Y${w},${acc} | ${hex(0xaa + lo)}${o} | W rep nacl=str ir=DI,C,A.v iw=DI,C fr=d`,
      `lods${s} ${acc},X${w} | ${hex(0xac + lo)}${o} | W rep nacl=str ir=SI,C iw=SI,C fr=d`,
      `scas${s} ${acc},Y${w} | ${hex(0xae + lo)}${o} | R repcc nacl=str ir=DI,C iw=DI,C fr=d fw=oszapc`,
    );
    if (s !== 'q') {
      const port = i === 0 ? 'b' : 'z';
      out.push(
        `ins${s} Y${port},DX | ${hex(0x6c + lo)}${i === 0 ? '' : i === 1 ? ' o16' : ''} | W rep nacl=io ir=DI,C iw=DI,C fr=d`,
        `outs${s} DX,X${port} | ${hex(0x6e + lo)}${i === 0 ? '' : i === 1 ? ' o16' : ''} | R rep nacl=io ir=SI,C iw=SI,C fr=d`,
      );
    }
  });
  return out;
}

function control(): string[] {
  return [
    'jmp Jb | EB | flow=jmp f64',
    'jmp Jz | E9 | flow=jmp f64',
    'call Jz | E8 | flow=call f64 ir=SP iw=SP',
    'jmp Ev | FF /4 | R flow=ijmp f64 nacl=ibr',
    'call Ev | FF /2 | R flow=icall f64 ir=SP iw=SP nacl=ibr',
    'jmp Mp | FF /5 mem | R flow=far nacl=seg',
    'call Mp | FF /3 mem | R flow=far ir=SP iw=SP nacl=seg',
    'ret Iw | C2 | flow=ret f64 ir=SP iw=SP nacl=ibr',
    'ret | C3 | flow=ret f64 ir=SP iw=SP rep nacl=ibr',
    'retf Iw | CA | flow=far ir=SP iw=SP nacl=seg',
    'retf | CB | flow=far ir=SP iw=SP nacl=seg',
    'loopne Jb | E0 | flow=loop f64 ir=C iw=C fr=z',
    'loope Jb | E1 | flow=loop f64 ir=C iw=C fr=z',
    'loop Jb | E2 | flow=loop f64 ir=C iw=C',
    'jecxz Jb | E3 a32 | flow=loop f64 ir=C hint',
    'jrcxz Jb | E3 | flow=loop f64 ir=C hint',
    'int3 | CC | flow=trap nacl=trap',
    'int Ib | CD | flow=trap nacl=trap',
    'iretd | CF o32 | flow=far nacl=priv',
    'iret | CF o16 | flow=far nacl=priv',
    'iretq | CF o64 | flow=far nacl=priv',
    'int1 | F1 | flow=trap nacl=trap',
    'hlt | F4 | flow=trap',
    'ud2 | 0F 0B | flow=trap',
    'ud1 Gv,Ev | 0F B9 /r | R flow=trap nacl=undef',
    'ud0 Gv,Ev | 0F FF /r | R flow=trap nacl=undef',
    'syscall | 0F 05 | flow=trap nacl=trap',
    'sysretq | 0F 07 W1 | flow=far nacl=priv',
    'sysret | 0F 07 W0 | flow=far nacl=priv',
    'sysenter | 0F 34 | flow=trap nacl=trap',
    'sysexitq | 0F 35 W1 | flow=far nacl=priv',
    'sysexit | 0F 35 W0 | flow=far nacl=priv',
    'xbegin Jz | C7 F8 | flow=jcc nacl=unsup',
    'xabort Ib | C6 F8 | nacl=unsup',
  ];
}

/** Hint-NOP space (0F 0D reg, 0F 18 /4-7, 0F 19-1E, 0F 1F /1-7): NOPs on current CPUs; NaCl refuses them. */
function reservedNops(): string[] {
  const out = ["reservednop 'Ev,'Gv | 0F 0D /r reg | nomem nacl=undef"];
  for (let r = 0; r < 4; r++) out.push(`reservednop 'Ev,'Gv | 0F 18 /${r} reg | nomem nacl=undef`);
  for (let r = 4; r < 8; r++) out.push(`reservednop 'Ev,'Gv | 0F 18 /${r} | nomem nacl=undef`);
  for (let op = 0x19; op <= 0x1e; op++) out.push(`reservednop 'Ev,'Gv | 0F ${hex(op)} /r | nomem nacl=undef`);
  for (let r = 1; r < 8; r++) out.push(`reservednop 'Ev,'Gv | 0F 1F /${r} | nomem nacl=undef`);
  return out;
}

function misc(): string[] {
  return [
    'nop | 90 nob | a16',
    'xchg &Zv,&rAX | 90+r | zx',
    'wait | 9B | feat=X87',
    'cmc | F5 | fr=c fw=c',
    'clc | F8 | fw=c',
    'stc | F9 | fw=c',
    'cli | FA | fw=i nacl=priv',
    'sti | FB | fw=i nacl=priv',
    'cld | FC | fw=d',
    'std | FD | fw=d',
    'in AL,Ib | E4 | W nacl=io',
    'in eAX,Ib | E5 | W nacl=io',
    'out Ib,AL | E6 | R nacl=io',
    'out Ib,eAX | E7 | R nacl=io',
    'in AL,DX | EC | W nacl=io',
    'in eAX,DX | ED | W nacl=io',
    'out DX,AL | EE | R nacl=io',
    'out DX,eAX | EF | R nacl=io',
    "nop 'Ev | 0F 1F /0 | nomem no16", // NaCl: 66-prefixed long NOPs only in the exact nops.def forms
    'cpuid | 0F A2 | ir=A.d,C.d iw=A.q,B.q,C.q,D.q feat=CPUID',
    'rdtsc | 0F 31 | iw=A.q,D.q feat=TSC',
    'rdtscp | 0F 01 F9 | iw=A.q,D.q,C.q feat=RDTSCP nacl=nondet',
    "prefetchnta 'Mb | 0F 18 /0 mem | nomem feat=SSE",
    "prefetcht0 'Mb | 0F 18 /1 mem | nomem feat=SSE",
    "prefetcht1 'Mb | 0F 18 /2 mem | nomem feat=SSE",
    "prefetcht2 'Mb | 0F 18 /3 mem | nomem feat=SSE",
    "prefetch 'Mb | 0F 0D /0 mem | nomem feat=Now3D",
    "prefetchw 'Mb | 0F 0D /1 mem | nomem feat=Now3D",
    "prefetchwt1 'Mb | 0F 0D /2 mem | nomem feat=PREFETCHW nacl=unsup",
    "prefetchw 'Mb | 0F 0D /3 mem | nomem feat=Now3D", // NaCl (amd64) allows this alias
    "prefetch 'Mb | 0F 0D /4 mem | nomem nacl=undef",
    "prefetch 'Mb | 0F 0D /5 mem | nomem nacl=undef",
    "prefetch 'Mb | 0F 0D /6 mem | nomem nacl=undef",
    "prefetch 'Mb | 0F 0D /7 mem | nomem nacl=undef",
    ...reservedNops(),
    'lfence | NP 0F AE /5 reg | feat=SSE2',
    'mfence | NP 0F AE /6 reg | feat=SSE2',
    'sfence | NP 0F AE /7 reg | feat=SSE',
    "clflush 'Mb | NP 0F AE /7 mem | feat=CLFLUSH nacl=obs",
    'fxsave Me | NP 0F AE /0 mem W0 | W feat=FXSR',
    'fxrstor Me | NP 0F AE /1 mem W0 | R feat=FXSR',
    'fxsave64 Me | NP 0F AE /0 mem W1 | W feat=FXSR nacl=unsup',
    'fxrstor64 Me | NP 0F AE /1 mem W1 | R feat=FXSR nacl=unsup',
    'ldmxcsr Md | NP 0F AE /2 mem | R feat=SSE',
    'stmxcsr Md | NP 0F AE /3 mem | W feat=SSE',
    'xsave Me | NP 0F AE /4 mem W0 | W feat=XSAVE nacl=unsup ir=A.d,D.d',
    'xrstor Me | NP 0F AE /5 mem W0 | R feat=XSAVE nacl=unsup ir=A.d,D.d',
    'xsaveopt Me | NP 0F AE /6 mem W0 | W feat=XSAVE nacl=unsup ir=A.d,D.d',
    'xsave64 Me | NP 0F AE /4 mem W1 | W feat=XSAVE nacl=unsup ir=A.d,D.d',
    'xrstor64 Me | NP 0F AE /5 mem W1 | R feat=XSAVE nacl=unsup ir=A.d,D.d',
    'xsaveopt64 Me | NP 0F AE /6 mem W1 | W feat=XSAVE nacl=unsup ir=A.d,D.d',
    'rdfsbase Ry | F3 0F AE /0 reg | W nacl=seg',
    'rdgsbase Ry | F3 0F AE /1 reg | W nacl=seg',
    'wrfsbase Ry | F3 0F AE /2 reg | R nacl=seg',
    'wrgsbase Ry | F3 0F AE /3 reg | R nacl=seg',
    'rdrand Rv | 0F C7 /6 reg nrep | W feat=RDRAND nacl=nondet fw=oszapc',
    'rdseed Rv | 0F C7 /7 reg nrep | W feat=RDSEED nacl=nondet fw=oszapc',
    'endbr64 | F3 0F 1E FA | nacl=unsup',
    'endbr32 | F3 0F 1E FB | nacl=unsup',
  ];
}

function system(): string[] {
  return [
    'sldt Ev | 0F 00 /0 | W nacl=priv',
    'str Ev | 0F 00 /1 | W nacl=priv',
    'lldt Ew | 0F 00 /2 | R nacl=priv',
    'ltr Ew | 0F 00 /3 | R nacl=priv',
    'verr Ew | 0F 00 /4 | R fw=z nacl=priv',
    'verw Ew | 0F 00 /5 | R fw=z nacl=priv',
    'sgdt Me | 0F 01 /0 mem | W nacl=priv',
    'sidt Me | 0F 01 /1 mem | W nacl=priv',
    'lgdt Me | 0F 01 /2 mem | R nacl=priv',
    'lidt Me | 0F 01 /3 mem | R nacl=priv',
    'smsw Ev | 0F 01 /4 | W nacl=priv',
    'lmsw Ew | 0F 01 /6 | R nacl=priv',
    "invlpg 'Mb | 0F 01 /7 mem | nacl=priv",
    'vmcall | NP 0F 01 C1 | nacl=priv',
    'vmlaunch | NP 0F 01 C2 | nacl=priv',
    'vmresume | NP 0F 01 C3 | nacl=priv',
    'vmxoff | NP 0F 01 C4 | nacl=priv',
    'monitor | NP 0F 01 C8 | feat=MONITOR nacl=priv',
    'mwait | NP 0F 01 C9 | feat=MONITOR nacl=priv',
    'clac | NP 0F 01 CA | nacl=priv',
    'stac | NP 0F 01 CB | nacl=priv',
    'xgetbv | NP 0F 01 D0 | ir=C.d iw=A.q,D.q feat=XSAVE nacl=unsup',
    'xsetbv | NP 0F 01 D1 | nacl=priv',
    'xend | NP 0F 01 D5 | nacl=unsup',
    'xtest | NP 0F 01 D6 | fw=oszapc nacl=unsup',
    'vmrun | 0F 01 D8 | nacl=priv',
    'vmmcall | 0F 01 D9 | nacl=priv',
    'vmload | 0F 01 DA | nacl=priv',
    'vmsave | 0F 01 DB | nacl=priv',
    'stgi | 0F 01 DC | nacl=priv',
    'clgi | 0F 01 DD | nacl=priv',
    'skinit | 0F 01 DE | nacl=priv',
    'invlpga | 0F 01 DF | nacl=priv',
    'swapgs | 0F 01 F8 | nacl=priv',
    'monitorx | NP 0F 01 FA | nacl=priv',
    'mwaitx | NP 0F 01 FB | nacl=priv',
    'clzero | 0F 01 FC | nacl=unsup',
    'rdpkru | NP 0F 01 EE | ir=C.d iw=A.q,D.q nacl=unsup',
    'wrpkru | NP 0F 01 EF | ir=A.d,C.d,D.d nacl=unsup',
    'lar Gv,Ev | 0F 02 /r | W fw=z nacl=priv',
    'lsl Gv,Ev | 0F 03 /r | W fw=z nacl=priv',
    'clts | 0F 06 | nacl=priv',
    'invd | 0F 08 | nacl=priv',
    'wbnoinvd | F3 0F 09 | nacl=priv',
    'wbinvd | 0F 09 | nacl=priv',
    'femms | 0F 0E | feat=Now3D',
    'mov Tq,Cq | 0F 20 /r modreg | W nacl=priv',
    'mov Tq,Dq | 0F 21 /r modreg | W nacl=priv',
    'mov Cq,Tq | 0F 22 /r modreg | W nacl=priv',
    'mov Dq,Tq | 0F 23 /r modreg | W nacl=priv',
    'wrmsr | 0F 30 | nacl=priv',
    'rdmsr | 0F 32 | nacl=priv',
    'rdpmc | 0F 33 | nacl=priv',
    'getsecq | NP 0F 37 W1 | nacl=priv',
    'getsec | NP 0F 37 W0 | nacl=priv',
    'rsm | 0F AA | nacl=priv',
    'lss Gv,Mp | 0F B2 /r mem | W nacl=seg',
    'lfs Gv,Mp | 0F B4 /r mem | W nacl=seg',
    'lgs Gv,Mp | 0F B5 /r mem | W nacl=seg',
  ];
}

export const GP_SPEC: readonly string[] = [
  ...alu(), ...shifts(), ...conditional(), ...unary(), ...stack(), ...moves(), ...bits(),
  ...strings(), ...control(), ...misc(), ...system(),
];
