/* Test-only oracle: evaluates x87 and SSE operations on the host CPU.
 * stdin: one operation per line, "<op> <control-hex> <operand-hex>...";
 * 80-bit operands are 20 hex digits (sign+exponent, then the 64-bit significand).
 * stdout: one line per operation, "<result-hex>... <status-hex>" where status is the x87 status word
 * (x87 ops) or MXCSR (SSE ops; for comiss-like ops also "zpc" EFLAGS bits). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct { unsigned char b[10]; } f80;

static f80 parse80(const char *s) {
  f80 r; uint64_t m = 0; unsigned se = 0;
  sscanf(s, "%4x%16lx", &se, &m);
  memcpy(r.b, &m, 8); r.b[8] = se & 0xff; r.b[9] = se >> 8;
  return r;
}
static void print80(const f80 *x) {
  uint64_t m; memcpy(&m, x->b, 8);
  printf("%04x%016lx ", x->b[8] | (x->b[9] << 8), m);
}

/* Two operands: st0 = a, st1 = b. Writes st0 (and st1 when two results) after the instruction. */
#define X87_2(INSN) __asm__ volatile("fninit\n\tfldcw %[cw]\n\tfldt %[b]\n\tfldt %[a]\n\t" INSN \
    "\n\tfnstsw %[sw]\n\tfstpt %[r0]\n\tfstpt %[r1]\n\tfninit" \
    : [sw] "=m"(sw), [r0] "=m"(r0), [r1] "=m"(r1) : [a] "m"(a), [b] "m"(b), [cw] "m"(cw) : "memory", "cc")
/* One operand, one result left on the stack (st1 holds a copy of b underneath for xtract/sincos/ptan). */
#define X87_CMP(INSN) __asm__ volatile("fninit\n\tfldcw %[cw]\n\tfldt %[b]\n\tfldt %[a]\n\t" INSN \
    "\n\tfnstsw %[sw]\n\tfninit" : [sw] "=m"(sw) : [a] "m"(a), [b] "m"(b), [cw] "m"(cw) : "memory", "cc")
#define X87_COMI(INSN) __asm__ volatile("fninit\n\tfldcw %[cw]\n\tfldt %[b]\n\tfldt %[a]\n\t" INSN \
    "\n\tsetz %[z]\n\tsetp %[p]\n\tsetc %[c]\n\tfnstsw %[sw]\n\tfninit" \
    : [sw] "=m"(sw), [z] "=m"(z), [p] "=m"(p), [c] "=m"(c) : [a] "m"(a), [b] "m"(b), [cw] "m"(cw) : "memory", "cc")
/* Store st0 = a to memory of the given type. */
#define X87_STORE(INSN, OUT) __asm__ volatile("fninit\n\tfldcw %[cw]\n\tfldt %[a]\n\t" INSN " %[o]\n\tfnstsw %[sw]\n\tfninit" \
    : [sw] "=m"(sw), [o] "=m"(OUT) : [a] "m"(a), [cw] "m"(cw) : "memory", "cc")
#define X87_LOAD(INSN, IN) __asm__ volatile("fninit\n\tfldcw %[cw]\n\t" INSN " %[i]\n\tfnstsw %[sw]\n\tfstpt %[r0]\n\tfninit" \
    : [sw] "=m"(sw), [r0] "=m"(r0) : [i] "m"(IN), [cw] "m"(cw) : "memory", "cc")

static int x87(const char *op, uint16_t cw, char **args) {
  f80 a = {{0}}, b = {{0}}, r0 = {{0}}, r1 = {{0}};
  uint16_t sw = 0;
  if (args[0] && strlen(args[0]) == 20) a = parse80(args[0]);
  if (args[1] && strlen(args[1]) == 20) b = parse80(args[1]);
  int two = 0;
  if (!strcmp(op, "fadd")) X87_2("fadd %%st(1), %%st");
  else if (!strcmp(op, "fsub")) X87_2("fsub %%st(1), %%st");
  else if (!strcmp(op, "fmul")) X87_2("fmul %%st(1), %%st");
  else if (!strcmp(op, "fdiv")) X87_2("fdiv %%st(1), %%st");
  else if (!strcmp(op, "fsqrt")) X87_2("fsqrt");
  else if (!strcmp(op, "fprem")) X87_2("fprem");
  else if (!strcmp(op, "fprem1")) X87_2("fprem1");
  else if (!strcmp(op, "frndint")) X87_2("frndint");
  else if (!strcmp(op, "fscale")) X87_2("fscale");
  else if (!strcmp(op, "f2xm1")) X87_2("f2xm1");
  else if (!strcmp(op, "fsin")) X87_2("fsin");
  else if (!strcmp(op, "fcos")) X87_2("fcos");
  else if (!strcmp(op, "fxtract")) { X87_2("fxtract"); two = 1; }
  else if (!strcmp(op, "fsincos")) { X87_2("fsincos"); two = 1; }
  else if (!strcmp(op, "fptan")) { X87_2("fptan"); two = 1; }
  else if (!strcmp(op, "fpatan")) X87_2("fpatan\n\tfld %%st(0)");
  else if (!strcmp(op, "fyl2x")) X87_2("fyl2x\n\tfld %%st(0)");
  else if (!strcmp(op, "fyl2xp1")) X87_2("fyl2xp1\n\tfld %%st(0)");
  else if (!strcmp(op, "fcom")) { X87_CMP("fcom %%st(1)"); printf("%04x\n", sw); return 0; }
  else if (!strcmp(op, "fucom")) { X87_CMP("fucom %%st(1)"); printf("%04x\n", sw); return 0; }
  else if (!strcmp(op, "ftst")) { X87_CMP("ftst"); printf("%04x\n", sw); return 0; }
  else if (!strcmp(op, "fxam")) { X87_CMP("fxam"); printf("%04x\n", sw); return 0; }
  else if (!strcmp(op, "fcomi") || !strcmp(op, "fucomi")) {
    uint8_t z, p, c;
    if (op[1] == 'c') X87_COMI("fcomi %%st(1), %%st"); else X87_COMI("fucomi %%st(1), %%st");
    printf("%d%d%d %04x\n", z, p, c, sw); return 0;
  }
  else if (!strcmp(op, "fst32")) { uint32_t o = 0; X87_STORE("fstps", o); printf("%08x %04x\n", o, sw); return 0; }
  else if (!strcmp(op, "fst64")) { uint64_t o = 0; X87_STORE("fstpl", o); printf("%016lx %04x\n", o, sw); return 0; }
  else if (!strcmp(op, "fist16")) { uint16_t o = 0; X87_STORE("fistps", o); printf("%04x %04x\n", o, sw); return 0; }
  else if (!strcmp(op, "fist32")) { uint32_t o = 0; X87_STORE("fistpl", o); printf("%08x %04x\n", o, sw); return 0; }
  else if (!strcmp(op, "fist64")) { uint64_t o = 0; X87_STORE("fistpll", o); printf("%016lx %04x\n", o, sw); return 0; }
  else if (!strcmp(op, "fisttp16")) { uint16_t o = 0; X87_STORE("fisttps", o); printf("%04x %04x\n", o, sw); return 0; }
  else if (!strcmp(op, "fisttp32")) { uint32_t o = 0; X87_STORE("fisttpl", o); printf("%08x %04x\n", o, sw); return 0; }
  else if (!strcmp(op, "fisttp64")) { uint64_t o = 0; X87_STORE("fisttpll", o); printf("%016lx %04x\n", o, sw); return 0; }
  else if (!strcmp(op, "fbstp")) { f80 o = {{0}}; X87_STORE("fbstp", o); print80(&o); printf("%04x\n", sw); return 0; }
  else if (!strcmp(op, "fld32")) { uint32_t i = strtoul(args[0], 0, 16); X87_LOAD("flds", i); }
  else if (!strcmp(op, "fld64")) { uint64_t i = strtoull(args[0], 0, 16); X87_LOAD("fldl", i); }
  else if (!strcmp(op, "fild16")) { uint16_t i = strtoul(args[0], 0, 16); X87_LOAD("filds", i); }
  else if (!strcmp(op, "fild32")) { uint32_t i = strtoul(args[0], 0, 16); X87_LOAD("fildl", i); }
  else if (!strcmp(op, "fild64")) { uint64_t i = strtoull(args[0], 0, 16); X87_LOAD("fildll", i); }
  else if (!strcmp(op, "fbld")) { X87_LOAD("fbld", a); }
  else return -1;
  print80(&r0);
  if (two) print80(&r1);
  printf("%04x\n", sw);
  return 0;
}

/* SSE: operands are 64-bit hex; single-precision ops use the low 32 bits. a is the destination operand. */
#define SSE_2(INSN) __asm__ volatile("ldmxcsr %[m]\n\tmovq %[a], %%xmm0\n\tmovq %[b], %%xmm1\n\t" INSN \
    "\n\tstmxcsr %[mo]\n\tmovq %%xmm0, %[r]" : [r] "=r"(r), [mo] "=m"(mo) : [a] "r"(a), [b] "r"(b), [m] "m"(m) : "xmm0", "xmm1", "memory")
#define SSE_2P(INSN) __asm__ volatile("ldmxcsr %[m]\n\tmovdqu %[pa], %%xmm0\n\tmovdqu %[pb], %%xmm1\n\t" INSN \
    "\n\tstmxcsr %[mo]\n\tmovdqu %%xmm0, %[pr]" : [pr] "=m"(pr), [mo] "=m"(mo) : [pa] "m"(pa), [pb] "m"(pb), [m] "m"(m) : "xmm0", "xmm1", "memory")
#define SSE_TOI(INSN) __asm__ volatile("ldmxcsr %[m]\n\tmovq %[a], %%xmm0\n\t" INSN " %%xmm0, %[r]" \
    "\n\tstmxcsr %[mo]" : [r] "=r"(r), [mo] "=m"(mo) : [a] "r"(a), [m] "m"(m) : "xmm0", "memory")
#define SSE_FROMI(INSN) __asm__ volatile("ldmxcsr %[m]\n\tmovq %[a], %%xmm0\n\t" INSN " %[b], %%xmm0" \
    "\n\tstmxcsr %[mo]\n\tmovq %%xmm0, %[r]" : [r] "=r"(r), [mo] "=m"(mo) : [a] "r"(a), [b] "r"(b), [m] "m"(m) : "xmm0", "memory")
#define SSE_FROMI32(INSN) __asm__ volatile("ldmxcsr %[m]\n\tmovq %[a], %%xmm0\n\t" INSN " %k[b], %%xmm0" \
    "\n\tstmxcsr %[mo]\n\tmovq %%xmm0, %[r]" : [r] "=r"(r), [mo] "=m"(mo) : [a] "r"(a), [b] "r"(b), [m] "m"(m) : "xmm0", "memory")
#define SSE_TOI32(INSN) __asm__ volatile("ldmxcsr %[m]\n\tmovq %[a], %%xmm0\n\t" INSN " %%xmm0, %k[r]" \
    "\n\tstmxcsr %[mo]" : [r] "=r"(r), [mo] "=m"(mo) : [a] "r"(a), [m] "m"(m) : "xmm0", "memory")
#define SSE_COMI(INSN) __asm__ volatile("ldmxcsr %[m]\n\tmovq %[a], %%xmm0\n\tmovq %[b], %%xmm1\n\t" INSN \
    " %%xmm1, %%xmm0\n\tsetz %[z]\n\tsetp %[p]\n\tsetc %[c]\n\tstmxcsr %[mo]" \
    : [z] "=m"(z), [p] "=m"(p), [c] "=m"(c), [mo] "=m"(mo) : [a] "r"(a), [b] "r"(b), [m] "m"(m) : "xmm0", "xmm1", "memory", "cc")

#define CASE_IMM8(X) X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7)
#define CASE_IMM16(X) CASE_IMM8(X) X(8) X(9) X(10) X(11) X(12) X(13) X(14) X(15)
#define STR(x) #x
#define XSTR(x) STR(x)

static int sse(const char *op, uint32_t m, char **args) {
  uint64_t a = strtoull(args[0], 0, 16), b = args[1] ? strtoull(args[1], 0, 16) : 0, r = 0;
  uint32_t mo = 0;
  int imm = args[1] && args[2] ? (int)strtol(args[2], 0, 16) : 0;
  if (!strcmp(op, "addss")) SSE_2("addss %%xmm1, %%xmm0");
  else if (!strcmp(op, "subss")) SSE_2("subss %%xmm1, %%xmm0");
  else if (!strcmp(op, "mulss")) SSE_2("mulss %%xmm1, %%xmm0");
  else if (!strcmp(op, "divss")) SSE_2("divss %%xmm1, %%xmm0");
  else if (!strcmp(op, "sqrtss")) SSE_2("sqrtss %%xmm1, %%xmm0");
  else if (!strcmp(op, "minss")) SSE_2("minss %%xmm1, %%xmm0");
  else if (!strcmp(op, "maxss")) SSE_2("maxss %%xmm1, %%xmm0");
  else if (!strcmp(op, "addsd")) SSE_2("addsd %%xmm1, %%xmm0");
  else if (!strcmp(op, "subsd")) SSE_2("subsd %%xmm1, %%xmm0");
  else if (!strcmp(op, "mulsd")) SSE_2("mulsd %%xmm1, %%xmm0");
  else if (!strcmp(op, "divsd")) SSE_2("divsd %%xmm1, %%xmm0");
  else if (!strcmp(op, "sqrtsd")) SSE_2("sqrtsd %%xmm1, %%xmm0");
  else if (!strcmp(op, "minsd")) SSE_2("minsd %%xmm1, %%xmm0");
  else if (!strcmp(op, "maxsd")) SSE_2("maxsd %%xmm1, %%xmm0");
  else if (!strcmp(op, "cvtss2sd")) SSE_2("cvtss2sd %%xmm1, %%xmm0");
  else if (!strcmp(op, "cvtsd2ss")) SSE_2("cvtsd2ss %%xmm1, %%xmm0");
#define CMPSS(i) else if (!strcmp(op, "cmpss") && imm == i) SSE_2("cmpss $" #i ", %%xmm1, %%xmm0");
  CASE_IMM8(CMPSS)
#define CMPSD(i) else if (!strcmp(op, "cmpsd") && imm == i) SSE_2("cmpsd $" #i ", %%xmm1, %%xmm0");
  CASE_IMM8(CMPSD)
#define ROUNDSS(i) else if (!strcmp(op, "roundss") && imm == i) SSE_2("roundss $" #i ", %%xmm1, %%xmm0");
  CASE_IMM16(ROUNDSS)
#define ROUNDSD(i) else if (!strcmp(op, "roundsd") && imm == i) SSE_2("roundsd $" #i ", %%xmm1, %%xmm0");
  CASE_IMM16(ROUNDSD)
  else if (!strcmp(op, "cvtss2si32")) SSE_TOI32("cvtss2si");
  else if (!strcmp(op, "cvttss2si32")) SSE_TOI32("cvttss2si");
  else if (!strcmp(op, "cvtsd2si32")) SSE_TOI32("cvtsd2si");
  else if (!strcmp(op, "cvttsd2si32")) SSE_TOI32("cvttsd2si");
  else if (!strcmp(op, "cvtss2si64")) SSE_TOI("cvtss2siq");
  else if (!strcmp(op, "cvttss2si64")) SSE_TOI("cvttss2siq");
  else if (!strcmp(op, "cvtsd2si64")) SSE_TOI("cvtsd2siq");
  else if (!strcmp(op, "cvttsd2si64")) SSE_TOI("cvttsd2siq");
  else if (!strcmp(op, "cvtsi2ss32")) SSE_FROMI32("cvtsi2ssl");
  else if (!strcmp(op, "cvtsi2ss64")) SSE_FROMI("cvtsi2ssq");
  else if (!strcmp(op, "cvtsi2sd32")) SSE_FROMI32("cvtsi2sdl");
  else if (!strcmp(op, "cvtsi2sd64")) SSE_FROMI("cvtsi2sdq");
  else if (!strncmp(op, "comis", 5) || !strncmp(op, "ucomis", 6)) {
    uint8_t z, p, c;
    if (!strcmp(op, "comiss")) SSE_COMI("comiss");
    else if (!strcmp(op, "ucomiss")) SSE_COMI("ucomiss");
    else if (!strcmp(op, "comisd")) SSE_COMI("comisd");
    else SSE_COMI("ucomisd");
    printf("%d%d%d %08x\n", z, p, c, mo); return 0;
  }
  else if (!strcmp(op, "dpps") || !strcmp(op, "dppd")) {
    /* a and b are 128-bit: args[0], args[1] each 32 hex digits (high first); imm in args[2]. */
    uint64_t pa[2], pb[2], pr[2];
    sscanf(args[0], "%16lx%16lx", &pa[1], &pa[0]);
    sscanf(args[1], "%16lx%16lx", &pb[1], &pb[0]);
    if (op[3] == 's') {
      switch (imm) {
#define DPPS(i) case i: SSE_2P("dpps $" #i ", %%xmm1, %%xmm0"); break;
        DPPS(0xff) DPPS(0xf1) DPPS(0x71) DPPS(0x3f) DPPS(0x55) DPPS(0xa3) DPPS(0x0f) DPPS(0xf0) DPPS(0x93) DPPS(0xcc)
        default: return -1;
      }
    } else {
      switch (imm) {
#define DPPD(i) case i: SSE_2P("dppd $" #i ", %%xmm1, %%xmm0"); break;
        DPPD(0x33) DPPD(0x31) DPPD(0x32) DPPD(0x13) DPPD(0x23) DPPD(0x03) DPPD(0x30) DPPD(0x11)
        default: return -1;
      }
    }
    printf("%016lx%016lx %08x\n", pr[1], pr[0], mo); return 0;
  }
  else return -1;
  printf("%016lx %08x\n", r, mo);
  return 0;
}

int main(void) {
  char line[512];
  while (fgets(line, sizeof line, stdin)) {
    char *tok[8] = {0};
    int n = 0;
    for (char *p = strtok(line, " \n"); p && n < 7; p = strtok(0, " \n")) tok[n++] = p;
    if (n < 2) { printf("?\n"); continue; }
    unsigned ctl = strtoul(tok[1], 0, 16);
    int rc = tok[0][0] == 'f' ? x87(tok[0], (uint16_t)ctl, tok + 2) : sse(tok[0], ctl, tok + 2);
    if (rc < 0) printf("?\n");
  }
  fflush(stdout);
  return 0;
}
