// The sandboxing pass: gcc -mx32 AT&T assembly in, NaCl-valid GNU as input out
// (bundle mode). A pure function of its input so it can be unit tested.
//
// What it does per statement (details in sandbox-instruction.ts):
//  - turns on `.bundle_align_mode 5` and puts every function entry on a bundle start;
//  - routes memory operands through %r15 with a bundle-locked 32-bit lea into %r11d;
//  - keeps %rsp/%rbp inside the sandbox (32-bit write + rebase on %r15);
//  - pads direct and indirect calls so they end at a bundle end (return points
//    are then bundle starts), turns ret/indirect jumps and calls into nacljmp/naclcall;
//  - prefixes string instructions with their %rsi/%rdi rebase;
//  - rejects what cannot be sandboxed, naming the C source line;
//  - drops gcc's DWARF sections (x32 addresses in an ELF64 object confuse
//    binutils); gas rebuilds the line tables from the .loc directives.
import { AsmSyntaxError, parseInstruction, splitOutside, stripComment } from './att-syntax.ts';
import { SandboxError } from './sandbox-error.ts';
import { SectionTracker } from './section-tracker.ts';
import { sandboxInstruction, Unsandboxable } from './sandbox-instruction.ts';

export interface SandboxOptions {
  /** used in messages when the input has no .file/.loc information */
  sourceName?: string;
}

/**
 * Labels that indirect branches may reach: functions (`.type x, @function`) and
 * local labels whose address is taken in code (`$.L5`, computed goto) or stored
 * in non-debug data (`.long .L5`). Each gets a bundle start, since a masked
 * branch can only land on one.
 */
function indirectTargets(lines: string[]): Set<string> {
  const names = new Set<string>();
  const sections = new SectionTracker();
  for (const line of lines) {
    const code = stripComment(line);
    const fn = /^\s*\.type\s+([^,\s]+)\s*,\s*[@%]function/.exec(code);
    if (fn) names.add(fn[1]!);
    sections.apply(code.trim());
    if (sections.current.debug) continue;
    const data = /^\s*\.(long|quad|int|4byte|8byte)\s+(.*)$/.exec(code);
    const refs = data ? data[2]!.matchAll(/(\.L\w+)/g) : code.trimStart().startsWith('.') ? [] : code.matchAll(/\$(\.L\w+)/g);
    for (const m of refs) names.add(m[1]!);
  }
  return names;
}

const BARE_PREFIX = /^(rep|repe|repz|repne|repnz|lock|data16|rex64|notrack)$/i;

/** Rewrites gcc's assembly into sandboxed assembly; throws SandboxError. */
export function sandboxAssembly(asm: string, options: SandboxOptions = {}): string {
  const lines = asm.split('\n');
  const targets = indirectTargets(lines);
  const files = new Map<string, string>();
  let location: string | undefined;
  const sections = new SectionTracker();
  let pendingPrefix = '';
  const out: string[] = ['\t.bundle_align_mode 5'];

  const emitGroup = (group: string[]): void => {
    if (group.length === 1) {
      out.push(`\t${group[0]}`);
      return;
    }
    out.push('\t.bundle_lock');
    for (const s of group) out.push(s.startsWith('\t') ? s : `\t${s}`);
    out.push('\t.bundle_unlock');
  };

  lines.forEach((rawLine, i) => {
    const lineNo = i + 1;
    const fail = (stmt: string, reason: string): never => {
      throw new SandboxError(lineNo, location ?? (options.sourceName ? `${options.sourceName}` : undefined), stmt.trim(), reason);
    };
    const code = stripComment(rawLine);
    if (code.trim() === '') {
      if (rawLine.trim() !== '') out.push(rawLine);
      return;
    }
    for (let stmt of splitOutside(code, ';', false)) {
      // gcc's DWARF describes x32 (4-byte) addresses, which does not fit the ELF64
      // object: drop it; gas writes consistent line tables from the .loc directives.
      if (sections.apply(stmt.trim())) {
        if (!sections.current.debug) out.push(`\t${stmt.trim()}`);
        continue;
      }
      if (sections.current.debug) continue;
      const inCode = sections.current.code;
      // leading labels
      for (;;) {
        const lm = /^\s*([A-Za-z_.$][\w.$]*|\d+)\s*:/.exec(stmt);
        if (!lm) break;
        if (targets.has(lm[1]!) && inCode) out.push('\t.p2align 5');
        out.push(`${lm[1]}:`);
        stmt = stmt.slice(lm[0].length);
      }
      const text = stmt.trim();
      if (text === '') continue;
      if (text.startsWith('.')) {
        const fileDir = /^\.file\s+(\d+)\s+(?:"[^"]*"\s+)?"([^"]*)"/.exec(text);
        if (fileDir) files.set(fileDir[1]!, fileDir[2]!);
        const loc = /^\.loc\s+(\d+)\s+(\d+)/.exec(text);
        if (loc) location = `${files.get(loc[1]!) ?? options.sourceName ?? '?'}:${loc[2]}`;
        if (/^\.(bundle_lock|bundle_unlock|bundle_align_mode)\b/.test(text)) {
          fail(text, 'the input must not manage bundles itself');
        }
        if (/^\.code(16|32)\b/.test(text)) fail(text, 'only 64-bit code can be sandboxed');
        out.push(`\t${text}`);
        continue;
      }
      if (!inCode) fail(text, 'instructions outside a code section');
      // `rep; stosq` and `lock` on a line of its own: the prefix belongs to the next instruction
      if (BARE_PREFIX.test(text)) {
        pendingPrefix += `${text} `;
        continue;
      }
      const full = pendingPrefix + text;
      pendingPrefix = '';
      try {
        const groups = sandboxInstruction(parseInstruction(full));
        for (const g of groups) emitGroup(g);
      } catch (e) {
        if (e instanceof Unsandboxable || e instanceof AsmSyntaxError) fail(full, e.message);
        throw e;
      }
    }
  });
  if (pendingPrefix !== '') throw new SandboxError(lines.length, location, pendingPrefix.trim(), 'a prefix with no instruction after it');
  return out.join('\n') + '\n';
}
