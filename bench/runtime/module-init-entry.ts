// Entry of module-init.mjs's bundle: initializes the runtime's modules group by group, dependencies
// first, and prints how long each group's top-level code took (JSON, one line).
const marks: [string, number][] = [];
let last = performance.now();
const step = (name: string): void => {
  const now = performance.now();
  marks.push([name, now - last]);
  last = now;
};
await import('../../src/decoder/tables.generated.ts'); step('decoder: tables.generated (JSON.parse)');
await import('../../src/decoder/forms.ts'); step('decoder: forms (Form records)');
await import('../../src/decoder/index.ts'); step('decoder: rest (FAST typed arrays...)');
await import('../../src/elf/index.ts'); step('elf');
await import('../../src/validator/shape-cache.ts'); step('validator: shape-cache');
await import('../../src/validator/index.ts'); step('validator: rest');
await import('../../src/simd/approx.ts'); step('simd: approx');
await import('../../src/simd/registry.ts'); step('simd: registry');
await import('../../src/simd/sse-float.ts'); step('simd: sse-float');
await import('../../src/simd/sse-int.ts'); step('simd: sse-int');
await import('../../src/simd/x87.ts'); step('simd: x87');
await import('../../src/simd/exec.ts'); step('simd: exec + rest');
await import('../../src/fpu/binary.ts'); step('fpu: binary');
await import('../../src/cpu/alu.ts'); step('cpu: alu');
await import('../../src/cpu/kinds.ts'); step('cpu: kinds');
await import('../../src/cpu/index.ts'); step('cpu: rest');
await import('../../src/zrt/index.ts'); step('zrt');
await import('../../src/runtime/index.ts'); step('runtime');
await import('../../src/session/index.ts'); step('session');
await import('../../src/node/session/exec-nexe.ts'); step('node/session/exec-nexe');
console.log(JSON.stringify(marks));
export {};
