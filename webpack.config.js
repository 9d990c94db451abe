// Builds the add-in into dist/:
//   taskpane.html   the shared-runtime page: office.js, then the functions and taskpane bundles
//   functions.js    custom functions (+ CustomFunctions.associate calls, appended by the plugin)
//   functions.json  custom functions metadata, generated from the JSDoc @customfunction tags
//   taskpane.js     the task pane (React + Fluent UI)
//   preview.html    the task pane beside an in-memory workbook, no Excel or office.js needed
//   preview.js      (src/preview) and sample/customers.csv, transactions.csv and lines.csv, the sample tables it loads
//   office-js/      a local copy of @microsoft/office-js/dist, so nothing loads from a CDN
//   assets/         icons;  manifest.xml
const { readFileSync } = require("node:fs");
const path = require("node:path");
const { DefinePlugin } = require("webpack");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");

const functionsEntry = "./src/functions/functions.ts";
// The files whose JSDoc @customfunction tags make functions.json, from the one list of them,
// src/functions/sources.json (functions.ts re-exports them; test/build checks both).
const functionsDir = path.resolve(__dirname, "src/functions");
const functionSources = require("./src/functions/sources.json").files.map((file) => path.join(functionsDir, file));

/**
 * The function ids the files declare, in file and tag order: the first word after each
 * `@customfunction` tag (case-insensitive, as the metadata generator reads it), upper-cased
 * as functions.json has it. An id left to default to the JS name is refused, so the tags
 * alone say the ids.
 */
function declaredFunctionIds(files) {
  return files.flatMap((file) => {
    const source = readFileSync(file, "utf8");
    const ids = [...source.matchAll(/^[ \t]*\*?[ \t]*@customfunction\b[ \t]*([^\s*]*)/gim)].map((m, i) => {
      if (!m[1]) throw new Error(`${path.relative(__dirname, file)}: @customfunction tag ${i + 1} has no id`);
      return m[1].toUpperCase();
    });
    if (ids.length === 0) throw new Error(`${path.relative(__dirname, file)} is in src/functions/sources.json but has no @customfunction tag`);
    return ids;
  });
}

/** @type {(env: unknown, argv: { mode?: string }) => import("webpack").Configuration} */
module.exports = (_env, argv) => {
  const production = argv.mode !== "development";
  return {
    mode: production ? "production" : "development",
    devtool: "source-map",
    context: __dirname,
    entry: {
      functions: functionsEntry,
      taskpane: "./src/taskpane/index.tsx",
      preview: "./src/preview/index.tsx",
    },
    output: {
      path: process.env.CV_DIST ? path.resolve(process.env.CV_DIST) : path.resolve(__dirname, "dist"),
      filename: "[name].js",
      // Chunks loaded on demand: exceljs.chunk.js, fetched when someone opens an .xlsx in the preview.
      chunkFilename: "[name].chunk.js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js", ".mjs"],
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            // Types are checked by `npm run typecheck`; tsconfig.build.json leaves test/ out.
            options: { configFile: "tsconfig.build.json", transpileOnly: true },
          },
        },
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: functionSources }),
      // The task pane's list of functions (src/taskpane/functionNames.ts), read from the same
      // files at build time; re-read when one of them changes under `npm start`.
      new DefinePlugin({
        __CV_FUNCTION_NAMES__: DefinePlugin.runtimeValue(() => JSON.stringify(declaredFunctionIds(functionSources)), {
          fileDependencies: functionSources,
        }),
      }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // Shared runtime: this one page hosts both the custom functions and the task pane.
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
        inject: "head",
        scriptLoading: "defer",
      }),
      new HtmlWebpackPlugin({
        filename: "preview.html",
        template: "./src/preview/preview.html",
        // Only the preview bundle: no office.js, no custom functions.
        chunks: ["preview"],
        inject: "head",
        scriptLoading: "defer",
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "manifest.xml", to: "manifest.xml" },
          { from: "assets/sample/customers.csv", to: "sample/customers.csv" },
          { from: "assets/sample/transactions.csv", to: "sample/transactions.csv" },
          { from: "assets/sample/lines.csv", to: "sample/lines.csv" },
          {
            from: "node_modules/@microsoft/office-js/dist",
            to: "office-js",
            globOptions: { ignore: ["**/*.debug.js"] },
            // Already minified: without this terser re-minifies ~30 MB (90 s instead of ~8 s).
            info: { minimized: true },
          },
        ],
      }),
    ],
    // office.js and the Fluent UI bundle are large by nature; size hints would only be noise.
    performance: { hints: false },
    stats: {
      preset: "normal",
      excludeAssets: [/^office-js\//],
    },
  };
};
