// Builds the add-in into dist/:
//   taskpane.html   the shared-runtime page: office.js, then the functions and taskpane bundles
//   functions.js    custom functions (+ CustomFunctions.associate calls, appended by the plugin)
//   functions.json  custom functions metadata, generated from the JSDoc @customfunction tags
//   taskpane.js     the task pane (React + Fluent UI)
//   preview.html    the task pane beside an in-memory workbook, no Excel or office.js needed
//   preview.js      (src/preview) and sample/customers.csv, transactions.csv and lines.csv, the sample tables it loads
//   office-js/      a local copy of @microsoft/office-js/dist, so nothing loads from a CDN
//   assets/         icons;  manifest.xml
const path = require("node:path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");

const functionsEntry = "./src/functions/functions.ts";
// The files whose JSDoc @customfunction tags make functions.json (functions.ts re-exports them).
const functionSources = ["./src/functions/valueScoring.ts", "./src/functions/behaviour.ts", "./src/functions/lifecycle.ts", "./src/functions/clvFormulas.ts", "./src/functions/lifetimeValue.ts", "./src/functions/crossSell.ts", "./src/functions/development.ts"];

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
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
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
