import { CvError } from "../../src/engine/core/errors";

/** The CvError a call throws; fails the test when the call returns or throws something else. */
export function thrownCvError(fn: () => unknown): CvError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CvError) return error;
    throw error;
  }
  throw new Error("expected a CvError, but the call returned normally");
}
