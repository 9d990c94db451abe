/**
 * Jest runs outside Excel, where the custom-functions runtime is absent. The preview page's
 * stand-in gives the global `CustomFunctions` the runtime's shape (an `Error` class carrying
 * `code` and `message`, the `ErrorCode` string enum, a no-op `associate`), so src/functions
 * runs unchanged: one shim for the tests and the preview.
 */
import "../../src/preview/formulas/customFunctionsShim";
