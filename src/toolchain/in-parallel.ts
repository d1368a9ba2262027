// A small job pool for the toolchain's parallel compiles.

/**
 * Runs `work` over `items` with at most `limit` running at once. After a failure no new item
 * starts, and the promise rejects with the first error only once every running job has ended,
 * so the caller may then delete the files those jobs were writing.
 */
export async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < items.length) {
      try {
        await work(items[next++]!);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== undefined) throw failure.error;
}
