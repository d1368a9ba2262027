/** Bad command-line input: reported as one line, exit status 2. */
export class UsageError extends Error {}
