import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// Imports flow one way: app → server → db, and anything may import lib; lib imports none of them.
const layer = (files, forbidden, message) => ({
  files,
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          {
            group: forbidden.flatMap((dir) => [`@/${dir}`, `@/${dir}/*`, `../${dir}/*`, `../../${dir}/*`, `../../../${dir}/*`]),
            message,
          },
        ],
      },
    ],
  },
});

const config = [
  {
    ignores: [".next/**", "node_modules/**", "bench/baseline/.next/**", "test-results/**", "playwright-report/**", "next-env.d.ts", ".data/**"],
  },
  ...nextVitals,
  ...nextTypescript,
  layer(["lib/**"], ["app", "server", "db"], "lib/ is shared pure code: it imports none of app/, server/ or db/."),
  layer(["db/**"], ["app", "server"], "db/ is the bottom layer: it imports only lib/."),
  layer(["server/**"], ["app"], "server/ never imports app/: routes call services, not the other way round."),
  layer(["app/**"], ["db"], "app/ renders; it reaches data through server/ (services or the tRPC caller)."),
  {
    // Playwright's fixture callback is named `use`; there is no React in e2e/.
    files: ["e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      "@next/next/no-html-link-for-pages": "off",
      // Post media is served by our access-checked route in pre-sized variants. next/image would
      // fetch it server-side without the viewer's session and cache it across viewers.
      "@next/next/no-img-element": "off",
    },
  },
];

export default config;
