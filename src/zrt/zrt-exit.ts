/** Thrown by the exit system call to end the session; the caller reports `status` as the user return code. */
export class ZrtExit extends Error {
  override readonly name = 'ZrtExit';
  constructor(readonly status: number) {
    super(`guest exited with status ${status}`);
  }
}
