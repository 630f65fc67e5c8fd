// ESLint for the explorer's script, run by .ci/run from the repository's root (ESLint 9 takes the working
// directory as the base path of a config given with --config; files outside it would be ignored):
//   tests/js/node_modules/.bin/eslint --config tests/js/eslint.config.js --max-warnings 0 kgraph/templates
// The script is one classic script inlined in the page after vis-network: no modules, no build step.
import js from "@eslint/js";
import globals from "globals";

export default [
  {
    files: ["kgraph/templates/**/*.js"],
    ...js.configs.recommended,
  },
  {
    files: ["kgraph/templates/**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      globals: { ...globals.browser, vis: "readonly" },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "no-var": "error",
      "prefer-const": "error",
      "no-use-before-define": ["error", { functions: true, classes: true, variables: true }],
      "prefer-arrow-callback": "error",
      "prefer-template": "error",
      "object-shorthand": "error",
      eqeqeq: "error",
      strict: ["error", "function"],
      "no-implicit-globals": "error",
    },
  },
];
