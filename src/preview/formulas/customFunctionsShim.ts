/**
 * The preview page runs the custom functions without office.js, where the global
 * `CustomFunctions` is absent. Importing this module gives it the runtime's shape (an
 * `Error` class carrying `code` and `message`, the `ErrorCode` string enum, and a no-op
 * `associate`, which the metadata plugin appends to each function file), only when no
 * runtime (or test shim) is there already.
 */

/** The runtime's error: an Excel error code ("#VALUE!") and an optional message. */
class PreviewCustomFunctionsError {
  readonly code: string;
  readonly message?: string;
  constructor(code: string, message?: string) {
    this.code = code;
    if (message !== undefined) this.message = message;
  }
}

const ErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

/**
 * Installs the stand-in `CustomFunctions` global unless one exists. Idempotent; runs once
 * when this module is imported. Cost: O(1).
 *
 * @example installCustomFunctionsShim(); new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, "why").code === "#VALUE!"
 */
export function installCustomFunctionsShim(): void {
  const global = globalThis as unknown as { CustomFunctions?: unknown };
  if (global.CustomFunctions !== undefined) return;
  global.CustomFunctions = { Error: PreviewCustomFunctionsError, ErrorCode, associate: () => undefined };
}

installCustomFunctionsShim();
