import { existsSync } from "node:fs";
import path from "node:path";

/**
 * A file of the shared, read-only data folder that sits beside the repository
 * (`../shared/data`, as on every developer machine and in CI), or under CV_SHARED_DIR.
 * Fails loudly when it is missing: the real-data tests must not pass by skipping.
 */
export function sharedDataFile(relative: string): string {
  const root = process.env.CV_SHARED_DIR ?? path.resolve(__dirname, "../../../shared");
  const file = path.join(root, "data", relative);
  if (!existsSync(file)) {
    throw new Error(`${file} is missing: the shared data folder must sit beside the repository (../shared) or be named by CV_SHARED_DIR`);
  }
  return file;
}
