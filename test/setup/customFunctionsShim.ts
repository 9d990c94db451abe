/**
 * Jest runs outside Excel, where the custom-functions runtime is absent. This shim gives
 * the global `CustomFunctions` the same shape the runtime has (an `Error` class carrying
 * `code` and `message`, and the `ErrorCode` string enum), so src/functions runs unchanged.
 */
class CustomFunctionsErrorShim {
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

(globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = {
  Error: CustomFunctionsErrorShim,
  ErrorCode,
  associate: () => undefined,
};
