/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  setupFiles: ["<rootDir>/test/setup/customFunctionsShim.ts"],
  // office-addin-mock imports office-addin-manifest only for its OfficeApp enum; the real
  // package pulls ESM-only uuid/strip-bom, which jest cannot require (see toolchain.md).
  moduleNameMapper: { "^office-addin-manifest$": "<rootDir>/test/setup/officeAddinManifestShim.ts" },
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "<rootDir>/tsconfig.json", diagnostics: false }],
  },
  testTimeout: 120000,
};
