// Ids for values in order of first appearance (op names, shared operand rows of the generated tables).
export interface Interner<T> {
  /** The values, by id. */
  readonly values: T[];
  /** The id of `value` (a value with a new key gets the next id). */
  idOf(value: T): number;
}

export function interner<T>(keyOf: (value: T) => unknown): Interner<T> {
  const ids = new Map<unknown, number>();
  const values: T[] = [];
  return {
    values,
    idOf(value: T): number {
      const key = keyOf(value);
      let id = ids.get(key);
      if (id === undefined) {
        id = values.length;
        values.push(value);
        ids.set(key, id);
      }
      return id;
    },
  };
}
