/**
 * Jest stand-in for the `office-addin-manifest` package. office-addin-mock 4 imports it only
 * for the `OfficeApp` enum (to tell Outlook's load semantics apart), but the real package
 * pulls ESM-only `uuid` and `strip-bom`, which jest's CommonJS runtime cannot require.
 * jest.config.js maps the module name here; nothing else in the project uses the package
 * at test time (the manifest tests read manifest.xml directly).
 */
export enum OfficeApp {
  Excel = "excel",
  OneNote = "onenote",
  Outlook = "outlook",
  PowerPoint = "powerpoint",
  Project = "project",
  Word = "word",
}
