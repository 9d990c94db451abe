/**
 * Structure checks for manifest.xml that Office would otherwise only report when sideloading
 * (the online `office-addin-manifest validate` service is out of reach here): resource ids
 * resolve to the right kind of resource, the shared runtime is wired consistently, the
 * custom-function URLs match the build outputs, and the icons exist at their stated sizes.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import {
  DIST,
  NS,
  ROOT,
  XmlElement,
  at,
  descendants,
  findAll,
  parseXml,
  pngSize,
  requireDist,
  xsiType,
} from "./helpers";

const BASE_URL = "https://localhost:3000/";
const manifestText = readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
const app = parseXml(manifestText);
const vo = at(app, NS.overrides, "VersionOverrides");
const host = at(vo, NS.overrides, "Hosts", "Host");
const resources = at(vo, NS.overrides, "Resources");

type Kind = "Image" | "Url" | "ShortString" | "LongString";

/** Resource id -> { kind, value } from <Resources>. */
function resourceTable(): Map<string, { kind: Kind; value: string }> {
  const table = new Map<string, { kind: Kind; value: string }>();
  const groups: [string, string, Kind][] = [
    ["Images", "Image", "Image"],
    ["Urls", "Url", "Url"],
    ["ShortStrings", "String", "ShortString"],
    ["LongStrings", "String", "LongString"],
  ];
  for (const [group, item, kind] of groups) {
    const parent = at(resources, NS.bt, group);
    for (const el of parent.children) {
      if (el.uri !== NS.bt || el.local !== item) throw new Error(`<bt:${group}> holds a <${el.local}>`);
      const id = el.attrs.id;
      const value = el.attrs.DefaultValue;
      if (!id || value === undefined) throw new Error(`<bt:${item}> in <bt:${group}> needs id and DefaultValue`);
      if (table.has(id)) throw new Error(`duplicate resource id ${id}`);
      table.set(id, { kind, value });
    }
  }
  return table;
}

const table = resourceTable();

/** The kind of resource an element's resid must point to. */
function expectedKind(el: XmlElement): Kind {
  if (el.uri === NS.bt && el.local === "Image") return "Image";
  switch (el.local) {
    case "Runtime":
    case "SourceLocation":
    case "FunctionFile":
    case "LearnMoreUrl":
      return "Url";
    case "Label":
    case "Title":
    case "Namespace":
      return "ShortString";
    case "Description":
      return "LongString";
    default:
      throw new Error(`no rule for the resid of <${el.local}>`);
  }
}

function resolve(el: XmlElement): { kind: Kind; value: string } {
  const resid = el.attrs.resid;
  if (!resid) throw new Error(`<${el.local}> has no resid`);
  const res = table.get(resid);
  if (!res) throw new Error(`resid "${resid}" on <${el.local}> is not defined in <Resources>`);
  return res;
}

/** A URL on the dev server -> the path of the file below it ("assets/icon-16.png"). */
function localPath(url: string): string {
  expect(url.startsWith(BASE_URL)).toBe(true);
  return url.slice(BASE_URL.length);
}

describe("manifest.xml", () => {
  test("is well-formed XML (xmllint, when installed)", () => {
    let xmllint = "";
    try {
      xmllint = execFileSync("sh", ["-c", "command -v xmllint"], { encoding: "utf8" }).trim();
    } catch {
      xmllint = "";
    }
    if (!xmllint) {
      // parseXml (saxes) above already rejected any well-formedness error; xmllint is a second opinion.
      console.warn("xmllint not installed (apt-get install -y libxml2-utils): skipped the xmllint check");
      return;
    }
    execFileSync(xmllint, ["--noout", path.join(ROOT, "manifest.xml")], { stdio: "pipe" });
  });

  test("is a task pane app with the expected identity and permissions", () => {
    expect(app.uri).toBe(NS.officeApp);
    expect(app.local).toBe("OfficeApp");
    expect(xsiType(app)).toBe("TaskPaneApp");
    expect(at(app, NS.officeApp, "Id").text.trim()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
    );
    expect(at(app, NS.officeApp, "Version").text.trim()).toMatch(/^\d+(\.\d+){0,3}$/);
    expect(at(app, NS.officeApp, "DisplayName").attrs.DefaultValue).toBe("Customer Value");
    expect(at(app, NS.officeApp, "Permissions").text.trim()).toBe("ReadWriteDocument");
    const hosts = at(app, NS.officeApp, "Hosts").children.map((h) => h.attrs.Name);
    expect(hosts).toEqual(["Workbook"]);
    expect(xsiType(vo)).toBe("VersionOverridesV1_0");
    expect(xsiType(host)).toBe("Workbook");
  });

  test("requires the SharedRuntime 1.1 requirement set", () => {
    const sets = findAll(app, NS.officeApp, "Set").concat(findAll(app, NS.bt, "Set"));
    const shared = sets.find((s) => s.attrs.Name === "SharedRuntime");
    expect(shared).toBeDefined();
    expect(shared?.attrs.MinVersion).toBe("1.1");
  });

  test("every resid resolves to a defined resource of the right kind", () => {
    const withResid = descendants(app).filter((el) => el.attrs.resid !== undefined);
    expect(withResid.length).toBeGreaterThan(10);
    for (const el of withResid) {
      const resid = el.attrs.resid ?? "";
      expect(resid.length).toBeLessThanOrEqual(32);
      const res = resolve(el);
      expect({ resid, kind: res.kind }).toEqual({ resid, kind: expectedKind(el) });
      expect(res.value.trim()).not.toBe("");
    }
  });

  test("every defined resource is used", () => {
    const used = new Set(descendants(app).map((el) => el.attrs.resid).filter(Boolean));
    expect([...table.keys()].filter((id) => !used.has(id))).toEqual([]);
  });

  test("uses one long-lived shared runtime for the task pane, ribbon and custom functions", () => {
    const runtimes = at(host, NS.overrides, "Runtimes").children;
    expect(runtimes).toHaveLength(1);
    const runtime = runtimes[0]!;
    expect(runtime.local).toBe("Runtime");
    expect(runtime.attrs.lifetime).toBe("long");
    const runtimeResid = runtime.attrs.resid;
    expect(resolve(runtime).value).toBe(`${BASE_URL}taskpane.html`);

    const cf = findAll(host, NS.overrides, "ExtensionPoint").find((e) => xsiType(e) === "CustomFunctions");
    if (!cf) throw new Error("no CustomFunctions extension point");
    expect(cf.parent?.local).toBe("AllFormFactors");
    expect(at(cf, NS.overrides, "Page", "SourceLocation").attrs.resid).toBe(runtimeResid);

    const actions = findAll(host, NS.overrides, "Action").filter((a) => xsiType(a) === "ShowTaskpane");
    expect(actions.length).toBeGreaterThanOrEqual(1);
    for (const action of actions) {
      expect(at(action, NS.overrides, "SourceLocation").attrs.resid).toBe(runtimeResid);
    }
    expect(at(host, NS.overrides, "DesktopFormFactor", "FunctionFile").attrs.resid).toBe(runtimeResid);
    expect(at(app, NS.officeApp, "DefaultSettings", "SourceLocation").attrs.DefaultValue).toBe(
      resolve(runtime).value,
    );
  });

  test("custom functions: namespace CV and script/page/metadata URLs that the build produces", () => {
    requireDist("functions.js", "taskpane.html", "functions.json");
    const cf = findAll(host, NS.overrides, "ExtensionPoint").find((e) => xsiType(e) === "CustomFunctions");
    if (!cf) throw new Error("no CustomFunctions extension point");
    expect(resolve(at(cf, NS.overrides, "Namespace")).value).toBe("CV");
    const urls = {
      Script: resolve(at(cf, NS.overrides, "Script", "SourceLocation")).value,
      Page: resolve(at(cf, NS.overrides, "Page", "SourceLocation")).value,
      Metadata: resolve(at(cf, NS.overrides, "Metadata", "SourceLocation")).value,
    };
    expect(urls).toEqual({
      Script: `${BASE_URL}functions.js`,
      Page: `${BASE_URL}taskpane.html`,
      Metadata: `${BASE_URL}functions.json`,
    });
    for (const url of Object.values(urls)) {
      expect(existsSync(path.join(DIST, localPath(url)))).toBe(true);
    }
  });

  test("every URL resource points to a file the build serves", () => {
    requireDist("taskpane.html");
    for (const [id, res] of table) {
      if (res.kind !== "Url") continue;
      const file = localPath(res.value);
      expect({ id, file, exists: existsSync(path.join(DIST, file)) }).toEqual({ id, file, exists: true });
    }
  });

  test("a ribbon button on the Home tab opens the task pane", () => {
    const surface = findAll(host, NS.overrides, "ExtensionPoint").find(
      (e) => xsiType(e) === "PrimaryCommandSurface",
    );
    if (!surface) throw new Error("no PrimaryCommandSurface");
    const buttons = findAll(surface, NS.overrides, "Control").filter((c) => xsiType(c) === "Button");
    expect(buttons).toHaveLength(1);
    const action = at(buttons[0]!, NS.overrides, "Action");
    expect(xsiType(action)).toBe("ShowTaskpane");
    expect(at(action, NS.overrides, "TaskpaneId").text.trim()).not.toBe("");
  });

  test("icons exist in assets/ (and dist/assets/) at their stated pixel sizes", () => {
    requireDist("assets");
    const checked = new Set<string>();
    const check = (url: string, size: number) => {
      const rel = localPath(url);
      expect(rel).toMatch(/^assets\/icon-\d+\.png$/);
      expect(rel).toBe(`assets/icon-${size}.png`);
      const file = path.join(ROOT, rel);
      expect(existsSync(file)).toBe(true);
      expect(pngSize(file)).toEqual({ width: size, height: size });
      expect(readFileSync(path.join(DIST, rel)).equals(readFileSync(file))).toBe(true);
      checked.add(rel);
    };
    check(at(app, NS.officeApp, "IconUrl").attrs.DefaultValue ?? "", 32);
    check(at(app, NS.officeApp, "HighResolutionIconUrl").attrs.DefaultValue ?? "", 64);
    const images = findAll(host, NS.bt, "Image");
    expect(images.length).toBeGreaterThan(0);
    for (const img of images) check(resolve(img).value, Number(img.attrs.size));
    for (const [, res] of table) {
      if (res.kind === "Image") check(res.value, Number(/icon-(\d+)\.png$/.exec(res.value)?.[1]));
    }
    expect([...checked].sort()).toEqual([
      "assets/icon-16.png",
      "assets/icon-32.png",
      "assets/icon-64.png",
      "assets/icon-80.png",
    ]);
  });

  test("dist/manifest.xml is the manifest as committed", () => {
    requireDist("manifest.xml");
    expect(readFileSync(path.join(DIST, "manifest.xml"), "utf8")).toBe(manifestText);
  });
});
