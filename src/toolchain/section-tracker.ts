// Follows gas's current section through .text/.data/.bss/.section and the
// .pushsection/.popsection/.previous stack, so the sandboxing pass knows whether
// a statement lands in code, data or gcc's debug sections.

export interface SectionInfo {
  name: string;
  /** executable: instructions are allowed and get sandboxed */
  code: boolean;
  /** a DWARF section written by gcc */
  debug: boolean;
}

const TEXT: SectionInfo = { name: '.text', code: true, debug: false };

function describe(directive: string): SectionInfo | undefined {
  const m = /^\.(text|data|bss|section|pushsection)\b\s*([^,\s]*)?(.*)$/.exec(directive);
  if (!m) return undefined;
  if (m[1] === 'text') return TEXT;
  if (m[1] === 'data' || m[1] === 'bss') return { name: `.${m[1]}`, code: false, debug: false };
  const name = (m[2] ?? '').replace(/"/g, '');
  const flags = /,\s*"([^"]*)"/.exec(m[3] ?? '');
  const code = name.startsWith('.text') || (flags ? flags[1]!.includes('x') : false);
  return { name, code, debug: name.startsWith('.debug') };
}

export class SectionTracker {
  current: SectionInfo = TEXT;
  private previous: SectionInfo = TEXT;
  private readonly stack: SectionInfo[] = [];

  /** Applies a section directive; returns false when `directive` is not one. */
  apply(directive: string): boolean {
    if (/^\.previous\b/.test(directive)) {
      [this.current, this.previous] = [this.previous, this.current];
      return true;
    }
    if (/^\.popsection\b/.test(directive)) {
      const top = this.stack.pop();
      if (top) {
        this.previous = this.current;
        this.current = top;
      }
      return true;
    }
    const next = describe(directive);
    if (!next) return false;
    if (directive.startsWith('.pushsection')) this.stack.push(this.current);
    this.previous = this.current;
    this.current = next;
    return true;
  }
}
